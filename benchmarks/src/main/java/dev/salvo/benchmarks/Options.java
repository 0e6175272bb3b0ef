package dev.salvo.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * @param protocols the protocols whose burst rows are measured, each against its own timestamping server
 * @param maxStreams SETTINGS_MAX_CONCURRENT_STREAMS of the h2c timestamping server
 * @param raceRounds rounds per contender in the natural race scenario; 0 skips it
 * @param raceSize claims per race round
 * @param raceThreads handler threads (and database connections) of the race scenario's server
 * @param raceServers the servers the races run on, each with both races
 */
record Options(List<Integer> sizes, int repetitions, int warmup, int coldRuns, int coldSize,
        int throughputRequests, int maxInFlight, List<TimestampServer.Protocol> protocols, int maxStreams,
        int raceRounds, int raceSize, int raceThreads, List<RaceScenario.Server> raceServers) {

    static final String USAGE = String.join("\n",
            "arguments (all optional):",
            "  --sizes=10,100,1000        burst sizes, each 2..10000",
            "  --repetitions=9            measured repetitions per mode and size, 1..1000; the median is over these",
            "  --warmup=3                 unmeasured rounds per size first, 0..100",
            "  --cold=5                   fresh-JVM bursts, 0..100 (0 skips the scenario)",
            "  --cold-size=100            requests per fresh-JVM burst, 2..10000",
            "  --throughput=10000         requests in the throughput run, 0..10000 (0 skips it)",
            "  --in-flight=64             cap on requests in flight in the throughput run, 1..10000",
            "  --protocols=HTTP_1_1,HTTP_2  protocols of the burst rows, each with its own timestamping server",
            "  --max-streams=128          SETTINGS_MAX_CONCURRENT_STREAMS of the h2c server, 1..100000",
            "  --race-rounds=200          rounds per contender of the natural race, 0..100000 (0 skips it)",
            "  --race-size=20             claims per race round, 2..1000",
            "  --race-threads=32          handler threads and database connections of the race server, 16..1000",
            "  --race-servers=JDK,SPRING  servers of the races: the JDK HttpServer, Spring Boot on Tomcat; each runs both races");

    private static final Map<String, String> DEFAULTS = defaultArguments();

    Options {
        sizes = List.copyOf(sizes);
        protocols = List.copyOf(protocols);
        raceServers = List.copyOf(raceServers);
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("--sizes needs at least one size\n" + USAGE);
        }
        sizes.forEach(size -> check("sizes", size, 2, 10_000));
        check("repetitions", repetitions, 1, 1_000);
        check("warmup", warmup, 0, 100);
        check("cold", coldRuns, 0, 100);
        check("cold-size", coldSize, 2, 10_000);
        check("throughput", throughputRequests, 0, 10_000);
        check("in-flight", maxInFlight, 1, 10_000);
        check("max-streams", maxStreams, 1, 100_000);
        check("race-rounds", raceRounds, 0, 100_000);
        check("race-size", raceSize, 2, 1_000);
        check("race-threads", raceThreads, 16, 1_000);
    }

    private static Map<String, String> defaultArguments() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("sizes", "10,100,1000");
        defaults.put("repetitions", "9");
        defaults.put("warmup", "3");
        defaults.put("cold", "5");
        defaults.put("cold-size", "100");
        defaults.put("throughput", "10000");
        defaults.put("in-flight", "64");
        defaults.put("protocols", "HTTP_1_1,HTTP_2");
        defaults.put("max-streams", "128");
        defaults.put("race-rounds", "200");
        defaults.put("race-size", "20");
        defaults.put("race-threads", "32");
        defaults.put("race-servers", "JDK,SPRING");
        return defaults;
    }

    /** The full run: every default of {@link #USAGE}. */
    static Options defaults() {
        return parse();
    }

    /**
     * @param args {@code --name=value} arguments; later ones win
     * @return the defaults with the given arguments applied
     * @throws IllegalArgumentException naming the argument and what is allowed
     */
    static Options parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("argument '" + arg + "' is not of the form --name=value\n" + USAGE);
            }
            String name = arg.substring(2, equals);
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown argument '--" + name + "'\n" + USAGE);
            }
            values.put(name, arg.substring(equals + 1));
        }
        return new Options(numbers("sizes", values.get("sizes")), number("repetitions", values), number("warmup", values),
                number("cold", values), number("cold-size", values), number("throughput", values),
                number("in-flight", values), protocolsOf(values.get("protocols")), number("max-streams", values),
                number("race-rounds", values), number("race-size", values), number("race-threads", values),
                namesOf("race-servers", values.get("race-servers"), RaceScenario.Server.class));
    }

    private static List<Integer> numbers(String name, String value) {
        List<Integer> numbers = new ArrayList<>();
        for (String number : value.split(",")) {
            numbers.add(number(name, number.trim()));
        }
        return numbers;
    }

    private static int number(String name, Map<String, String> values) {
        return number(name, values.get(name));
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("--" + name + "=" + value + " is not a whole number\n" + USAGE);
        }
    }

    private static List<TimestampServer.Protocol> protocolsOf(String value) {
        List<TimestampServer.Protocol> protocols = new ArrayList<>();
        for (String name : value.split(",")) {
            try {
                TimestampServer.Protocol protocol = TimestampServer.Protocol.valueOf(name.trim().toUpperCase(Locale.ROOT));
                if (!protocols.contains(protocol)) {
                    protocols.add(protocol);
                }
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("--protocols=" + value + ": '" + name.trim() + "' is not one of "
                        + List.of(TimestampServer.Protocol.values()) + "\n" + USAGE);
            }
        }
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("--protocols needs at least one protocol\n" + USAGE);
        }
        return protocols;
    }

    private static <E extends Enum<E>> List<E> namesOf(String option, String value, Class<E> type) {
        List<E> chosen = new ArrayList<>();
        for (String name : value.split(",")) {
            try {
                E one = Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT));
                if (!chosen.contains(one)) {
                    chosen.add(one);
                }
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("--" + option + "=" + value + ": '" + name.trim() + "' is not one of "
                        + List.of(type.getEnumConstants()) + "\n" + USAGE);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--" + option + " needs at least one value\n" + USAGE);
        }
        return chosen;
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + "=" + value + " is out of range: allowed " + min + ".." + max
                    + "\n" + USAGE);
        }
    }
}
