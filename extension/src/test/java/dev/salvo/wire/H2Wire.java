package dev.salvo.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.testing.H2cWireServer;
import dev.salvo.testing.H2cWireServer.Conversation;
import dev.salvo.testing.H2cWireServer.Frame;
import java.util.List;

/**
 * What an HTTP/2 single-packet release must look like at the wire, checked on what an
 * {@link H2cWireServer} recorded. Within one connection, bytes arrive in the order they were
 * written, so "after" is a read sequence; across connections it is an order of sweeps (see
 * {@code RecordingServer}: {@code sweep(x) > sweep(y) + 1} proves that x arrived after y was
 * read), which a slow server cannot turn into a failure.
 */
final class H2Wire {

    private H2Wire() {}

    /**
     * Where in a connection's frames, by position, the client's last HEADERS, its first PING and
     * its first END_STREAM came; -1 for one that never came.
     */
    record Order(int lastHead, int ping, int firstEnd) {

        static Order of(Conversation conversation) {
            List<Frame> frames = conversation.frames();
            int lastHead = -1;
            int ping = -1;
            int firstEnd = -1;
            for (int i = 0; i < frames.size(); i++) {
                Frame frame = frames.get(i);
                if (frame.type() == H2cWireServer.HEADERS) {
                    lastHead = i;
                }
                if (frame.type() == H2cWireServer.PING && (frame.flags() & H2cWireServer.FLAG_ACK) == 0 && ping < 0) {
                    ping = i;
                }
                if (frame.endsStream() && firstEnd < 0) {
                    firstEnd = i;
                }
            }
            return new Order(lastHead, ping, firstEnd);
        }
    }

    /** @return the conversations that carried at least one stream */
    static List<Conversation> carriers(List<Conversation> conversations) {
        return conversations.stream().filter(c -> c.streams() > 0).toList();
    }

    /** Every connection's END_STREAM flags arrived in exactly one read. */
    static void assertEndsInOneReadPerConnection(List<Conversation> conversations, String label) {
        List<String> spread = carriers(conversations).stream().filter(c -> c.endStreamReads().size() != 1)
                .map(c -> "connection " + c.connection() + ": " + c.streams() + " streams ended over " + c.endStreamReads().size()
                        + " reads")
                .toList();
        assertThat(spread).as("%s: connections whose END_STREAM flags did not arrive in one read%n%s", label,
                describe(conversations)).isEmpty();
    }

    /**
     * No HEADERS frame arrived after the first read that carried an END_STREAM: on the same
     * connection by read order, on any other by sweep.
     */
    static void assertNoHeadersAfterTheFirstEnd(List<Conversation> conversations, String label) {
        List<String> late = carriers(conversations).stream().filter(c -> !c.headersAfterFirstEnd().isEmpty())
                .map(c -> "connection " + c.connection() + ": " + c.headersAfterFirstEnd().size() + " HEADERS frame(s) after its"
                        + " first END_STREAM")
                .toList();
        assertThat(late).as("%s: HEADERS frames that arrived after an END_STREAM on their own connection%n%s", label,
                describe(conversations)).isEmpty();
        long firstEnd = firstEndSweep(conversations);
        List<String> lateElsewhere = carriers(conversations).stream()
                .flatMap(c -> c.frames().stream())
                .filter(f -> f.type() == H2cWireServer.HEADERS && f.sweep() > firstEnd + 1)
                .map(f -> "connection " + f.connection() + ": HEADERS of stream " + f.stream() + " in sweep " + f.sweep())
                .toList();
        assertThat(lateElsewhere).as("%s: HEADERS frames that arrived after the first END_STREAM of the burst (sweep %d)%n%s",
                label, firstEnd, describe(conversations)).isEmpty();
    }

    /** Every connection that carried a stream had sent its preface before the first END_STREAM arrived. */
    static void assertOpenedBeforeTheFirstEnd(List<Conversation> conversations, String label) {
        long firstEnd = firstEndSweep(conversations);
        List<String> late = carriers(conversations).stream().filter(c -> c.prefaceSweep() > firstEnd + 1)
                .map(c -> "connection " + c.connection() + ": preface in sweep " + c.prefaceSweep()).toList();
        assertThat(late).as("%s: connections opened after the first END_STREAM arrived (sweep %d)%n%s", label, firstEnd,
                describe(conversations)).isEmpty();
    }

    private static long firstEndSweep(List<Conversation> conversations) {
        return conversations.stream().mapToLong(Conversation::firstEndStreamSweep).min().orElse(Long.MAX_VALUE);
    }

    /** @return one line per connection: its preface sweep and each read's stream frames */
    static String describe(List<Conversation> conversations) {
        StringBuilder text = new StringBuilder();
        for (Conversation c : conversations) {
            text.append("  connection ").append(c.connection()).append(" preface in sweep ").append(c.prefaceSweep())
                    .append(", ").append(c.streams()).append(" streams; frames [read/sweep: H=HEADERS D=DATA, *=END_STREAM]");
            long read = -1;
            int shown = 0;
            for (Frame f : c.frames()) {
                if (f.type() != H2cWireServer.HEADERS && f.type() != H2cWireServer.DATA) {
                    continue;
                }
                if (f.readSequence() != read) {
                    read = f.readSequence();
                    text.append(" | ").append(read).append('/').append(f.sweep()).append(':');
                }
                if (shown++ < 400) {
                    text.append(' ').append(f.type() == H2cWireServer.HEADERS ? 'H' : 'D').append(f.endsStream() ? "*" : "");
                }
            }
            text.append('\n');
        }
        return text.toString();
    }
}
