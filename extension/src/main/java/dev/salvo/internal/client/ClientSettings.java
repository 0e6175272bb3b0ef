package dev.salvo.internal.client;

import dev.salvo.RequestSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.RedirectProtocolHandler;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What Salvo's client adds to a request and does with a response: as little as HTTP allows. A
 * request carries the test's headers, what HTTP requires ({@code Host}, {@code Content-Length}
 * or {@code Transfer-Encoding}) and one {@code User-Agent: salvo/<version>} that the test may
 * replace or remove; no {@code Accept-Encoding}, no default {@code Content-Type}, no cookies
 * from earlier answers. A response arrives as the server sent it: no redirect followed, no
 * authentication challenge answered (a 401 is a response like any other, whole body included),
 * no content decoded. Not API.
 */
public final class ClientSettings {

    /** The {@code User-Agent} sent unless the test sets its own: "salvo/0.1.0". */
    public static final String USER_AGENT = "salvo/" + version();

    private ClientSettings() {}

    /**
     * Sets a client, before it starts, to send and keep exactly what the test and the server
     * said. Jetty installs its protocol handlers and content decoders while it starts, so those
     * are removed as soon as it has started, before any request can be made.
     */
    public static void apply(HttpClient client) {
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setDefaultRequestContentType(null);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, USER_AGENT));
        client.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(LifeCycle started) {
                // No redirect followed, no challenge answered (a 401 keeps its whole body), no
                // Accept-Encoding sent and no body decoded. 1xx handling (100 Continue) stays.
                client.getProtocolHandlers().remove(RedirectProtocolHandler.NAME);
                client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
                client.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
                client.getContentDecoderFactories().clear();
            }
        });
    }

    /**
     * Puts the spec's headers on a request: each name the spec sets replaces what the client put
     * there by default (the {@code User-Agent}); a name with no values removes it.
     *
     * @param spec the request as the test described it
     * @param fields the Jetty request's headers
     */
    public static void headers(RequestSpec spec, HttpFields.Mutable fields) {
        for (Map.Entry<String, List<String>> header : spec.headers().entrySet()) {
            fields.remove(header.getKey());
            header.getValue().forEach(value -> fields.add(header.getKey(), value));
        }
    }

    /**
     * @return this library's version: the jar manifest's {@code Implementation-Version}, else the
     *     version Maven records in the jar, else "dev" (classes not from a jar, as in this
     *     project's own build)
     */
    static String version() {
        String fromManifest = ClientSettings.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest.trim();
        }
        try (InputStream in = ClientSettings.class.getResourceAsStream("/META-INF/maven/dev.salvo/salvo-junit/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version.trim();
                }
            }
        } catch (IOException | IllegalArgumentException unreadable) {
            // fall through to "dev"
        }
        return "dev";
    }
}
