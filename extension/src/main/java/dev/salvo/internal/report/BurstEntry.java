package dev.salvo.internal.report;

import java.time.Instant;

/**
 * What the index and a test page's round table keep of one burst once it is written. Not API.
 *
 * @param test the test method
 * @param round the round, from 1
 * @param rounds how many rounds the method runs
 * @param startedAt the burst's wall-clock start
 * @param stats the burst's summary figures
 * @param testFailure how the test failed, shortened, or {@code null} when it passed
 * @param pageFile the test page's file name
 * @param jsonFile the burst's JSON file name
 * @param drawn whether the test page draws this burst's timeline
 */
record BurstEntry(ReportedTest test, int round, int rounds, Instant startedAt, BurstStats stats, String testFailure,
        String pageFile, String jsonFile, boolean drawn) {

    static BurstEntry of(BurstReport report, BurstStats stats, String pageFile, String jsonFile, boolean drawn) {
        return new BurstEntry(report.test(), report.round(), report.rounds(), report.startedAt(), stats,
                report.failure().map(Texts::describe).orElse(null), pageFile, jsonFile, drawn);
    }

    boolean testFailed() {
        return testFailure != null;
    }

    /** @return the id of the burst's section on its test page: "round-2" */
    String anchor() {
        return "round-" + round;
    }

    /** @return where the burst is shown on its test page, relative to the page */
    String pageLink() {
        return drawn ? pageFile + "#" + anchor() : pageFile;
    }

    /** @return "2 of 5", or "1" for a method that runs once */
    String roundText() {
        return rounds == 1 ? "1" : round + " of " + rounds;
    }
}
