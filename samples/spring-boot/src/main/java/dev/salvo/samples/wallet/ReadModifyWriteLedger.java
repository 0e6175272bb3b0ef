package dev.salvo.samples.wallet;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lost-update bug, in ordinary-looking code: read the balance, compute, write it back.
 * Two deposits that read the same balance both write "balance + amount", and one of them is
 * lost. {@code @Transactional} does not help: at the database's default isolation (read
 * committed) the second transaction reads the committed balance, waits for the first one's
 * row lock only when it writes, and then overwrites it. Nothing here widens the window between
 * the read and the write: on loopback it is microseconds, and only a test whose requests all
 * read before any writes ({@code holdWrites}) sees the bug every time.
 */
@Service
@ConditionalOnProperty(name = "wallet.ledger", havingValue = "read-modify-write")
class ReadModifyWriteLedger implements Ledger {

    private final JdbcTemplate jdbc;

    ReadModifyWriteLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // tag::read-modify-write[]
    @Override
    @Transactional
    public long deposit(long account, long amount) {
        long balance = balance(account);
        jdbc.update("UPDATE accounts SET balance = ? WHERE id = ?", balance + amount, account);
        return balance + amount;
    }
    // end::read-modify-write[]

    @Override
    public long balance(long account) {
        return jdbc.queryForObject("SELECT balance FROM accounts WHERE id = ?", Long.class, account);
    }
}
