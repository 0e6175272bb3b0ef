package dev.salvo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class Http1TimestampServerTest {

    @Test
    void stampsARequestOnlyOnceItsHeadersAndBodyAreComplete() throws Exception {
        try (TimestampServer server = TimestampServer.Protocol.HTTP_1_1.started();
                Socket socket = connect(server.baseUrl())) {
            OutputStream out = socket.getOutputStream();
            out.write(ascii("POST /s1/0 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab"));
            out.flush();
            Thread.sleep(100);
            long beforeLastBytes = System.nanoTime();
            assertThat(server.take("s1")).as("body incomplete: not yet arrived").isEmpty();

            out.write(ascii("cde"));
            out.flush();

            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nok");
            List<Long> arrivals = server.take("s1");
            assertThat(arrivals).singleElement().satisfies(at -> assertThat(at).isGreaterThan(beforeLastBytes));
        }
    }

    @Test
    void answersPipelinedRequestsOnOneConnectionAndGroupsThemByBurst() throws Exception {
        try (TimestampServer server = TimestampServer.Protocol.HTTP_1_1.started();
                Socket socket = connect(server.baseUrl())) {
            socket.getOutputStream().write(ascii("GET /p1/0 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /p1/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /p2/0 HTTP/1.1\r\nHost: x\r\n\r\n"));
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                assertThat(readAnswer(in)).startsWith("HTTP/1.1 200 OK");
            }
            assertThat(server.take("p1")).hasSize(2);
            assertThat(server.take("p2")).hasSize(1);
            assertThat(server.take("p1")).as("taken once").isEmpty();
            assertThat(server.acceptedConnections()).isEqualTo(1);
        }
    }

    private static Socket connect(URI baseUrl) throws IOException {
        Socket socket = new Socket(baseUrl.getHost(), baseUrl.getPort());
        socket.setSoTimeout(5_000);
        return socket;
    }

    /** Reads one answer of the server: headers and the 2-byte body its Content-Length announces. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        while (!answer.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            answer.append((char) b);
        }
        answer.append(new String(in.readNBytes(2), StandardCharsets.US_ASCII));
        return answer.toString();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
