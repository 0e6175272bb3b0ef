package dev.salvo.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How often a natural race is caught: every contender fires the same number of rounds of N
 * requests at a {@link RaceServer}, rounds interleaved contender by contender. In the
 * check-then-insert race each round claims one fresh code, and catches the race when more than
 * one claim won; in the lost-update race each round deposits into one fresh account, and catches
 * it when the balance is short of N deposits.
 */
final class RaceScenario {

    /** The servers the races run on. */
    enum Server {
        /** {@link ClaimServer}. */
        JDK,
        /** {@link SpringRaceServer}. */
        SPRING;

        RaceServer start(int threads) {
            return this == JDK ? ClaimServer.start(threads) : SpringRaceServer.start(threads);
        }
    }

    /** The races, and their fixes. */
    enum Race {
        /** {@code SELECT COUNT(*)}, then {@code INSERT}: more than one winner is the bug. */
        CHECK_THEN_INSERT("check-then-insert", "claims of one fresh code", "claims won", "race"),
        /** {@code SELECT balance}, then {@code UPDATE ... SET balance = read + 10}: a short balance is the bug. */
        LOST_UPDATE("lost update", "deposits of 10 into one fresh account", "deposits lost", RaceServer.DEPOSIT_PREFIX),
        /** The check-then-insert against a unique constraint: never more than one winner. */
        UNIQUE_CONSTRAINT("check-then-insert fixed with a unique constraint", "claims of one fresh code", "claims won",
                RaceServer.UNIQUE_PREFIX),
        /** The deposit as one {@code UPDATE ... SET balance = balance + 10}: never a short balance. */
        ATOMIC_UPDATE("lost update fixed with an atomic update", "deposits of 10 into one fresh account", "deposits lost",
                RaceServer.ATOMIC_PREFIX);

        final String title;
        final String requests;
        final String effect;
        private final String prefix;

        Race(String title, String requests, String effect, String prefix) {
            this.title = title;
            this.requests = requests;
            this.effect = effect;
            this.prefix = prefix;
        }

        /** @return whether a round deposits into an account, rather than claims a code */
        boolean deposits() {
            return this == LOST_UPDATE || this == ATOMIC_UPDATE;
        }

        String code(int contender, int round) {
            return prefix + contender + "x" + round;
        }
    }

    /**
     * One contender's rounds.
     *
     * @param mode the contender's label
     * @param rounds rounds run
     * @param caught rounds that caught the race
     * @param complete rounds in which every request reached the handler and the client saw every 200
     * @param winners per round, the race's effect as the server counted it: claims won, or deposits lost
     * @param handlerSpreads per round, the last handler start minus the first, in ms
     * @param holds per round with the write gate armed, how long it held the first write, in ms
     * @param allArrived rounds in which the write gate opened because every request had arrived
     */
    record Result(String mode, int rounds, int caught, int complete, List<Integer> winners, List<Double> handlerSpreads,
            List<Double> holds, int allArrived) {

        Result(String mode, int rounds, int caught, int complete, List<Integer> winners, List<Double> handlerSpreads) {
            this(mode, rounds, caught, complete, winners, handlerSpreads, List.of(), 0);
        }

        Optional<Stats> hold() {
            return holds.isEmpty() ? Optional.empty() : Optional.of(Stats.of(holds));
        }

        /** @return the share of rounds that caught the race, from 0 to 1 */
        double catchRate() {
            return rounds == 0 ? 0 : (double) caught / rounds;
        }

        /**
         * @return rounds a test needs to catch the race at least once with 95 % probability, if
         *     each round catches it with this result's catch rate; empty if it was never caught
         */
        Optional<Long> roundsFor95Percent() {
            return roundsFor(0.95, catchRate());
        }

        Optional<Stats> handlerSpread() {
            return handlerSpreads.isEmpty() ? Optional.empty() : Optional.of(Stats.of(handlerSpreads));
        }
    }

    private RaceScenario() {}

    /**
     * @return rounds needed so that at least one catches the race with probability
     *     {@code confidence}: ceil(log(1 - confidence) / log(1 - p)); 1 when p is 1, empty when p is 0
     */
    static Optional<Long> roundsFor(double confidence, double p) {
        if (p <= 0) {
            return Optional.empty();
        }
        if (p >= 1) {
            return Optional.of(1L);
        }
        return Optional.of((long) Math.ceil(Math.log(1 - confidence) / Math.log(1 - p) - 1e-9));
    }

    /**
     * Runs the scenario.
     *
     * @param contenders who fires the requests; their requests go to {@code /CODE/i}
     * @param rounds rounds per contender
     * @param size requests per round
     * @param server the server with the race, started and closed by the caller
     * @param race which race
     * @param progress receives one line per 50 rounds
     */
    static List<Result> run(List<Contender> contenders, int rounds, int size, RaceServer server, Race race, PrintStream progress)
            throws InterruptedException {
        List<List<Integer>> winners = new ArrayList<>();
        List<List<Double>> spreads = new ArrayList<>();
        int[] caught = new int[contenders.size()];
        int[] complete = new int[contenders.size()];
        int[] allArrived = new int[contenders.size()];
        List<List<Double>> holds = new ArrayList<>();
        for (int i = 0; i < contenders.size(); i++) {
            winners.add(new ArrayList<>());
            spreads.add(new ArrayList<>());
            holds.add(new ArrayList<>());
        }
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < contenders.size(); i++) {
                String code = race.code(i, round);
                if (race.deposits()) {
                    server.openAccount(code);
                }
                Contender.Outcome outcome = fire(contenders.get(i), server, code, size, progress);
                List<RaceServer.Claim> claims = server.take(code);
                int won = (int) claims.stream().filter(RaceServer.Claim::won).count();
                int effect;
                boolean whole;
                if (race.deposits()) {
                    long balance = server.balance(code);
                    effect = (int) (size - balance / RaceServer.DEPOSIT);
                    whole = claims.size() == size && won == size && outcome.answered() == size;
                } else {
                    effect = won;
                    whole = claims.size() == size && outcome.answered() == won;
                }
                winners.get(i).add(effect);
                if (race.deposits() ? effect > 0 : effect > 1) {
                    caught[i]++;
                }
                if (whole) {
                    complete[i]++;
                } else {
                    progress.println(race.title + " on " + server.name() + ", " + contenders.get(i).mode() + ", round " + round
                            + ": incomplete: the handler saw " + claims.size() + " of " + size + " requests, " + won
                            + " won, the client saw " + outcome.answered() + " answers of 200");
                }
                int contender = i;
                outcome.gate().ifPresent(gate -> {
                    holds.get(contender).add(gate.holdTime().toNanos() / 1e6);
                    if (gate.allArrived()) {
                        allArrived[contender]++;
                    }
                });
                if (claims.size() > 1) {
                    long first = claims.stream().mapToLong(RaceServer.Claim::enteredNanos).min().getAsLong();
                    long last = claims.stream().mapToLong(RaceServer.Claim::enteredNanos).max().getAsLong();
                    spreads.get(i).add((last - first) / 1e6);
                }
            }
            if (round % 50 == 0 || round == rounds) {
                StringBuilder line = new StringBuilder(race.title + " on " + server.name() + ", " + size + " a round, round "
                        + round + " of " + rounds + ": caught");
                for (int i = 0; i < contenders.size(); i++) {
                    line.append(' ').append(caught[i]);
                }
                progress.println(line);
            }
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < contenders.size(); i++) {
            results.add(new Result(contenders.get(i).mode(), rounds, caught[i], complete[i], winners.get(i), spreads.get(i),
                    holds.get(i), allArrived[i]));
        }
        return results;
    }

    private static Contender.Outcome fire(Contender contender, RaceServer server, String code, int size, PrintStream progress)
            throws InterruptedException {
        try {
            return contender.burst(server.baseUrl(), code, size);
        } catch (InterruptedException interrupted) {
            throw interrupted;
        } catch (Exception failed) {
            progress.println(server.name() + ", " + contender.mode() + ", " + code + ": FAILED: " + failed);
            return Contender.Outcome.answered(-1);
        }
    }

    /** @return a share as a percentage with one decimal, e.g. "12.5 %" */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
