// tag::getting-started[]
package dev.salvo.samples.gettingstarted;

import static dev.salvo.assertj.SalvoAssertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.salvo.BaseUrl;
import dev.salvo.ConcurrentRequests;
import dev.salvo.PrepareRequest;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Twenty users, each logged in first, redeem one single-use coupon at the same instant:
 * exactly one may win. The server below stands in for your application.
 */
class CouponRedemptionTest {

    private HttpServer server;
    private ExecutorService serverThreads;

    @BeforeEach
    void startServer() throws IOException {
        Set<String> tokens = ConcurrentHashMap.newKeySet();
        AtomicBoolean redeemed = new AtomicBoolean();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100); // port 0: any free port
        server.createContext("/login", exchange -> {
            String token = UUID.randomUUID().toString();
            tokens.add(token);
            answer(exchange, 200, token);
        });
        server.createContext("/coupons/SPRING/redeem", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !tokens.contains(authorization.replace("Bearer ", ""))) {
                answer(exchange, 401, "log in first");
            } else if (redeemed.compareAndSet(false, true)) {
                answer(exchange, 200, "redeemed");
            } else {
                answer(exchange, 409, "already redeemed");
            }
        });
        serverThreads = Executors.newFixedThreadPool(20);
        server.setExecutor(serverThreads);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @BaseUrl
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Runs once per request, in parallel, before any request is sent; blocking is fine here. */
    @PrepareRequest
    RequestSpec redeemAsAnotherUser(int index) throws IOException {
        String token = login("user-" + index);
        return RequestSpec.post("/coupons/SPRING/redeem", "{}", "application/json")
                .withHeader("Authorization", "Bearer " + token);
    }

    @ConcurrentRequests(count = 20, rounds = 3)
    void aCouponIsRedeemedOnlyOnce(Responses responses) {
        assertThat(responses)
                .hasSize(20)
                .noneFailed()
                .exactlyOneHasStatus(200)
                .hasStatusCount(409, 19);
    }

    private String login(String user) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl() + "/login?user=" + user).toURL().openConnection();
        connection.setRequestMethod("POST");
        try (InputStream body = connection.getInputStream()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
// end::getting-started[]
