package dev.salvo.internal.report;

import static dev.salvo.internal.report.MiniJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.internal.plan.BurstPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads reporting bursts of different tests at once, as a parallel test run does. */
class ConcurrentReportsTest {

    private static final int THREADS = 8;
    private static final Pattern INDEX_ROW = Pattern.compile("<tr class=\"burst-row[^\"]*\"><td class=\"mono\">[^<]*</td>"
            + "<td><a href=\"([^\"]+)\">[^<]*</a></td><td>([^<]*)</td>");

    @TempDir
    Path dir;

    @Test
    void indexListsEveryBurstAsSoonAsItIsWritten() throws Exception {
        int perThread = 20;
        try (ReportWriter writer = new ReportWriter(dir)) {
            runAtOnce(writer, perThread, 1);

            assertIndexLists(THREADS * perThread, 1);
        }
    }

    @Test
    void manyBurstsWithRoundsEndUpCompleteAfterClose() throws Exception {
        int perThread = 30;
        int rounds = 3;
        try (ReportWriter writer = new ReportWriter(dir)) {
            runAtOnce(writer, perThread, rounds);
        }

        assertIndexLists(THREADS * perThread, rounds);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).filteredOn(p -> p.toString().endsWith(".json")).hasSize(THREADS * perThread);
            assertThat(all).filteredOn(p -> p.toString().endsWith(".html")).hasSize(THREADS * perThread / rounds + 1);
            assertThat(all).as("no temporary file left").noneMatch(p -> p.getFileName().toString().startsWith("."));
            for (Path json : all.stream().filter(p -> p.toString().endsWith(".json")).toList()) {
                assertThat(object(MiniJson.parse(Files.readString(json)))).containsKey("requests");
            }
        }
    }

    /**
     * Thread t writes bursts t, t + THREADS, ...; with rounds, burst n is round n % rounds + 1
     * of test n / rounds, so the rounds of one test come from different threads.
     */
    private void runAtOnce(ReportWriter writer, int perThread, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < perThread; i++) {
                        int burst = thread + i * THREADS;
                        ReportedTest test = Fixtures.test("dev.example.T" + (burst / rounds / 10), "m" + (burst / rounds));
                        writer.write(new BurstReport(test, burst % rounds + 1, rounds, BurstPlan.defaults(3),
                                Fixtures.threeRequests(), null));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private void assertIndexLists(int bursts, int rounds) throws Exception {
        String index = Files.readString(dir.resolve("index.html"));
        Matcher matcher = INDEX_ROW.matcher(index);
        List<String> listed = new ArrayList<>();
        while (matcher.find()) {
            listed.add(matcher.group(1) + " " + matcher.group(2));
        }
        List<String> expected = new ArrayList<>();
        for (int burst = 0; burst < bursts; burst++) {
            String page = "dev.example.T" + (burst / rounds / 10) + ".m" + (burst / rounds) + ".html";
            expected.add(rounds == 1 ? page + "#round-1 1" : page + "#round-" + (burst % rounds + 1) + " "
                    + (burst % rounds + 1) + " of " + rounds);
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(index).contains(bursts + " bursts of " + bursts / rounds + " tests, " + bursts * 3 + " requests");
        for (int test = 0; test < bursts / rounds; test++) {
            String page = Files.readString(dir.resolve("dev.example.T" + (test / 10) + ".m" + test + ".html"));
            assertThat(ReportWriterTest.count(page, "<section class=\"burst\"")).as("test %d", test).isEqualTo(rounds);
        }
    }
}
