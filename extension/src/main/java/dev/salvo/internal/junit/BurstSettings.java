package dev.salvo.internal.junit;

import dev.salvo.ConcurrentRequests;
import dev.salvo.Protocol;
import dev.salvo.Release;
import dev.salvo.internal.BurstPlan;
import dev.salvo.internal.report.ReportSettings;
import java.lang.reflect.Method;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A {@link ConcurrentRequests} annotation read once and validated: the plan (without its base
 * URL, which is known only once the test instance exists), the rounds, and where requests
 * come from. Not API.
 *
 * @param plan the burst plan; its base URL is the configured default, if any
 * @param rounds how many times the burst runs
 * @param source where each request comes from
 * @param where "@ConcurrentRequests on method 'Class.method(..)'", for messages
 * @param reports whether and where reports are written
 */
public record BurstSettings(BurstPlan plan, int rounds, RequestSource source, String where, ReportSettings reports) {

    public static final int MAX_ROUNDS = 10_000;

    /**
     * Reads and validates the annotation of the context's test method.
     *
     * @throws ExtensionConfigurationException naming the attribute, the value and the allowed range
     */
    public static BurstSettings read(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Class<?> testClass = context.getRequiredTestClass();
        String where = "@ConcurrentRequests on method '" + Describe.method(method) + "'";
        ConcurrentRequests annotation = AnnotationSupport.findAnnotation(method, ConcurrentRequests.class)
                .orElseThrow(() -> new ExtensionConfigurationException(where + " not found"));
        Defaults defaults = Defaults.from(context);
        ReportSettings reports = ReportSettings.from(context::getConfigurationParameter);
        try {
            BurstPlan.Checks.inRange("rounds", annotation.rounds(), 1, MAX_ROUNDS);
            BurstPlan.Checks.inRange("timeoutMillis", annotation.timeoutMillis(), 1, BurstPlan.MAX_TIMEOUT_MILLIS);
            long timeoutMillis = isDefault(annotation.timeoutMillis(), "timeoutMillis") && defaults.timeoutMillis() != null
                    ? defaults.timeoutMillis()
                    : annotation.timeoutMillis();
            int prepareThreads = annotation.prepareThreads() == 0 ? defaults.prepareThreads() : annotation.prepareThreads();
            BurstPlan plan = new BurstPlan(annotation.count(), annotation.barrier(), prepareThreads,
                    annotation.maxInFlight(), Duration.ofMillis(timeoutMillis), defaults.prepareTimeout(),
                    defaults.baseUrl(), defaults.maxBodyBytes(), annotation.release(), annotation.protocol());
            RequestSource source = RequestSource.of(annotation, testClass, defaults.baseUrl() != null);
            if (source instanceof RequestSource.UrlTemplate && annotation.release() == Release.LAST_BYTE
                    && annotation.protocol() == Protocol.HTTP_1_1) {
                throw new IllegalArgumentException("'release' = LAST_BYTE over HTTP/1.1 withholds the last byte of each"
                        + " request's body, but requests made from 'url' have no body; use AUTO or PRECONNECT,"
                        + " a @PrepareRequest method that sets a body, or protocol = HTTP_2");
            }
            return new BurstSettings(plan, annotation.rounds(), source, where, reports);
        } catch (IllegalArgumentException invalid) {
            throw new ExtensionConfigurationException(where + ": " + invalid.getMessage());
        }
    }

    private static boolean isDefault(long value, String attribute) {
        try {
            return ((Number) ConcurrentRequests.class.getMethod(attribute).getDefaultValue()).longValue() == value;
        } catch (NoSuchMethodException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
