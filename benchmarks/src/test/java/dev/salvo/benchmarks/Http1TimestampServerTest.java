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

    private static final long WAIT_MILLIS = 5_000;

    @Test
    void stampsARequestOnlyOnceItsHeadersAndBodyAreCompleteAndNotesWhenItsFirstBytesCame() throws Exception {
        try (TimestampServer server = TimestampServer.Protocol.HTTP_1_1.started();
                Socket socket = connect(server.baseUrl())) {
            OutputStream out = socket.getOutputStream();
            byte[] head = ascii("POST /s1/0 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab");
            long beforeFirstBytes = System.nanoTime();
            out.write(head);
            server.awaitBytesRead(head.length, WAIT_MILLIS);
            long beforeLastBytes = System.nanoTime();
            assertThat(server.take("s1")).as("body incomplete: not yet arrived").isEmpty();

            out.write(ascii("cde"));

            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nok");
            List<Arrivals.Arrival> arrivals = server.take("s1");
            assertThat(arrivals).singleElement().satisfies(arrival -> {
                assertThat(arrival.firstByteNanos()).isBetween(beforeFirstBytes, beforeLastBytes);
                assertThat(arrival.completedNanos()).isGreaterThan(beforeLastBytes);
            });
            assertThat(ServerSide.of(arrivals).writtenAhead()).isEqualTo(1);
            assertThat(server.bytesRead()).isEqualTo(head.length + 3);
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
            List<Arrivals.Arrival> p1 = server.take("p1");
            assertThat(p1).hasSize(2);
            assertThat(ServerSide.of(p1)).as("one write, one connection: one read").satisfies(seen -> {
                assertThat(seen.connections()).isEqualTo(1);
                assertThat(seen.reads()).isEqualTo(1);
                assertThat(seen.writtenAhead()).isZero();
            });
            assertThat(server.take("p2")).hasSize(1);
            assertThat(server.take("p1")).as("taken once").isEmpty();
            assertThat(server.acceptedConnections()).isEqualTo(1);
        }
    }

    @Test
    void answersARequestAsSoonAsItIsCompleteWhileTheNextOnTheConnectionIsStillComing() throws Exception {
        try (TimestampServer server = TimestampServer.Protocol.HTTP_1_1.started();
                Socket socket = connect(server.baseUrl())) {
            OutputStream out = socket.getOutputStream();
            out.write(ascii("GET /a1/0 HTTP/1.1\r\nHost: x\r\n\r\nGET /a1/1 HTTP/1.1\r\nHo"));

            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200 OK");
            assertThat(server.take("a1")).hasSize(1);

            out.write(ascii("st: x\r\n\r\n"));
            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200 OK");
            assertThat(server.take("a1")).singleElement().satisfies(second ->
                    assertThat(second.firstByteNanos()).as("its first bytes came with the first request")
                            .isLessThan(second.completedNanos()));
        }
    }

    @Test
    void countsTheConnectionsAndReadsOfABurstAndTheRequestsSentAhead() throws Exception {
        try (TimestampServer server = TimestampServer.Protocol.HTTP_1_1.started();
                Socket first = connect(server.baseUrl());
                Socket second = connect(server.baseUrl());
                Socket third = connect(server.baseUrl())) {
            byte[] request = ascii("GET /c1/0 HTTP/1.1\r\nHost: x\r\n\r\n");
            first.getOutputStream().write(request, 0, request.length - 1);
            second.getOutputStream().write(request, 0, request.length - 1);
            server.awaitBytesRead(2L * (request.length - 1), WAIT_MILLIS);

            first.getOutputStream().write(request, request.length - 1, 1);
            second.getOutputStream().write(request, request.length - 1, 1);
            third.getOutputStream().write(request);
            for (Socket socket : List.of(first, second, third)) {
                assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200 OK");
            }

            ServerSide seen = ServerSide.of(server.take("c1"));
            assertThat(seen.requests()).isEqualTo(3);
            assertThat(seen.connections()).isEqualTo(3);
            assertThat(seen.reads()).isEqualTo(3);
            assertThat(seen.maxReadsPerConnection()).isEqualTo(1);
            assertThat(seen.writtenAhead()).as("the two whose first bytes were read before any was complete").isEqualTo(2);
            assertThat(seen.oneReadPerConnection()).isTrue();
        }
    }

    static Socket connect(URI baseUrl) throws IOException {
        Socket socket = new Socket(baseUrl.getHost(), baseUrl.getPort());
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
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

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
