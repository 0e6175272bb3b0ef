package dev.salvo.samples.wallet;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP face of the {@link Ledger}: balances as plain numbers. */
@RestController
class AccountController {

    private final Ledger ledger;

    AccountController(Ledger ledger) {
        this.ledger = ledger;
    }

    @PostMapping("/accounts/{id}/deposits")
    String deposit(@PathVariable long id, @RequestParam long amount) {
        return Long.toString(ledger.deposit(id, amount));
    }

    @GetMapping("/accounts/{id}")
    String balance(@PathVariable long id) {
        return Long.toString(ledger.balance(id));
    }
}
