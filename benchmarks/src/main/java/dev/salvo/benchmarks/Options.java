package dev.salvo.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What to run, from the program arguments ({@code -Dexec.args="..."} under Maven). Every
 * argument is {@code --name=value}; anything unknown or out of range is refused with a message.
 *
 * @param sizes burst sizes, each from 2 to 10 000
 * @param repetitions measured repetitions per mode and size (the median is over these)
 * @param warmup unmeasured rounds per size before the measured ones
 * @param coldRuns child JVMs for the fresh-JVM scenario; 0 skips it
 * @param coldSize requests in each fresh-JVM burst
 * @param throughputRequests requests in the throughput scenario; 0 skips it
 * @param maxInFlight cap on requests in flight in the throughput scenario
 * @param protocol what the timestamping server speaks
 */
record Options(List<Integer> sizes, int repetitions, int warmup, int coldRuns, int coldSize,
        int throughputRequests, int maxInFlight, TimestampServer.Protocol protocol) {

    static final String USAGE = String.join("\n",
            "arguments (all optional):",
            "  --sizes=10,100,1000     burst sizes, each 2..10000",
            "  --repetitions=9         measured repetitions per mode and size, 1..1000; the median is over these",
            "  --warmup=3              unmeasured rounds per size first, 0..100",
            "  --cold=5                fresh-JVM bursts, 0..100 (0 skips the scenario)",
            "  --cold-size=100         requests per fresh-JVM burst, 2..10000",
            "  --throughput=10000      requests in the throughput run, 0..10000 (0 skips it)",
            "  --in-flight=64          cap on requests in flight in the throughput run, 1..10000",
            "  --protocol=HTTP_1_1     the timestamping server's protocol: HTTP_1_1");

    Options {
        sizes = List.copyOf(sizes);
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("--sizes needs at least one size");
        }
        sizes.forEach(size -> check("sizes", size, 2, 10_000));
        check("repetitions", repetitions, 1, 1_000);
        check("warmup", warmup, 0, 100);
        check("cold", coldRuns, 0, 100);
        check("cold-size", coldSize, 2, 10_000);
        check("throughput", throughputRequests, 0, 10_000);
        check("in-flight", maxInFlight, 1, 10_000);
    }

    /** The full run: bursts of 10, 100 and 1000, nine repetitions after three warm-up rounds, five fresh JVMs, 10 000 requests at 64 in flight. */
    static Options defaults() {
        return new Options(List.of(10, 100, 1000), 9, 3, 5, 100, 10_000, 64, TimestampServer.Protocol.HTTP_1_1);
    }

    /**
     * @param args {@code --name=value} arguments; later ones win
     * @return the defaults with the given arguments applied
     * @throws IllegalArgumentException naming the argument and what is allowed
     */
    static Options parse(String... args) {
        Options options = defaults();
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("argument '" + arg + "' is not of the form --name=value\n" + USAGE);
            }
            options = options.with(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return options;
    }

    private Options with(String name, String value) {
        return switch (name) {
            case "sizes" -> new Options(sizesOf(value), repetitions, warmup, coldRuns, coldSize, throughputRequests, maxInFlight, protocol);
            case "repetitions" -> new Options(sizes, number(name, value), warmup, coldRuns, coldSize, throughputRequests, maxInFlight, protocol);
            case "warmup" -> new Options(sizes, repetitions, number(name, value), coldRuns, coldSize, throughputRequests, maxInFlight, protocol);
            case "cold" -> new Options(sizes, repetitions, warmup, number(name, value), coldSize, throughputRequests, maxInFlight, protocol);
            case "cold-size" -> new Options(sizes, repetitions, warmup, coldRuns, number(name, value), throughputRequests, maxInFlight, protocol);
            case "throughput" -> new Options(sizes, repetitions, warmup, coldRuns, coldSize, number(name, value), maxInFlight, protocol);
            case "in-flight" -> new Options(sizes, repetitions, warmup, coldRuns, coldSize, throughputRequests, number(name, value), protocol);
            case "protocol" -> new Options(sizes, repetitions, warmup, coldRuns, coldSize, throughputRequests, maxInFlight, protocolOf(value));
            default -> throw new IllegalArgumentException("unknown argument '--" + name + "'\n" + USAGE);
        };
    }

    private static List<Integer> sizesOf(String value) {
        List<Integer> sizes = new ArrayList<>();
        for (String size : value.split(",")) {
            sizes.add(number("sizes", size.trim()));
        }
        return sizes;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("--" + name + "=" + value + " is not a whole number\n" + USAGE);
        }
    }

    private static TimestampServer.Protocol protocolOf(String value) {
        try {
            return TimestampServer.Protocol.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("--protocol=" + value + " is not one of "
                    + List.of(TimestampServer.Protocol.values()) + "\n" + USAGE);
        }
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + "=" + value + " is out of range: allowed " + min + ".." + max
                    + "\n" + USAGE);
        }
    }
}
