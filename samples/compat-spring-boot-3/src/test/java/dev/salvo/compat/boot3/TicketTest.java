package dev.salvo.compat.boot3;

import static dev.salvo.assertj.SalvoAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.BaseUrl;
import dev.salvo.ConcurrentRequests;
import dev.salvo.RequestResult;
import dev.salvo.Responses;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A Spring Boot 3.5 application on its embedded Jetty 12.0, tested with the JUnit Jupiter that
 * Spring Boot 3.5 manages (5.12), and Salvo beside both with its own bundled Jetty client.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TicketTest {

    @LocalServerPort
    int port;

    @Autowired
    TicketApplication application;

    @BaseUrl
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void theServerRunsOnSpringBootsJettyAndSalvoBringsItsOwn() throws Exception {
        assertThat(jettyVersion("org.eclipse.jetty.util.Jetty"))
                .as("the Jetty on the class path, from Spring Boot 3.5")
                .startsWith("12.0.");
        assertThat(jettyVersion("dev.salvo.internal.shaded.jetty.util.Jetty"))
                .as("Salvo's bundled Jetty (missing: this module needs the packaged jar, run it with verify)")
                .startsWith("12.1.");
        assertThat(Test.class.getPackage().getImplementationVersion())
                .as("the JUnit Jupiter that Spring Boot 3.5 manages")
                .startsWith("5.12.");
    }

    @ConcurrentRequests(count = 20, method = "POST", url = "/tickets")
    void everyRequestGetsItsOwnTicket(Responses responses) {
        assertThat(responses).hasSize(20).noneFailed().allHaveStatus(201);
        assertThat(responses.stream().map(RequestResult::bodyAsString).collect(Collectors.toSet()))
                .as("each ticket number once")
                .isEqualTo(IntStream.rangeClosed(1, 20).mapToObj(Integer::toString).collect(Collectors.toSet()));
        assertThat(application.issued()).isEqualTo(20);
    }

    private static String jettyVersion(String className) throws Exception {
        return (String) Class.forName(className).getField("VERSION").get(null);
    }
}
