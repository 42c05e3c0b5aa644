package dev.gitblog.gateway.notify;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webhooks and WebSub pings against a real local HTTP server: signatures, delivery ids, retries with backoff. */
class RevisionNotifierTest {

    record Received(String path, Map<String, String> headers, byte[] body) {
    }

    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    HttpServer server;
    String base;

    RevisionNotifierTest() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            AtomicInteger left = failuresLeft.get(path);
            int status = left != null && left.getAndDecrement() > 0 ? 500 : path.startsWith("/gone") ? 410 : 202;
            Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> h.put(k, v.get(0)));
            received.add(new Received(path, h, body));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    RevisionNotifier notifier(List<String> urls, String hub, DeliveryLog log) {
        RetryingPost post = new RetryingPost(HttpClient.newHttpClient(), new Backoff(4, Duration.ofSeconds(1),
                Duration.ofSeconds(3)), Duration.ofSeconds(5), waits::add, Clock.systemUTC());
        return new RevisionNotifier(urls, "s3cret", hub, post, log, pool, (a, s, e) -> { });
    }

    static ChangeLog.Published published() {
        ChangeEvent e = SnapshotDiff.between(ChangeLogTest.snapshot("r1", "a"), ChangeLogTest.snapshot("r2", "b"),
                Instant.parse("2026-12-05T10:00:00Z"), 100);
        return new ChangeLog.Published(e, ChangeJson.revision(e));
    }

    @Test
    void webhookIsSignedAndRetriedUntilTaken() throws Exception {
        failuresLeft.put("/hook", new AtomicInteger(2));
        DeliveryLog log = new DeliveryLog(10);
        ChangeLog.Published p = published();
        var done = notifier(List.of(base + "/hook?token=abc"), null, log).notify(p);
        assertEquals(1, done.size());
        assertEquals("delivered", done.get(0).outcome());
        assertEquals(3, done.get(0).attempts(), "500, 500, then taken");
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), waits, "exponential backoff");
        assertEquals(3, received.size());
        for (Received r : received) {
            assertTrue(Signatures.verify("s3cret", r.body(), r.headers().get("X-Blog-Signature-256")));
            assertEquals(done.get(0).id(), r.headers().get("X-Blog-Delivery"), "the same id on every attempt");
            assertEquals("r2", r.headers().get("X-Blog-Revision"));
            assertEquals(new String(p.json(), StandardCharsets.UTF_8), new String(r.body(), StandardCharsets.UTF_8));
        }
        assertEquals(base + "/hook", log.recent().get(0).target(), "the query (a token) is not shown");
    }

    @Test
    void websubPingsTheHubOncePerChangedFeedAndGivesUpOnARefusal() throws Exception {
        DeliveryLog log = new DeliveryLog(10);
        var done = notifier(List.of(base + "/gone"), base + "/hub", log).notify(published());
        List<Received> hub = received.stream().filter(r -> r.path().equals("/hub")).toList();
        assertEquals(1, hub.size(), "one changed feed (atom)");
        assertEquals("hub.mode=publish&hub.url=https://hannes.robur.coop/atom",
                URLDecoder.decode(new String(hub.get(0).body(), StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        assertEquals("application/x-www-form-urlencoded", hub.get(0).headers().get("Content-Type"));
        var gone = done.stream().filter(d -> d.kind().equals("webhook")).findFirst().orElseThrow();
        assertEquals("failed", gone.outcome());
        assertEquals(1, gone.attempts(), "a 410 is final: no retry");
        assertEquals(410, gone.lastStatus());
        assertEquals(2, log.recent().size());
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        Backoff b = new Backoff(6, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertEquals(List.of(1L, 2L, 4L, 5L, 5L), List.of(b.after(1), b.after(2), b.after(3), b.after(4), b.after(5))
                .stream().map(Duration::toSeconds).toList());
    }

    @Test
    void signatureIsHexHmacSha256() {
        // RFC 4231 test case 2
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Signatures.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(!Signatures.verify("Jefe", "x".getBytes(StandardCharsets.US_ASCII), "sha256=00"));
    }
}
