package dev.salvo.samples.wallet;

import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lost-update bug, in ordinary-looking code: read the balance, compute, write it back.
 * Two deposits that read the same balance both write "balance + amount", and one of them is
 * lost. {@code @Transactional} does not help: at the database's default isolation (read
 * committed) the second transaction reads the committed balance, waits for the first one's
 * row lock only when it writes, and then overwrites it.
 */
@Service
@ConditionalOnProperty(name = "wallet.ledger", havingValue = "read-modify-write")
class ReadModifyWriteLedger implements Ledger {

    /**
     * Time between the read and the write. In production it holds a fraud check or another
     * service call; on loopback it would be microseconds, and the race would show only now and
     * then, so this pause models it.
     */
    static final Duration WORK_BETWEEN_READ_AND_WRITE = Duration.ofMillis(20);

    private final JdbcTemplate jdbc;

    ReadModifyWriteLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // tag::read-modify-write[]
    @Override
    @Transactional
    public long deposit(long account, long amount) {
        long balance = balance(account);
        Pause.of(WORK_BETWEEN_READ_AND_WRITE);
        jdbc.update("UPDATE accounts SET balance = ? WHERE id = ?", balance + amount, account);
        return balance + amount;
    }
    // end::read-modify-write[]

    @Override
    public long balance(long account) {
        return jdbc.queryForObject("SELECT balance FROM accounts WHERE id = ?", Long.class, account);
    }
}
