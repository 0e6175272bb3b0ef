package dev.salvo.internal.junit;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit timeout that applies to a {@code @ConcurrentRequests} method: its {@link Timeout},
 * its class's (or an enclosing class's), or the configured default for test templates. JUnit
 * times only the method body; the burst runs before it, so Salvo bounds the burst by the same
 * duration itself. Not API.
 */
final class TestTimeouts {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ns|μs|us|ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);

    /** The timeout, and how JUnit would say it ("1 second"). */
    record Limit(Duration duration, String description) {}

    private TestTimeouts() {}

    /** Whether the JVM was started with a debugging agent, as JUnit's {@code disabled_on_debug} asks. */
    private static boolean underDebugger() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(argument -> argument.startsWith("-agentlib:jdwp") || argument.startsWith("-Xrunjdwp"));
    }

    static Optional<Limit> of(ExtensionContext context) {
        String mode = context.getConfigurationParameter("junit.jupiter.execution.timeout.mode")
                .map(m -> m.trim().toLowerCase(Locale.ROOT)).orElse("enabled");
        if (mode.equals("disabled") || (mode.equals("disabled_on_debug") && underDebugger())) {
            return Optional.empty();
        }
        Method method = context.getRequiredTestMethod();
        Optional<Timeout> annotated = AnnotationSupport.findAnnotation(method, Timeout.class);
        for (Class<?> type = context.getRequiredTestClass(); annotated.isEmpty() && type != null; type = type.getEnclosingClass()) {
            annotated = AnnotationSupport.findAnnotation(type, Timeout.class);
        }
        if (annotated.isPresent()) {
            return Optional.of(limit(annotated.get().value(), annotated.get().unit()));
        }
        for (String key : new String[] {"junit.jupiter.execution.timeout.testtemplate.method.default",
                "junit.jupiter.execution.timeout.testable.method.default", "junit.jupiter.execution.timeout.default"}) {
            Optional<String> configured = context.getConfigurationParameter(key).filter(s -> !s.isBlank());
            if (configured.isPresent()) {
                return Optional.of(parse(key, configured.get()));
            }
        }
        return Optional.empty();
    }

    private static Limit parse(String key, String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw new ExtensionConfigurationException("configuration parameter '" + key + "' = '" + text
                    + "' is not a duration such as '5 s' or '500 ms'");
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
        return limit(Long.parseLong(matcher.group(1)), timeUnit);
    }

    private static Limit limit(long value, TimeUnit unit) {
        String name = unit.name().toLowerCase(Locale.ROOT);
        return new Limit(Duration.ofNanos(unit.toNanos(value)),
                value + " " + (value == 1 ? name.substring(0, name.length() - 1) : name));
    }
}
