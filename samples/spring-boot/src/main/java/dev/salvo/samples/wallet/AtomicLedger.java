package dev.salvo.samples.wallet;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The fix: the database does the arithmetic, in one statement, under the row's lock. A
 * deposit that waits for another one's lock adds to the balance that one committed.
 */
@Service
@ConditionalOnProperty(name = "wallet.ledger", havingValue = "atomic", matchIfMissing = true)
class AtomicLedger implements Ledger {

    private final JdbcTemplate jdbc;

    AtomicLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // tag::atomic-update[]
    @Override
    @Transactional
    public long deposit(long account, long amount) {
        jdbc.update("UPDATE accounts SET balance = balance + ? WHERE id = ?", amount, account);
        return balance(account); // our own update holds the row until commit
    }
    // end::atomic-update[]

    @Override
    public long balance(long account) {
        return jdbc.queryForObject("SELECT balance FROM accounts WHERE id = ?", Long.class, account);
    }
}
