package dev.salvo.internal.junit;

import dev.salvo.ConcurrentRequests;
import dev.salvo.internal.plan.BurstPlan;
import dev.salvo.internal.report.ReportSettings;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A {@link ConcurrentRequests} annotation read once per method and validated: the plan (with
 * the configured base URL, if any), the rounds, where requests come from, the JUnit timeout
 * that bounds each burst, and the report settings. Not API.
 *
 * @param plan the burst plan; its base URL is the configured default, if any
 * @param rounds how many times the burst runs
 * @param source where each request comes from
 * @param where "@ConcurrentRequests on method 'Class.method(..)'", for messages
 * @param reports whether and where reports are written
 * @param testTimeout the JUnit timeout that bounds each burst, if one applies
 * @param plansByBase the plan for each {@code @BaseUrl} value seen, so each is validated once
 */
public record BurstSettings(BurstPlan plan, int rounds, RequestSource source, String where, ReportSettings reports,
        Optional<TestTimeouts.Limit> testTimeout, Map<URI, BurstPlan> plansByBase) {

    public static final int MAX_ROUNDS = 10_000;

    /**
     * Reads and validates the annotation of the context's test method, with the engine run's
     * configuration.
     *
     * @throws ExtensionConfigurationException naming the attribute, the value and the allowed range
     */
    public static BurstSettings read(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Class<?> testClass = context.getRequiredTestClass();
        String where = where(method);
        TestKinds.checkNoOtherKind(method);
        ConcurrentRequests annotation = AnnotationSupport.findAnnotation(method, ConcurrentRequests.class)
                .orElseThrow(() -> new ExtensionConfigurationException(where + " not found"));
        Configuration configuration = Configuration.of(context);
        try {
            BurstPlan.Checks.inRange("rounds", annotation.rounds(), 1, MAX_ROUNDS);
            BurstPlan.Checks.inRange("timeoutMillis", annotation.timeoutMillis(), 0, BurstPlan.MAX_TIMEOUT_MILLIS);
            BurstPlan.Checks.inRange("holdBoundMillis", annotation.holdBoundMillis(), 0, BurstPlan.MAX_HOLD_BOUND_MILLIS);
            long holdBoundMillis = annotation.holdBoundMillis() > 0 ? annotation.holdBoundMillis()
                    : configuration.holdBoundMillis().orElse(BurstPlan.DEFAULT_HOLD_BOUND.toMillis());
            long timeoutMillis = annotation.timeoutMillis() > 0 ? annotation.timeoutMillis()
                    : configuration.timeoutMillis().orElse(BurstPlan.DEFAULT_TIMEOUT.toMillis());
            int prepareThreads = annotation.prepareThreads() == 0
                    ? configuration.prepareThreads().orElse(0) : annotation.prepareThreads();
            URI baseUrl = configuration.baseUrl().orElse(null);
            BurstPlan plan = new BurstPlan(annotation.count(), annotation.barrier(), prepareThreads,
                    annotation.maxInFlight(), Duration.ofMillis(timeoutMillis), configuration.prepareTimeoutOrDefault(),
                    baseUrl, configuration.maxBodyBytesOrDefault(), annotation.release(), annotation.protocol(),
                    annotation.holdWrites(), Duration.ofMillis(holdBoundMillis))
                    .checkCombined();
            RequestSource source = RequestSource.of(annotation, testClass, baseUrl != null);
            return new BurstSettings(plan, annotation.rounds(), source, where, configuration.reports(),
                    TestTimeouts.of(method, testClass, configuration.junitTimeouts()), new ConcurrentHashMap<>());
        } catch (IllegalArgumentException invalid) {
            throw new ExtensionConfigurationException(where + ": " + invalid.getMessage());
        }
    }

    /** @return "@ConcurrentRequests on method 'CouponTest.redeem(Responses)'" */
    static String where(Method method) {
        return "@ConcurrentRequests on method '" + Describe.method(method) + "'";
    }

    /**
     * The plan for one round: with the test instance's {@code @BaseUrl} value when it has one.
     * Each distinct value is validated once per method.
     *
     * @param declared the {@code @BaseUrl} value, or {@code null}
     */
    BurstPlan planFor(URI declared) {
        return declared == null ? plan : plansByBase.computeIfAbsent(declared, plan::withBaseUrl);
    }
}
