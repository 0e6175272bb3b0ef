package dev.salvo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The floors write what they say: everything ahead but the ends, then the ends in the writes they promise. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RawReferenceTest {

    @Test
    void theHttp1FloorSendsEveryRequestAheadButItsLastByteOnAConnectionOfItsOwn() throws Exception {
        try (TimestampServer server = TimestampServer.Protocol.HTTP_1_1.started()) {
            Contender.Outcome outcome = new RawSocketReference(server).burst(server.baseUrl(), "f1", 6);

            assertThat(outcome.answered()).isEqualTo(6);
            ServerSide seen = ServerSide.of(server.take("f1"));
            assertThat(seen.requests()).isEqualTo(6);
            assertThat(seen.connections()).isEqualTo(6);
            assertThat(seen.reads()).isEqualTo(6);
            assertThat(seen.writtenAhead()).isEqualTo(6);
        }
    }

    @Test
    void theH2cFloorSpreadsStreamsByTheServersLimitAndWritesEachConnectionsEndsInOneWrite() throws Exception {
        try (TimestampServer server = TimestampServer.Protocol.HTTP_2.started(2)) {
            Contender.Outcome outcome = new RawH2cReference(server).burst(server.baseUrl(), "f2", 5);

            assertThat(outcome.answered()).isEqualTo(5);
            ServerSide seen = ServerSide.of(server.take("f2"));
            assertThat(seen.requests()).isEqualTo(5);
            assertThat(seen.connections()).as("5 streams at 2 per connection").isEqualTo(3);
            assertThat(seen.reads()).isEqualTo(3);
            assertThat(seen.oneReadPerConnection()).isTrue();
            assertThat(seen.writtenAhead()).isEqualTo(5);
        }
    }
}
