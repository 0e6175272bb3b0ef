package dev.salvo.truthful;

import dev.salvo.Burst;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.time.Duration;

/**
 * Run in a child JVM with a low descriptor limit by {@link DescriptorExhaustionTest}: fires a
 * burst larger than the limit at the port given and prints the first failure, one line each for
 * its message and its cause's.
 */
public final class DescriptorExhaustion {

    private DescriptorExhaustion() {}

    public static void main(String[] args) {
        // Classes of this build load from files, one descriptor each: a small burst first loads
        // what answers need, so that only connections run short.
        Burst.of(3).baseUrl("http://127.0.0.1:" + args[0]).prepare(i -> RequestSpec.get("/echo/warm")).fire().toString();
        Responses responses = Burst.of(Integer.parseInt(args[1])).baseUrl("http://127.0.0.1:" + args[0])
                .timeout(Duration.ofSeconds(30)).prepare(i -> RequestSpec.get("/delay?ms=3000")).fire();
        System.out.println("SUMMARY " + responses);
        responses.failures().stream().map(RequestResult::failure).flatMap(java.util.Optional::stream)
                .map(failure -> failure + " <- " + failure.getCause()).distinct().limit(5)
                .forEach(line -> System.out.println("FAILURE " + line));
    }
}
