package dev.salvo.memory;

import dev.salvo.Burst;
import dev.salvo.RequestSpec;
import dev.salvo.Responses;
import dev.salvo.testing.TestServer;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Run in a child JVM by {@link BoundedHeapTest}: fires 10 000 requests whose answers carry
 * 1 KiB bodies, against a server in the same JVM, and prints how many succeeded and the peak
 * heap use. Exits 0 only when every request got its 200 and its whole body.
 */
public final class HeapProbe {

    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        int inFlight = Integer.parseInt(args[1]);
        try (TestServer server = TestServer.start()) {
            // Generous: under load a request may wait long for its turn at the server; only a hang takes this long.
            Responses responses = Burst.of(count).maxInFlight(inFlight).timeout(Duration.ofMinutes(5))
                    .baseUrl(server.baseUrl()).prepare(i -> RequestSpec.get("/bytes?n=1024")).fire();
            long complete = responses.stream().filter(r -> r.status() == 200 && r.bodyLength() == 1024).count();
            System.gc();
            long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.println("heap-probe complete=" + complete + " results=" + responses.size()
                    + " retainedAfterGcMiB=" + retained / (1024 * 1024) + " maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
            responses.stream().filter(r -> !(r.status() == 200 && r.bodyLength() == 1024))
                    .collect(java.util.stream.Collectors.groupingBy(r -> r.status() + " " + r.failure().map(Throwable::toString).orElse(""),
                            java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                    .forEach((outcome, n) -> System.out.println("heap-probe incomplete " + n + " x " + outcome));
            System.exit(complete == count ? 0 : 1);
        }
    }
}
