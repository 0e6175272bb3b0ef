package dev.salvo.samples.wallet;

/** Keeps account balances. */
public interface Ledger {

    /**
     * Adds to an account's balance.
     *
     * @param account the account's id
     * @param amount what to add
     * @return the balance this deposit left
     */
    long deposit(long account, long amount);

    /**
     * @param account the account's id
     * @return its balance
     */
    long balance(long account);
}
