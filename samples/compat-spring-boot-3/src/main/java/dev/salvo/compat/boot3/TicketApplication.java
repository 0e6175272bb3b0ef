package dev.salvo.compat.boot3;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Hands out numbered tickets, each number once, however many requests arrive together. */
@SpringBootApplication
@RestController
public class TicketApplication {

    private final AtomicInteger issued = new AtomicInteger();

    public static void main(String[] args) {
        SpringApplication.run(TicketApplication.class, args);
    }

    @PostMapping("/tickets")
    ResponseEntity<String> issue() {
        return ResponseEntity.status(201).body(Integer.toString(issued.incrementAndGet()));
    }

    int issued() {
        return issued.get();
    }
}
