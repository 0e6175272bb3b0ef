package dev.salvo.samples.wallet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small wallet service: {@code POST /accounts/{id}/deposits?amount=N} adds to a balance kept
 * in a database, {@code GET /accounts/{id}} reads it. Which {@link Ledger} does the adding is
 * chosen by the property {@code wallet.ledger}.
 */
@SpringBootApplication
public class WalletApplication {

    /**
     * Runs the service.
     *
     * @param args Spring Boot's command-line arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(WalletApplication.class, args);
    }
}
