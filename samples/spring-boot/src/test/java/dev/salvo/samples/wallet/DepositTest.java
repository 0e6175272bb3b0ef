package dev.salvo.samples.wallet;

import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.BaseUrl;
import dev.salvo.ConcurrentRequests;
import dev.salvo.Responses;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.ClassUtils;

/**
 * Twenty simultaneous deposits of 10 into one account must leave a balance of 200. The
 * application runs on a random port on its embedded Jetty server; {@link LocalServerPort}
 * feeds the {@link BaseUrl}. Three rounds, the account reset to 0 before each. The write gate
 * ({@link WriteGateConfiguration}, {@code holdWrites}) holds each deposit at its first write
 * until all twenty have read, so every round runs the schedule that loses updates.
 *
 * <p>This class tests the configured (atomic) ledger and passes. {@link LostUpdateProofTest}
 * runs it against the read-modify-write ledger, where deposits are lost in every round.
 */
// tag::spring-gate-import[]
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(WriteGateConfiguration.class)
// end::spring-gate-import[]
@DirtiesContext // close this class's context, with its server and database, when the class is done
class DepositTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Ledger ledger;

    // tag::spring-base-url[]
    @LocalServerPort
    int port;

    @BaseUrl
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
    // end::spring-base-url[]

    @BeforeEach
    void openEmptyAccount() {
        jdbc.update("MERGE INTO accounts (id, balance) KEY (id) VALUES (1, 0)");
    }

    // tag::spring-deposits[]
    // holdBoundMillis: the first round may meet a pool still opening its connections (HikariCP opens one about every 30 ms)
    @ConcurrentRequests(count = 20, rounds = 3, holdWrites = true, holdBoundMillis = 2_000,
            method = "POST", url = "/accounts/1/deposits?amount=10")
    void noDepositIsLost(Responses responses) {
        long balance = jdbc.queryForObject("SELECT balance FROM accounts WHERE id = 1", Long.class);
        System.out.println("[sample] spring boot, " + ClassUtils.getUserClass(ledger).getSimpleName() + ": 20 simultaneous deposits"
                + " of 10 left a balance of " + balance + " (" + responses + ")");
        assertThat(responses).hasSize(20).allHaveStatus(200).allReachedTheGate();
        assertThat(balance).isEqualTo(200);
    }
    // end::spring-deposits[]
}
