package dev.salvo.misuse;

import dev.salvo.BaseUrl;
import dev.salvo.ConcurrentRequests;
import dev.salvo.PrepareRequest;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;

/** Fixtures run by {@link MisuseTest} through the engine test kit; each is misused one way. */
class MisuseTestCases {

    static final String ABSOLUTE = "http://127.0.0.1:9/never-sent";

    static class CountZero {
        @ConcurrentRequests(count = 0, url = ABSOLUTE)
        void test(Responses responses) {}
    }

    static class CountTooLarge {
        @ConcurrentRequests(count = 10_001, url = ABSOLUTE)
        void test(Responses responses) {}
    }

    static class TimeoutNegative {
        @ConcurrentRequests(timeoutMillis = -1, url = ABSOLUTE)
        void test(Responses responses) {}
    }

    static class NegativePrepareThreads {
        @ConcurrentRequests(prepareThreads = -1, url = ABSOLUTE)
        void test(Responses responses) {}
    }

    static class NegativeMaxInFlight {
        @ConcurrentRequests(maxInFlight = -5, url = ABSOLUTE)
        void test(Responses responses) {}
    }

    static class RoundsZero {
        @ConcurrentRequests(rounds = 0, url = ABSOLUTE)
        void test(Responses responses) {}
    }

    static class NoUrlNoPreparation {
        @ConcurrentRequests
        void test(Responses responses) {}
    }

    static class UnknownPreparation {
        @ConcurrentRequests(prepare = "missing")
        void test(Responses responses) {}
    }

    static class AmbiguousPreparation {
        @PrepareRequest
        RequestSpec first(int index) {
            return RequestSpec.get(ABSOLUTE);
        }

        @PrepareRequest
        RequestSpec second(int index) {
            return RequestSpec.get(ABSOLUTE);
        }

        @ConcurrentRequests
        void test(Responses responses) {}
    }

    static class WrongSignature {
        @PrepareRequest
        String prepare(String index) {
            return ABSOLUTE;
        }

        @ConcurrentRequests
        void test(Responses responses) {}
    }

    static class RelativeUrlWithoutBase {
        @ConcurrentRequests(url = "/x")
        void test(Responses responses) {}
    }

    static class UrlAndPrepare {
        @PrepareRequest
        RequestSpec prepare(int index) {
            return RequestSpec.get(ABSOLUTE);
        }

        @ConcurrentRequests(url = ABSOLUTE, prepare = "prepare")
        void test(Responses responses) {}
    }

    static class BadMethod {
        @ConcurrentRequests(method = "GE T", url = ABSOLUTE)
        void test(Responses responses) {}
    }

    static class NotHttp {
        @ConcurrentRequests(url = "ftp://127.0.0.1/file")
        void test(Responses responses) {}
    }

    static class NullBaseUrl {
        @BaseUrl
        String baseUrl;

        @ConcurrentRequests(url = "/x")
        void test(Responses responses) {}
    }

    static class TwoBaseUrls {
        @BaseUrl
        String one = "http://127.0.0.1:1";

        @BaseUrl
        String two() {
            return "http://127.0.0.1:2";
        }

        @ConcurrentRequests(url = "/x")
        void test(Responses responses) {}
    }

    static class ResponsesInBeforeEach {
        @org.junit.jupiter.api.BeforeEach
        void before(Responses responses) {}

        @ConcurrentRequests(url = ABSOLUTE, timeoutMillis = 200)
        void test(Responses responses) {}
    }

    static class HoldWritesWithCap {
        @ConcurrentRequests(count = 10, maxInFlight = 5, holdWrites = true, url = ABSOLUTE)
        void test(Responses responses) {}
    }

    static class HoldBoundTooLong {
        @ConcurrentRequests(holdWrites = true, holdBoundMillis = 60_001, url = ABSOLUTE)
        void test(Responses responses) {}
    }

    static class HoldBoundNegative {
        @ConcurrentRequests(holdWrites = true, holdBoundMillis = -1, url = ABSOLUTE)
        void test(Responses responses) {}
    }

    static class HoldBoundNotBelowTimeout {
        @ConcurrentRequests(holdWrites = true, holdBoundMillis = 500, timeoutMillis = 500, url = ABSOLUTE)
        void test(Responses responses) {}
    }

    static class LastByteWithoutBarrier {
        @ConcurrentRequests(release = dev.salvo.Release.LAST_BYTE, barrier = false, url = ABSOLUTE)
        void test(Responses responses) {}
    }

    static class PreparationThrows {
        @PrepareRequest
        RequestSpec prepare(int index) {
            if (index == 7) {
                throw new IllegalStateException("no token for user 7");
            }
            return RequestSpec.get(ABSOLUTE);
        }

        @ConcurrentRequests(count = 20)
        void test(Responses responses) {}
    }

    static class PreparationReturnsRelativeWithoutBase {
        @PrepareRequest
        RequestSpec prepare(int index) {
            return RequestSpec.get("/relative");
        }

        @ConcurrentRequests(count = 3)
        void test(Responses responses) {}
    }

    static class PreparationReturnsNull {
        @PrepareRequest
        RequestSpec prepare(int index) {
            return index == 2 ? null : RequestSpec.get(ABSOLUTE);
        }

        @ConcurrentRequests(count = 3)
        void test(Responses responses) {}
    }

    static class UrlBesidePreparationMethod {
        @PrepareRequest
        RequestSpec redeem(int index) {
            return RequestSpec.get(ABSOLUTE);
        }

        @ConcurrentRequests(url = ABSOLUTE)
        void test(Responses responses) {}
    }

    static class PreparationTakesLong {
        @PrepareRequest
        RequestSpec prepare(long index) {
            return RequestSpec.get(ABSOLUTE);
        }

        @ConcurrentRequests
        void test(Responses responses) {}
    }

    static class NamedPreparationTakesInteger {
        RequestSpec build(Integer index) {
            return RequestSpec.get(ABSOLUTE);
        }

        @ConcurrentRequests(prepare = "build")
        void test(Responses responses) {}
    }

    static class PreparationTakesTwo {
        @PrepareRequest
        RequestSpec prepare(int index, String user) {
            return RequestSpec.get(ABSOLUTE);
        }

        @ConcurrentRequests
        void test(Responses responses) {}
    }

    static class AlsoTest {
        @org.junit.jupiter.api.Test
        @ConcurrentRequests(url = ABSOLUTE)
        void test(Responses responses) {}
    }

    static class AlsoParameterizedTest {
        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
        @ConcurrentRequests(url = ABSOLUTE)
        void test(int value, Responses responses) {}
    }

    static class AlsoRepeatedTest {
        @org.junit.jupiter.api.RepeatedTest(2)
        @ConcurrentRequests(url = ABSOLUTE)
        void test(Responses responses) {}
    }

    static class AlsoTestFactory {
        @org.junit.jupiter.api.TestFactory
        @ConcurrentRequests(url = ABSOLUTE)
        java.util.List<org.junit.jupiter.api.DynamicTest> test(Responses responses) {
            return java.util.List.of();
        }
    }
}
