package dev.salvo.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salvo.Burst;
import dev.salvo.PreparationException;
import dev.salvo.RequestResult;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.assertj.ResponsesAssert;
import dev.salvo.assertj.SalvoAssertions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The values of Authorization, Cookie, Set-Cookie and Proxy-Authorization never show in what
 * Salvo prints: {@code RequestSpec}, {@code RequestResult} and {@code Responses} strings, assertion
 * failure messages, and {@code PreparationException} messages. Each check first makes sure the
 * secret was really there (sent to, or received from, a real server), so that it can fail.
 */
class SecretsTest {

    private static final String AUTHORIZATION = "Bearer tok-authorization-7f3a";
    private static final String COOKIE = "session=tok-cookie-91bc";
    private static final String PROXY_AUTHORIZATION = "Basic tok-proxy-55de";
    private static final String SET_COOKIE = "id=tok-set-cookie-c0de; HttpOnly";
    private static final List<String> SECRETS =
            List.of("tok-authorization-7f3a", "tok-cookie-91bc", "tok-proxy-55de", "tok-set-cookie-c0de");

    @Test
    void requestSpecToStringMasksEverySecretHeader() {
        RequestSpec spec = withSecrets(RequestSpec.post("/orders", "{}", "application/json"))
                .withHeader("set-cookie", SET_COOKIE)
                .withHeader("X-Trace", "visible-trace-id");

        assertThat(spec.headers()).as("the secrets are in the spec").containsKeys("Authorization", "COOKIE");
        assertThat(spec.toString()).contains("Authorization: ****", "visible-trace-id");
        assertNoSecret(spec.toString());
    }

    @Test
    void resultsAndSummariesNeverShowSecrets() {
        try (RawServer server = RawServer.start("secrets", RawServer.answers("server", 0, "Set-Cookie: " + SET_COOKIE + "\r\n"))) {
            Responses responses = burstWithSecrets(server.baseUrl(), Duration.ofSeconds(5));

            assertThat(server.heads()).as("secrets sent").allSatisfy(head ->
                    assertThat(head).contains("tok-authorization-7f3a", "tok-cookie-91bc", "tok-proxy-55de"));
            assertThat(responses.get(0).header("Set-Cookie")).as("secret received").hasValue(SET_COOKIE);
            assertNoSecret(responses.toString());
            for (RequestResult result : responses) {
                assertNoSecret(result.toString());
                assertNoSecret(result.request().toString());
            }
        }
    }

    @Test
    void assertionFailureMessagesNeverShowSecrets() {
        try (RawServer server = RawServer.start("secrets-assert", RawServer.answers("server", 0, "Set-Cookie: " + SET_COOKIE + "\r\n"))) {
            Responses answered = burstWithSecrets(server.baseUrl(), Duration.ofSeconds(5));
            assertThat(answered.statusCounts()).containsEntry(200, 5L);

            assertFailsWithoutSecret(answered, a -> a.allHaveStatus(201));
            assertFailsWithoutSecret(answered, a -> a.allHaveStatusIn(201, 204));
            assertFailsWithoutSecret(answered, a -> a.hasStatusCount(200, 4));
            assertFailsWithoutSecret(answered, a -> a.exactlyOneHasStatus(200));
            assertFailsWithoutSecret(answered, a -> a.atMostOneHasStatus(200));
            assertFailsWithoutSecret(answered, a -> a.hasSize(4));
        }
        try (RawServer silent = RawServer.start("secrets-silent", RawServer.silent())) {
            Responses failed = burstWithSecrets(silent.baseUrl(), Duration.ofMillis(300));
            assertThat(failed.failures()).hasSize(5);

            assertFailsWithoutSecret(failed, ResponsesAssert::noneFailed);
            assertFailsWithoutSecret(failed, a -> a.allHaveStatus(200));
        }
    }

    @Test
    void preparationExceptionMessagesNeverShowSecrets() {
        // The preparation itself says which spec it could not finish.
        String trace = assertPreparationFailsWithoutSecret(i -> {
            // Absolute, so that only the preparation fails; with the barrier nothing is sent.
            RequestSpec spec = withSecrets(RequestSpec.get("http://127.0.0.1:9/orders/" + i));
            if (i == 2) {
                throw new IllegalStateException("no stock for " + spec);
            }
            return spec;
        });
        assertThat(trace).as("the spec was printed, masked").contains("no stock for GET http://127.0.0.1:9/orders/2, Authorization: ****");
        // The spec cannot be sent: a relative URI without a base URL.
        assertPreparationFailsWithoutSecret(i -> withSecrets(RequestSpec.get("/no-base/" + i)));
        // The spec cannot be sent: not http(s).
        assertPreparationFailsWithoutSecret(i -> withSecrets(RequestSpec.get("ftp://127.0.0.1/file-" + i)));
    }

    private static RequestSpec withSecrets(RequestSpec spec) {
        return spec.withHeader("Authorization", AUTHORIZATION)
                .withHeader("COOKIE", COOKIE)
                .withHeader("proxy-authorization", PROXY_AUTHORIZATION);
    }

    private static Responses burstWithSecrets(String baseUrl, Duration timeout) {
        return Burst.of(5).baseUrl(baseUrl).prepare(i -> withSecrets(RequestSpec.get("/secret/" + i))).timeout(timeout).fire();
    }

    private static void assertFailsWithoutSecret(Responses responses, Consumer<ResponsesAssert> assertion) {
        assertThatThrownBy(() -> assertion.accept(SalvoAssertions.assertThat(responses)))
                .isInstanceOf(AssertionError.class)
                .satisfies(error -> assertNoSecret(error.getMessage()));
    }

    /** @return the exception's stack trace: its message, its toString and every cause */
    private static String assertPreparationFailsWithoutSecret(IntFunction<RequestSpec> preparer) {
        StringWriter trace = new StringWriter();
        assertThatThrownBy(() -> Burst.of(5).prepare(preparer::apply).fire())
                .isInstanceOf(PreparationException.class)
                .satisfies(e -> e.printStackTrace(new PrintWriter(trace)));
        assertNoSecret(trace.toString());
        return trace.toString();
    }

    private static void assertNoSecret(String text) {
        assertThat(text).as("printed text").doesNotContain(SECRETS);
    }
}
