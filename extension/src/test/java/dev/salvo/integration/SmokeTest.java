package dev.salvo.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.Burst;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.testing.TestServer;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void burst() {
        try (TestServer server = TestServer.start()) {
            Responses r = Burst.of(10).baseUrl(server.baseUrl()).prepare(i -> RequestSpec.get("/echo/" + i)).fire();
            System.out.println(r);
            r.forEach(System.out::println);
            assertThat(r.size()).isEqualTo(10);
            assertThat(r.get(3).bodyAsString()).isEqualTo("GET /echo/3");
        }
    }
}
