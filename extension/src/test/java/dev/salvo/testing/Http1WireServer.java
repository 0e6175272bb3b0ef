package dev.salvo.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A raw HTTP/1.1 server that records, per connection, every read (see {@link RecordingServer}
 * for sweeps) and every request, and answers {@code 200 ok} as soon as a request is complete:
 * its header block and, when it declares one, its {@code Content-Length} body. It never waits for
 * anything else, as nginx answering {@code return 200} does not.
 *
 * <p>Keep-alive: a connection carries any number of requests. With an idle time, a connection left
 * idle that long after its last answer is closed by the server, without {@code Connection: close},
 * as servers with a keep-alive timeout do. A chunked request body is complete with its last
 * chunk's trailer section. A request head with {@code Expect: 100-continue} gets
 * {@code 100 Continue} at once. Any other transfer coding is refused with 501 and the connection
 * closed; a head over {@value #MAX_HEAD} bytes or a body over {@value #MAX_BODY}
 * bytes likewise with 431 or 413.
 */
public final class Http1WireServer extends RecordingServer {

    static final int MAX_HEAD = 16 * 1024;
    static final int MAX_BODY = 1024 * 1024;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final long CHUNKED = -2;
    private static final long REFUSED = -1;
    private static final byte[] OK = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")
            .getBytes(StandardCharsets.ISO_8859_1);

    /**
     * One complete request, as the reads delivered it.
     *
     * @param connection the connection it came on
     * @param number its position on that connection, from 1
     * @param method the request method
     * @param target the request target
     * @param bytes its size: header block and body
     * @param reads how many reads carried some of it
     * @param firstSweep sweep of the read that carried its first byte
     * @param finalSequence sequence of the read that completed it
     * @param finalSweep sweep of that read
     * @param finalReadLength how many bytes that read held (its own and anything after it)
     */
    public record Request(int connection, int number, String method, String target, int bytes, int reads,
            long firstSweep, long finalSequence, long finalSweep, int finalReadLength) {}

    /** Bytes of the request being read on one connection. */
    private static final class Parse {
        byte[] buffer = new byte[1024];
        int size;
        int reads;
        long firstSweep;
        int completed;
        boolean continued;
    }

    private final List<Request> requests = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final int answersPerConnection;
    private int unanswered;

    private Http1WireServer(String name, Duration idleAfterAnswer, int answersPerConnection) {
        super(name, idleAfterAnswer);
        this.answersPerConnection = answersPerConnection;
    }

    /** Starts a server that keeps connections open until the client closes them. */
    public static Http1WireServer start(String name) {
        return start(name, null);
    }

    /**
     * Starts a server that closes a connection left idle for {@code idleAfterAnswer} after its last answer.
     *
     * @param name shows in the thread name and messages
     * @param idleAfterAnswer keep-alive timeout; null for none
     */
    public static Http1WireServer start(String name, Duration idleAfterAnswer) {
        Http1WireServer server = new Http1WireServer(name, idleAfterAnswer, 0);
        server.startLoop();
        return server;
    }

    /**
     * Starts a server that answers {@code answers} requests on a connection, reads the next one
     * whole and closes the connection without answering it and without {@code Connection: close}:
     * what a server does when its keep-alive timeout or connection limit ends a connection at the
     * moment a request arrives on it. The unanswered request is recorded like the others.
     *
     * @param answers requests answered on each connection, at least 1
     */
    public static Http1WireServer closingSilentlyAfter(String name, int answers) {
        if (answers < 1) {
            throw new IllegalArgumentException("answers per connection must be at least 1, not " + answers);
        }
        Http1WireServer server = new Http1WireServer(name, null, answers);
        server.startLoop();
        return server;
    }

    /** @return requests read whole and left unanswered, their connection closed (see {@link #closingSilentlyAfter}) */
    public int unanswered() {
        synchronized (lock()) {
            return unanswered;
        }
    }

    /** @return every complete request, in the order they were completed */
    public List<Request> requests() {
        synchronized (lock()) {
            return List.copyOf(requests);
        }
    }

    /** @return every protocol error met (and answered with an error status), empty when none */
    public List<String> errors() {
        synchronized (lock()) {
            return List.copyOf(errors);
        }
    }

    @Override
    protected void opened(Connection connection) {
        connection.state = new Parse();
    }

    @Override
    protected void received(Connection connection, Read read, byte[] bytes, int length) {
        Parse parse = (Parse) connection.state;
        if (parse.size == 0) {
            parse.firstSweep = read.sweep();
            parse.reads = 0;
        }
        parse.reads++;
        append(parse, bytes, length);
        while (parse.size > 0) {
            int headEnd = headEnd(parse.buffer, parse.size);
            if (headEnd < 0) {
                if (parse.size > MAX_HEAD) {
                    refuse(connection, 431, "request head longer than " + MAX_HEAD + " bytes");
                }
                return;
            }
            String head = new String(parse.buffer, 0, headEnd, StandardCharsets.ISO_8859_1);
            long bodyLength = bodyLength(connection, head);
            if (bodyLength == REFUSED) {
                return;
            }
            if (!parse.continued && head.toLowerCase(Locale.ROOT).contains("\r\nexpect: 100-continue")) {
                parse.continued = true;
                send(connection, CONTINUE);
            }
            int total = bodyLength == CHUNKED ? chunkedEnd(parse.buffer, headEnd, parse.size) : headEnd + (int) bodyLength;
            if (total < 0 || parse.size < total) {
                return;
            }
            String[] requestLine = head.substring(0, Math.max(0, head.indexOf("\r\n"))).split(" ", 3);
            parse.completed++;
            requests.add(new Request(connection.id(), parse.completed, requestLine[0],
                    requestLine.length > 1 ? requestLine[1] : "", total, parse.reads, parse.firstSweep,
                    read.sequence(), read.sweep(), length));
            if (answersPerConnection > 0 && parse.completed > answersPerConnection) {
                unanswered++;
                parse.size = 0;
                closeNow(connection);
                return;
            }
            send(connection, OK);
            parse.continued = false;
            parse.size -= total;
            System.arraycopy(parse.buffer, total, parse.buffer, 0, parse.size);
            // what remains (a pipelined request) began in this very read
            parse.reads = 1;
            parse.firstSweep = read.sweep();
        }
    }

    /**
     * @return the body length the head declares, {@link #CHUNKED} for a chunked body, or
     *     {@link #REFUSED} if the request was refused
     */
    private long bodyLength(Connection connection, String head) {
        long length = 0;
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("transfer-encoding:")) {
                if (lower.trim().endsWith("chunked")) {
                    return CHUNKED;
                }
                refuse(connection, 501, "transfer codings other than chunked are not supported: " + line);
                return REFUSED;
            }
            if (lower.startsWith("content-length:")) {
                try {
                    length = Long.parseLong(line.substring("content-length:".length()).trim());
                } catch (NumberFormatException e) {
                    refuse(connection, 400, "bad " + line);
                    return REFUSED;
                }
            }
        }
        if (length < 0 || length > MAX_BODY) {
            refuse(connection, 413, "body of " + length + " bytes; at most " + MAX_BODY + " accepted");
            return REFUSED;
        }
        return length;
    }

    /**
     * @return where the chunked body that starts at {@code from} ends (past its trailer section's
     *     empty line), or -1 if it is not all there yet
     */
    private static int chunkedEnd(byte[] buffer, int from, int size) {
        int at = from;
        while (true) {
            int lineEnd = lineEnd(buffer, at, size);
            if (lineEnd < 0) {
                return -1;
            }
            String sizeLine = new String(buffer, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeLine.indexOf(';');
            int chunk = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            at = lineEnd + 2;
            if (chunk == 0) {
                break;
            }
            at += chunk + 2; // the data and its CRLF
            if (at > size) {
                return -1;
            }
        }
        while (true) { // trailer fields, then the empty line
            int lineEnd = lineEnd(buffer, at, size);
            if (lineEnd < 0) {
                return -1;
            }
            boolean empty = lineEnd == at;
            at = lineEnd + 2;
            if (empty) {
                return at;
            }
        }
    }

    /** @return the index of the next CRLF at or after {@code from}, or -1 */
    private static int lineEnd(byte[] buffer, int from, int size) {
        for (int i = from; i + 1 < size; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void refuse(Connection connection, int status, String why) {
        errors.add("connection " + connection.id() + ": " + why);
        ((Parse) connection.state).size = 0;
        send(connection, ("HTTP/1.1 " + status + " Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        closeWhenFlushed(connection);
    }

    private static void append(Parse parse, byte[] bytes, int length) {
        int needed = parse.size + length;
        if (needed > parse.buffer.length) {
            parse.buffer = Arrays.copyOf(parse.buffer, Math.max(needed, parse.buffer.length * 2));
        }
        System.arraycopy(bytes, 0, parse.buffer, parse.size, length);
        parse.size = needed;
    }

    /** @return the index just past the blank line ending the head, or -1 if it has not arrived */
    private static int headEnd(byte[] buffer, int size) {
        for (int i = 3; i < size; i++) {
            if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }
}
