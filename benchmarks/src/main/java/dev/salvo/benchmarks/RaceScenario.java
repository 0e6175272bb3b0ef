package dev.salvo.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How often a natural race is caught: every contender fires the same number of rounds of N
 * claims of one fresh code each at a {@link ClaimServer}, rounds interleaved contender by
 * contender; a round catches the race when more than one claim won.
 */
final class RaceScenario {

    /**
     * One contender's rounds.
     *
     * @param mode the contender's label
     * @param rounds rounds run
     * @param caught rounds in which more than one claim won
     * @param complete rounds in which every claim reached the handler and got its answer
     * @param winners winning claims per round, as the server counted them
     * @param handlerSpreads per round, the last handler start minus the first, in ms
     */
    record Result(String mode, int rounds, int caught, int complete, List<Integer> winners, List<Double> handlerSpreads) {

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
     * @param contenders who fires the claims; their requests go to {@code /CODE/i}
     * @param rounds rounds per contender
     * @param size claims per round
     * @param threads the claim server's handler threads and database connections
     * @param progress receives one line per 50 rounds
     */
    static List<Result> run(List<Contender> contenders, int rounds, int size, int threads, PrintStream progress)
            throws InterruptedException {
        List<List<Integer>> winners = new ArrayList<>();
        List<List<Double>> spreads = new ArrayList<>();
        int[] caught = new int[contenders.size()];
        int[] complete = new int[contenders.size()];
        for (int i = 0; i < contenders.size(); i++) {
            winners.add(new ArrayList<>());
            spreads.add(new ArrayList<>());
        }
        try (ClaimServer server = ClaimServer.start(threads)) {
            for (int round = 1; round <= rounds; round++) {
                for (int i = 0; i < contenders.size(); i++) {
                    String code = "race" + i + "x" + round;
                    Contender.Outcome outcome = fire(contenders.get(i), server, code, size, progress);
                    List<ClaimServer.Claim> claims = server.take(code);
                    int won = (int) claims.stream().filter(ClaimServer.Claim::won).count();
                    winners.get(i).add(won);
                    if (won > 1) {
                        caught[i]++;
                    }
                    if (claims.size() == size && outcome.answered() == won) {
                        complete[i]++;
                    }
                    if (claims.size() > 1) {
                        long first = claims.stream().mapToLong(ClaimServer.Claim::enteredNanos).min().getAsLong();
                        long last = claims.stream().mapToLong(ClaimServer.Claim::enteredNanos).max().getAsLong();
                        spreads.get(i).add((last - first) / 1e6);
                    }
                }
                if (round % 50 == 0 || round == rounds) {
                    StringBuilder line = new StringBuilder("race of " + size + ", round " + round + " of " + rounds + ": caught");
                    for (int i = 0; i < contenders.size(); i++) {
                        line.append(' ').append(caught[i]);
                    }
                    progress.println(line);
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < contenders.size(); i++) {
            results.add(new Result(contenders.get(i).mode(), rounds, caught[i], complete[i], winners.get(i), spreads.get(i)));
        }
        return results;
    }

    private static Contender.Outcome fire(Contender contender, ClaimServer server, String code, int size, PrintStream progress)
            throws InterruptedException {
        try {
            return contender.burst(server.baseUrl(), code, size);
        } catch (InterruptedException interrupted) {
            throw interrupted;
        } catch (Exception failed) {
            progress.println("race, " + contender.mode() + ", " + code + ": FAILED: " + failed);
            return Contender.Outcome.answered(-1);
        }
    }

    /** @return a share as a percentage with one decimal, e.g. "12.5 %" */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
