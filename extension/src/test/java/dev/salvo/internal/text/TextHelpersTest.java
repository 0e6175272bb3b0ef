package dev.salvo.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The pure helpers behind what Salvo sends and prints: URLs, masking, durations, failure text. */
class TextHelpersTest {

    @Test
    void urlsJoinAsAPrefixAndEncodeNonAsciiAsUtf8() {
        URI base = URI.create("http://127.0.0.1:8080/api/");
        assertThat(Urls.resolve(base, "/users?q=1")).hasToString("http://127.0.0.1:8080/api/users?q=1");
        assertThat(Urls.resolve(URI.create("http://h/api"), "users")).hasToString("http://h/api/users");
        assertThat(Urls.resolve(null, "http://h/caf\u00e9?q=\u20ac")).hasToString("http://h/caf%C3%A9?q=%E2%82%AC");
        assertThat(Urls.resolve(null, "http://h/a%20b")).as("already encoded stays").hasToString("http://h/a%20b");
    }

    @Test
    void urlsRefuseWhatCannotBeSentAsGivenWithoutRepeatingSecrets() {
        assertThatThrownBy(() -> Urls.resolve(null, "http://u:pw-1@h/x?token=t-2"))
                .hasMessageContaining("carries user info").hasMessageContaining("http://****@h/x?token=****")
                .hasMessageNotContaining("pw-1").hasMessageNotContaining("t-2");
        assertThatThrownBy(() -> Urls.resolve(null, "/x")).hasMessageContaining("needs a base URL");
        assertThatThrownBy(() -> Urls.resolve(null, "ftp://h/x")).hasMessageContaining("must be http or https");
        assertThatThrownBy(() -> Urls.parse("/a b")).hasMessageContaining("not a valid URL").hasMessageContaining("%20");
    }

    @Test
    void redactionMasksSecretQueryParametersInAnyCaseAndUserInfo() {
        assertThat(Redaction.DEFAULT.uri("http://a:b@h:1/p?Access_Token=x&page=2&SIG=y&key#frag"))
                .isEqualTo("http://****@h:1/p?Access_Token=****&page=2&SIG=****&key#frag");
        assertThat(Redaction.DEFAULT.uri("/p?api%5Fkey=z&q=token")).isEqualTo("/p?api%5Fkey=****&q=token");
        assertThat(Redaction.DEFAULT.uri("/plain")).isEqualTo("/plain");
        for (String name : List.of("access_token", "token", "api_key", "apikey", "key", "password", "secret", "signature", "sig", "code")) {
            assertThat(Redaction.DEFAULT.uri("/p?" + name.toUpperCase() + "=v")).isEqualTo("/p?" + name.toUpperCase() + "=****");
        }
    }

    @Test
    void redactionMasksSecretHeadersAndTakesMoreNamesWithoutChangingTheDefault() {
        for (String name : List.of("Authorization", "proxy-authorization", "Cookie", "Set-Cookie", "X-API-KEY", "x-auth-token", "Api-Key")) {
            assertThat(Redaction.DEFAULT.header(name, "v")).as(name).isEqualTo(Redaction.MASK);
        }
        assertThat(Redaction.DEFAULT.header("X-Trace", "v")).isEqualTo("v");
        Redaction more = Redaction.DEFAULT.plus(Set.of("X-Session"), Set.of("session_id"));
        assertThat(more.header("x-session", "v")).isEqualTo(Redaction.MASK);
        assertThat(more.uri("/p?Session_Id=1")).isEqualTo("/p?Session_Id=****");
        assertThat(Redaction.DEFAULT.header("X-Session", "v")).isEqualTo("v");
        assertThatThrownBy(() -> Redaction.NONE.plus(Set.of("bad name"), Set.of())).hasMessageContaining("'bad name'")
                .hasMessageContaining("U+0020");
    }

    @Test
    void millisecondsHaveOneFormat() {
        assertThat(Format.millis(Duration.ofNanos(42_000))).isEqualTo("0.042 ms");
        assertThat(Format.millis(Duration.ZERO)).isEqualTo("0.000 ms");
        assertThat(Format.millis(Duration.ofNanos(999_499))).isEqualTo("0.999 ms");
        assertThat(Format.millis(Duration.ofNanos(999_500))).isEqualTo("1.00 ms");
        assertThat(Format.millis(Duration.ofNanos(12_504_999))).isEqualTo("12.50 ms");
        assertThat(Format.decimals(-5, 1)).isEqualTo("-0.5");
    }

    @Test
    void summariesSayWhatWasSent() {
        assertThat(Format.counts(10, Map.of(200, 9L), 1)).isEqualTo("10 requests, 9\u00d7200, 1 failed");
        assertThat(Format.sent(0, 3, Duration.ZERO)).isEqualTo("nothing was sent");
        assertThat(Format.sent(2, 3, Duration.ofNanos(1_000))).isEqualTo("2 of 3 sent within 0.001 ms");
        assertThat(Format.sent(3, 3, Duration.ofMillis(2))).isEqualTo("sent within 2.00 ms");
    }

    @Test
    void failuresPrintOneWayAndDescriptorExhaustionIsWordedFirst() {
        assertThat(Failures.describe(new CompletionException(new IllegalStateException("no stock"))))
                .isEqualTo("IllegalStateException: no stock");
        SocketException emfile = new SocketException("Too many open files");
        Throwable translated = Failures.translate(new java.net.ConnectException("Could not connect") {
            {
                initCause(emfile);
            }
        });
        assertThat(translated).isInstanceOf(SocketException.class)
                .hasMessageStartingWith("Too many open files: the process ran out of file descriptors")
                .hasMessageContaining("ulimit -n").hasMessageContaining("maxInFlight");
        assertThat(translated.getCause()).hasCause(emfile);
        IllegalStateException other = new IllegalStateException("other");
        assertThat(Failures.translate(other)).isSameAs(other);
        assertThat(Failures.translate(null)).isNull();
    }
}
