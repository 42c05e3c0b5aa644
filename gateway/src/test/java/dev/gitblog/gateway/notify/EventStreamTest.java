package dev.gitblog.gateway.notify;

import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.http.TestSnapshots;
import dev.gitblog.gateway.site.SiteSnapshot;
import dev.gitblog.gateway.site.Page;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/events} over real HTTP: a fresh stream starts with the current revision, a swap arrives as a
 * {@code revision} event, {@code Last-Event-ID} resumes from the history or says it cannot; CORS of the API and the
 * delivery log.
 */
@QuarkusTest
class EventStreamTest {

    @Inject
    SnapshotHolder holder;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/api/events")
    URL events;

    final List<HttpResponse<java.util.stream.Stream<String>>> open = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        open.forEach(r -> r.body().close());
    }

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One SSE event as read off the wire. */
    record Sse(String event, String id, String data) {
    }

    /** Reads the stream on a thread of the client; events land in the queue. */
    BlockingQueue<Sse> subscribe(String lastEventId) throws Exception {
        return subscribe(lastEventId, events);
    }

    BlockingQueue<Sse> subscribe(String lastEventId, URL url) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.toURI()).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        BlockingQueue<Sse> queue = new LinkedBlockingQueue<>();
        HttpResponse<java.util.stream.Stream<String>> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, resp.statusCode());
        open.add(resp);
        assertTrue(resp.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        Thread reader = new Thread(() -> {
            List<String> lines = new ArrayList<>();
            try {
                resp.body().forEach(line -> {
                if (!line.isEmpty()) {
                    lines.add(line);
                    return;
                }
                String event = null, id = null, data = null;
                for (String l : lines) {
                    if (l.startsWith("event: ")) event = l.substring(7);
                    if (l.startsWith("id: ")) id = l.substring(4);
                    if (l.startsWith("data: ")) data = l.substring(6);
                }
                if (event != null) {
                    queue.add(new Sse(event, id, data));
                }
                lines.clear();
                });
            } catch (java.io.UncheckedIOException e) {
                // the gateway stopped at the end of the tests: the stream is over
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return queue;
    }

    BlockingQueue<Sse> subscribeByQuery(String lastEventId) throws Exception {
        URL url = new URL(events + "?lastEventId=" + java.net.URLEncoder.encode(lastEventId, StandardCharsets.UTF_8));
        return subscribe(null, url);
    }

    static Sse next(BlockingQueue<Sse> q) throws InterruptedException {
        Sse e = q.poll(20, TimeUnit.SECONDS);
        assertNotNull(e, "an event within 20 s");
        return e;
    }

    void serve(SiteSnapshot next, Instant publishedAt) {
        SiteSnapshot previous = holder.swap(next);
        holder.announce(previous, next, publishedAt);
    }

    @Test
    void streamStartsWithCurrentThenSendsEachRevisionAndResumes() throws Exception {
        String r1 = "r1-" + UUID.randomUUID();
        String r2 = "r2-" + UUID.randomUUID();
        Instant t1 = Instant.parse("2026-12-05T10:00:00Z");
        serve(TestSnapshots.seedLike(r1, "first text"), t1);

        BlockingQueue<Sse> fresh = subscribe(null);
        Sse current = next(fresh);
        assertEquals("current", current.event());
        assertEquals(r1, current.id());
        assertTrue(current.data().contains("\"resumed\":false"), current.data());

        serve(TestSnapshots.seedLike(r2, "second text"), t1.plusSeconds(60));
        Sse revision = next(fresh);
        assertEquals("revision", revision.event());
        assertEquals(r2, revision.id());
        assertTrue(revision.data().contains("{\"path\":\"/Posts/ARP\",\"url\":\"https://hannes.robur.coop/Posts/ARP\"}"),
                revision.data());
        assertTrue(revision.data().contains("\"publishedAt\":\"2026-12-05T10:01:00Z\""), revision.data());

        BlockingQueue<Sse> resumed = subscribe(r1);
        Sse missed = next(resumed);
        assertEquals("revision", missed.event());
        assertEquals(r2, missed.id());
        assertEquals(revision.data(), missed.data(), "the same event as it was sent live");

        BlockingQueue<Sse> byQuery = subscribeByQuery(r1);
        assertEquals(r2, next(byQuery).id(), "?lastEventId= resumes as the header does");

        BlockingQueue<Sse> lost = subscribe("not-a-revision-this-gateway-knows");
        Sse restart = next(lost);
        assertEquals("current", restart.event());
        assertEquals(r2, restart.id());
        assertTrue(restart.data().contains("\"lastEventId\":\"not-a-revision-this-gateway-knows\""), restart.data());
    }

    /** A site of {@code n} pages whose bytes all differ between variants. */
    static SiteSnapshot manyPages(SiteSnapshot base, String revision, Map<String, Page> pages) {
        return new SiteSnapshot(revision, base.commitTime(), base.site(), pages, base.redirects(), base.statics(),
                base.notFound(), base.articles(), base.tags(), base.exportFiles());
    }

    static Map<String, Page> pages(String variant, int n) {
        Map<String, Page> pages = new HashMap<>();
        for (int i = 0; i < n; i++) {
            pages.put("Posts/a-rather-long-article-name-" + i, Page.of(TestSnapshots.HTML,
                    ("<p>" + variant + i + "</p>").getBytes(StandardCharsets.UTF_8), Instant.EPOCH));
        }
        return pages;
    }

    @Test
    void aSubscriberThatDoesNotReadIsDroppedNotBufferedForever() throws Exception {
        double droppedBefore = registry.counter("gateway.events.dropped").count();
        SiteSnapshot base = TestSnapshots.seedLike("base-" + UUID.randomUUID(), "x");
        Map<String, Page> a = pages("a", 1000);
        Map<String, Page> b = pages("b", 1000);
        serve(manyPages(base, "slow-0-" + UUID.randomUUID(), a), Instant.now());
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096); // and never read: the kernel buffers fill, then the gateway's queue
            slow.connect(new InetSocketAddress(events.getHost(), events.getPort()));
            slow.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            int swaps = 0;
            // each event lists 1,000 changed paths (about 90 KB): keep publishing until the gateway gives up on it
            while (registry.counter("gateway.events.dropped").count() == droppedBefore) {
                assertTrue(Instant.now().isBefore(deadline), "dropped within 60 s, after " + swaps + " events");
                swaps++;
                serve(manyPages(base, "slow-" + swaps + "-" + UUID.randomUUID(), swaps % 2 == 0 ? a : b), Instant.now());
                if (swaps % 20 == 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // let writes drain
                }
            }
            // the gateway closed the connection: what was in flight can be read, then the stream ends
            slow.setSoTimeout(30_000);
            InputStream in = slow.getInputStream();
            byte[] buf = new byte[1 << 16];
            try {
                while (in.read(buf) >= 0) {
                    // drain
                }
            } catch (SocketException reset) {
                // a reset is an end too
            }
        }
    }

    @Test
    void corsAllowsTheConfiguredOriginOnly() {
        given().header("Origin", "https://reader.example").when().get("/api/notifications").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://reader.example"))
                .header("Access-Control-Expose-Headers", equalTo("ETag, Last-Modified, Link, X-Total-Count, X-Blog-Revision"));
        given().header("Origin", "https://evil.example").when().get("/api/notifications").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://reader.example").header("Access-Control-Request-Method", "GET")
                .when().options("/api/articles").then()
                .statusCode(204)
                .header("Access-Control-Allow-Methods", equalTo("GET, HEAD"));
    }

    @Test
    void deliveryLogIsEmptyWithoutTargets() {
        given().when().get("/api/notifications").then().statusCode(200)
                .body("enabled", equalTo(false)).body("deliveries.size()", equalTo(0));
    }

    @Test
    void aClientThatTakesNoEventStreamGets406() {
        given().header("Accept", "application/json").when().get("/api/events").then().statusCode(406)
                .contentType("application/problem+json").body("status", equalTo(406));
        given().header("Accept", "text/event-stream;q=0, application/json").when().get("/api/events").then()
                .statusCode(406);
    }

    @Test
    void acceptRangesThatAllowTheStream() {
        assertTrue(EventStream.acceptsEventStream(null));
        assertTrue(EventStream.acceptsEventStream("text/event-stream"));
        assertTrue(EventStream.acceptsEventStream("application/json, text/*;q=0.5"));
        assertTrue(EventStream.acceptsEventStream("*/*"));
        assertFalse(EventStream.acceptsEventStream("application/json"));
        assertFalse(EventStream.acceptsEventStream("text/event-stream; q=0.0"));
    }
}
