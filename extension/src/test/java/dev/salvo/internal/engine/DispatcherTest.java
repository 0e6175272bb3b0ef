package dev.salvo.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salvo.RequestSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The in-flight cap on its own: which requests go out, in which order, and when a place frees.
 * The requests are staged but never sent (the client is not even started), so nothing here
 * touches the network.
 */
class DispatcherTest {

    private HttpClient client;
    private final BurstClock clock = new BurstClock();
    private final List<Integer> sent = new CopyOnWriteArrayList<>();
    private final List<Integer> readied = new CopyOnWriteArrayList<>();
    private Dispatcher dispatcher;
    private final List<Outgoing> requests = new ArrayList<>();

    @BeforeEach
    void setUp() {
        client = new HttpClient();
    }

    @AfterEach
    void tearDown() throws Exception {
        client.stop();
    }

    private void capAt(int limit, int count) {
        dispatcher = new Dispatcher(limit, request -> sent.add(request.exchange().index()),
                request -> readied.add(request.exchange().index()));
        for (int i = 0; i < count; i++) {
            Exchange exchange = new Exchange(i, RequestSpec.get("/" + i), 0, clock, 1024,
                    ended -> dispatcher.ended(requests.get(ended.index())));
            requests.add(new Outgoing(exchange, client.newRequest("http://127.0.0.1:9/" + i), Outgoing.Send.WHOLE, null));
        }
    }

    @Test
    void sendsUpToTheCapThenOneMoreForEachThatEndsInOrder() {
        capAt(2, 5);
        requests.forEach(dispatcher::submit);
        assertThat(sent).containsExactly(0, 1);
        assertThat(readied).as("the first waiting ones are readied, no more than the cap").containsOnly(2, 3);

        requests.get(1).exchange().fail(new IllegalStateException("done"));
        assertThat(sent).containsExactly(0, 1, 2);
        requests.get(0).exchange().fail(new IllegalStateException("done"));
        requests.get(2).exchange().fail(new IllegalStateException("done"));
        assertThat(sent).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aRequestThatEndedWhileWaitingIsSkippedAndLeavesItsPlaceFree() {
        capAt(1, 3);
        requests.forEach(dispatcher::submit);
        requests.get(1).exchange().fail(new IllegalStateException("ended while waiting"));
        requests.get(0).exchange().fail(new IllegalStateException("done"));
        assertThat(sent).containsExactly(0, 2);
    }

    @Test
    void cancelFailsEveryWaitingRequestAndEveryLaterOneWithoutSendingIt() {
        capAt(1, 3);
        dispatcher.submit(requests.get(0));
        dispatcher.submit(requests.get(1));
        CancellationException reason = new CancellationException("stop");
        dispatcher.cancel(reason);
        dispatcher.submit(requests.get(2));

        assertThat(sent).containsExactly(0);
        assertThat(requests.get(1).exchange().failure()).isSameAs(reason);
        assertThat(requests.get(2).exchange().failure()).isSameAs(reason);
        assertThat(requests.get(0).exchange().isDone()).as("in flight: its own end will come").isFalse();
    }
}
