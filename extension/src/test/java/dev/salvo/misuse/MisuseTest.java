package dev.salvo.misuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.salvo.Burst;
import dev.salvo.PreparationException;
import dev.salvo.RequestSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Misuse is reported before anything is sent, with a message naming the annotation, the
 * method, the attribute, the value and what is allowed. The fixtures point at port 9 (discard),
 * where nothing listens: had anything been sent, the failures would say connection refused.
 */
class MisuseTest {

    static List<Arguments> misconfigured() {
        return List.of(
                Arguments.of(MisuseTestCases.CountZero.class, List.of("@ConcurrentRequests", "CountZero.test(Responses)", "'count' = 0", "1..10000")),
                Arguments.of(MisuseTestCases.CountTooLarge.class, List.of("'count' = 10001", "1..10000")),
                Arguments.of(MisuseTestCases.TimeoutNegative.class, List.of("'timeoutMillis' = -1", "allowed 0..86400000")),
                Arguments.of(MisuseTestCases.NegativePrepareThreads.class, List.of("'prepareThreads' = -1", "0..1000")),
                Arguments.of(MisuseTestCases.NegativeMaxInFlight.class, List.of("'maxInFlight' = -5", "0..10000")),
                Arguments.of(MisuseTestCases.RoundsZero.class, List.of("'rounds' = 0", "1..10000")),
                Arguments.of(MisuseTestCases.NoUrlNoPreparation.class, List.of("needs a 'url' or a @PrepareRequest method")),
                Arguments.of(MisuseTestCases.UnknownPreparation.class, List.of("'prepare' = 'missing' names no method", "RequestSpec missing(int index)")),
                Arguments.of(MisuseTestCases.AmbiguousPreparation.class, List.of("2 @PrepareRequest methods", "first", "second", "'prepare' = ")),
                Arguments.of(MisuseTestCases.WrongSignature.class, List.of("prepare(String) must take (int index) and return RequestSpec",
                        "takes (String)", "declare its parameter as int, not String")),
                Arguments.of(MisuseTestCases.PreparationTakesLong.class, List.of("@PrepareRequest method PreparationTakesLong.prepare(long)",
                        "takes (long) and returns RequestSpec", "declare its parameter as int, not long")),
                Arguments.of(MisuseTestCases.NamedPreparationTakesInteger.class, List.of("'prepare' = 'build'",
                        "takes (Integer)", "declare its parameter as int, not Integer")),
                Arguments.of(MisuseTestCases.PreparationTakesTwo.class, List.of("takes (int, String)",
                        "declare exactly one parameter, int index")),
                Arguments.of(MisuseTestCases.UrlBesidePreparationMethod.class, List.of("UrlBesidePreparationMethod.test(Responses)",
                        "'url' = 'http://127.0.0.1:9/never-sent' is set", "@PrepareRequest method redeem", "remove 'url'",
                        "'prepare' = \"redeem\"")),
                Arguments.of(MisuseTestCases.RelativeUrlWithoutBase.class, List.of("relative 'url' = '/x' needs a @BaseUrl member or the 'salvo.base-url' configuration parameter")),
                Arguments.of(MisuseTestCases.UrlAndPrepare.class, List.of("'url' = ", "'prepare' = 'prepare'", "both set")),
                Arguments.of(MisuseTestCases.BadMethod.class, List.of("'method' = 'GE T'", "not an HTTP method token")),
                Arguments.of(MisuseTestCases.NotHttp.class, List.of("'url' = 'ftp://127.0.0.1/file'", "must be http or https")),
                Arguments.of(MisuseTestCases.NullBaseUrl.class, List.of("NullBaseUrl.test(Responses)", "@BaseUrl field NullBaseUrl.baseUrl is null")),
                Arguments.of(MisuseTestCases.LastByteWithoutBarrier.class, List.of("'release' = LAST_BYTE needs a barrier", "'barrier' = false")),
                Arguments.of(MisuseTestCases.HoldWritesWithCap.class, List.of("HoldWritesWithCap.test(Responses)",
                        "'holdWrites' = true", "'maxInFlight' = 5", "drop the cap or 'holdWrites'")),
                Arguments.of(MisuseTestCases.HoldBoundTooLong.class, List.of("'holdBoundMillis' = 60001", "0..60000")),
                Arguments.of(MisuseTestCases.HoldBoundNegative.class, List.of("'holdBoundMillis' = -1", "0..60000")),
                Arguments.of(MisuseTestCases.HoldBoundNotBelowTimeout.class, List.of("hold bound (500 ms)",
                        "shorter than the request timeout (500 ms)")),
                Arguments.of(MisuseTestCases.TwoBaseUrls.class, List.of("TwoBaseUrls.test(Responses)", "2 @BaseUrl members", "keep exactly one")));
    }

    @ParameterizedTest
    @MethodSource("misconfigured")
    void misconfigurationFailsWithAClearMessage(Class<?> fixture, List<String> expectedFragments) {
        Throwable failure = singleFailure(fixture);
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class);
        assertThat(failure.getMessage()).contains(expectedFragments);
    }

    static List<Arguments> anotherKindOfTest() {
        return List.of(
                Arguments.of(MisuseTestCases.AlsoTest.class, List.of("AlsoTest.test(Responses)", "also annotated with @Test",
                        "remove @Test")),
                Arguments.of(MisuseTestCases.AlsoParameterizedTest.class, List.of("AlsoParameterizedTest.test(int, Responses)",
                        "also annotated with @ParameterizedTest", "remove @ParameterizedTest", "Burst")),
                Arguments.of(MisuseTestCases.AlsoRepeatedTest.class, List.of("also annotated with @RepeatedTest",
                        "rounds = n")),
                Arguments.of(MisuseTestCases.AlsoTestFactory.class, List.of("also annotated with @TestFactory",
                        "remove @TestFactory")));
    }

    /**
     * JUnit runs such a method twice: as the burst's template (which fails before any round)
     * and as the other kind of test (each of whose invocations fails before its body). Every
     * failure names the annotation to remove; none is JUnit's "No ParameterResolver registered".
     */
    @ParameterizedTest
    @MethodSource("anotherKindOfTest")
    void anotherKindOfTestOnTheSameMethodIsNamed(Class<?> fixture, List<String> expectedFragments) {
        List<Throwable> failures = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .execute().allEvents().failed().stream().map(MisuseTest::throwable).toList();
        assertThat(failures).isNotEmpty().allSatisfy(failure -> {
            assertThat(failure).isInstanceOf(ExtensionConfigurationException.class);
            assertThat(failure.getMessage()).contains(expectedFragments);
        });
    }

    @Test
    void aThrowingPreparationAbortsTheBurstNamingTheIndex() {
        Throwable failure = singleFailure(MisuseTestCases.PreparationThrows.class);
        assertThat(failure).isInstanceOf(PreparationException.class)
                .hasMessageContaining("PreparationThrows.test(Responses)")
                .hasMessageContaining("request 7 of 20")
                .hasMessageContaining("no token for user 7")
                .hasMessageContaining("no request was sent")
                .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(((PreparationException) failure).index()).isEqualTo(7);
    }

    @Test
    void aRelativeUrlFromAPreparationWithoutABaseNamesTheFix() {
        Throwable failure = singleFailure(MisuseTestCases.PreparationReturnsRelativeWithoutBase.class);
        assertThat(failure).isInstanceOf(PreparationException.class)
                .hasMessageContaining("relative URL '/relative' needs a base URL")
                .hasMessageContaining("@BaseUrl");
    }

    @Test
    void aPreparationReturningNullIsNamed() {
        Throwable failure = singleFailure(MisuseTestCases.PreparationReturnsNull.class);
        assertThat(failure).isInstanceOf(PreparationException.class)
                .hasMessageContaining("request 2 of 3")
                .hasMessageContaining("returned null");
    }

    @Test
    void responsesCannotBeInjectedIntoLifecycleMethods() {
        Throwable failure = singleFailure(MisuseTestCases.ResponsesInBeforeEach.class);
        assertThat(failure).isInstanceOf(ParameterResolutionException.class)
                .hasMessageContaining("only be injected into the @ConcurrentRequests method");
    }

    @Test
    void aBadConfigurationParameterIsNamed() {
        Throwable failure = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("salvo.timeout-millis", "soon"))
                .selectors(selectClass(MisuseTestCases.NotHttp.class))
                .execute().allEvents().failed().stream()
                .map(MisuseTest::throwable).findFirst().orElseThrow();
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("configuration parameter 'salvo.timeout-millis' = 'soon' is not a whole number");
    }

    @Test
    void aHoldBoundParameterOutOfRangeIsNamed() {
        Throwable failure = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("salvo.hold-bound-millis", "0"))
                .selectors(selectClass(MisuseTestCases.NotHttp.class))
                .execute().allEvents().failed().stream()
                .map(MisuseTest::throwable).findFirst().orElseThrow();
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("'salvo.hold-bound-millis' = 0 is out of range").hasMessageContaining("1..60000");
    }

    @Test
    void theBurstApiChecksTheHoldLikeTheAnnotation() {
        assertThatThrownBy(() -> Burst.of(3).holdBound(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'holdBound' = 0 ms").hasMessageContaining("1..60000 ms");
        assertThatThrownBy(() -> Burst.of(3).holdBound(Duration.ofSeconds(61))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'holdBound' = 61000 ms");
        assertThatThrownBy(() -> Burst.of(3).holdBound(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("holdBound");
        Burst capped = Burst.of(10).maxInFlight(2).holdWrites(true).baseUrl("http://127.0.0.1:9")
                .prepare(i -> RequestSpec.get("/never-sent"));
        assertThatThrownBy(capped::fire).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'holdWrites' = true").hasMessageContaining("'maxInFlight' = 2");
        Burst slowBound = Burst.of(3).holdWrites(true).holdBound(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(1))
                .baseUrl("http://127.0.0.1:9").prepare(i -> RequestSpec.get("/never-sent"));
        assertThatThrownBy(slowBound::fire).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hold bound (2000 ms) must be shorter than the request timeout (1000 ms)");
    }

    static Throwable singleFailure(Class<?> fixture) {
        List<Event> failed = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .execute()
                .allEvents().failed().list();
        assertThat(failed).as("failed events of %s", fixture.getSimpleName()).hasSize(1);
        return throwable(failed.get(0));
    }

    static Throwable throwable(Event event) {
        return event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .orElseThrow();
    }
}
