package dev.salvo.internal.junit;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit timeout that applies to a {@code @ConcurrentRequests} method: its {@link Timeout},
 * its class's (or an enclosing class's), or the configured default for test templates. JUnit
 * times only the method body; the burst runs before it, so Salvo bounds the burst by the same
 * duration itself. Not API.
 */
final class TestTimeouts {

    /** JUnit's duration format: a positive number and an optional unit, seconds by default. */
    private static final Pattern DURATION = Pattern.compile("([1-9]\\d*) ?(ns|μs|us|ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);

    /** The defaults that apply to a test template method, most specific first, as JUnit reads them. */
    static final List<String> DEFAULT_KEYS = List.of(Timeout.DEFAULT_TEST_TEMPLATE_METHOD_TIMEOUT_PROPERTY_NAME,
            Timeout.DEFAULT_TESTABLE_METHOD_TIMEOUT_PROPERTY_NAME, Timeout.DEFAULT_TIMEOUT_PROPERTY_NAME);

    /** The timeout, and how JUnit would say it ("1 second"). */
    record Limit(Duration duration, String description) {}

    /**
     * JUnit's run-wide timeout parameters, read once per engine run.
     *
     * @param enabled whether timeouts apply ({@value Timeout#TIMEOUT_MODE_PROPERTY_NAME}, and
     *     whether a debugger is attached when it says {@code disabled_on_debug})
     * @param templateMethodDefault the first of {@link #DEFAULT_KEYS} that is set
     */
    record Defaults(boolean enabled, Optional<Limit> templateMethodDefault) {

        /**
         * @param parameters a configuration parameter's trimmed value by key, empty when not set or blank
         * @throws IllegalArgumentException naming the parameter and its value when a duration is malformed
         */
        static Defaults read(Function<String, Optional<String>> parameters) {
            String mode = parameters.apply(Timeout.TIMEOUT_MODE_PROPERTY_NAME).map(m -> m.toLowerCase(Locale.ROOT))
                    .orElse("enabled");
            boolean enabled = !mode.equals("disabled") && !(mode.equals("disabled_on_debug") && underDebugger());
            Optional<Limit> limit = Optional.empty();
            for (String key : DEFAULT_KEYS) {
                Optional<String> configured = parameters.apply(key);
                if (configured.isPresent()) {
                    limit = Optional.of(parse(key, configured.get()));
                    break;
                }
            }
            return new Defaults(enabled, limit);
        }
    }

    private TestTimeouts() {}

    /** Whether the JVM was started with a debugging agent, as JUnit's {@code disabled_on_debug} asks. */
    private static boolean underDebugger() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(argument -> argument.startsWith("-agentlib:jdwp") || argument.startsWith("-Xrunjdwp"));
    }

    /** @return the limit for this method: its annotation, its class's or an enclosing class's, else the default */
    static Optional<Limit> of(Method method, Class<?> testClass, Defaults defaults) {
        if (!defaults.enabled()) {
            return Optional.empty();
        }
        Optional<Timeout> annotated = AnnotationSupport.findAnnotation(method, Timeout.class);
        for (Class<?> type = testClass; annotated.isEmpty() && type != null; type = type.getEnclosingClass()) {
            annotated = AnnotationSupport.findAnnotation(type, Timeout.class);
        }
        if (annotated.isPresent()) {
            return Optional.of(limit(annotated.get().value(), annotated.get().unit()));
        }
        return defaults.templateMethodDefault();
    }

    /**
     * Parses a duration as JUnit's timeout parameters write it: {@code 5}, {@code 5 s}, {@code 500ms},
     * {@code 2 m}; units {@code ns}, {@code μs}, {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}.
     *
     * @throws IllegalArgumentException naming the parameter and its value
     */
    static Limit parse(String key, String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("configuration parameter '" + key + "' = '" + text
                    + "' is not a duration such as '5 s' or '500 ms' (a positive whole number and a unit:"
                    + " ns, μs, ms, s, m, h or d)");
        }
        String unit = matcher.group(2) == null ? "s" : matcher.group(2).toLowerCase(Locale.ROOT);
        TimeUnit timeUnit = switch (unit) {
            case "ns" -> TimeUnit.NANOSECONDS;
            case "μs", "us" -> TimeUnit.MICROSECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "m" -> TimeUnit.MINUTES;
            case "h" -> TimeUnit.HOURS;
            case "d" -> TimeUnit.DAYS;
            default -> TimeUnit.SECONDS;
        };
        long value;
        try {
            value = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException tooLarge) {
            throw new IllegalArgumentException("configuration parameter '" + key + "' = '" + text
                    + "' is too large for a duration");
        }
        return limit(value, timeUnit);
    }

    private static Limit limit(long value, TimeUnit unit) {
        String name = unit.name().toLowerCase(Locale.ROOT);
        return new Limit(Duration.ofNanos(unit.toNanos(value)),
                value + " " + (value == 1 ? name.substring(0, name.length() - 1) : name));
    }
}
