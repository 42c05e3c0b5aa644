package dev.gitblog.systemtests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.gitblog.systemtests.LocalSystem;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 19 end to end: run.sh (broker, four services) plus a second gateway on the same broker, both configured
 * with a WebSub hub and two webhook receivers served by this test. A client on {@code /api/events} gets the event of
 * a signed push with the changed path, and after reconnecting with {@code Last-Event-ID} the one it missed; the hub
 * gets one publish per changed feed; each receiver gets exactly one correctly signed delivery per revision although
 * two gateways run, and the one that answers 500 twice gets it on the third attempt; feedparser sees the hub link.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeNotificationsIT {

    static final Path WORK = LocalSystem.PROJECT_ROOT.resolve("system-tests/target/it/change-notifications");
    static final int BASE_PORT = 19480;
    static final String NOTIFY_SECRET = "notify-" + UUID.randomUUID();

    /** One request the local receiver got. */
    record Received(String path, Map<String, String> headers, byte[] body, int answered) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One server-sent event. */
    record Sse(String event, String id, String data) {
    }

    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    final Map<String, AtomicInteger> flakyAttempts = new ConcurrentHashMap<>();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpServer receiver;
    String receiverUrl;
    LocalSystem system;
    BlogRepo repo;
    Process secondGateway;
    String secondUrl;
    String first;
    Map<String, String> env;
    Admin admin;
    final AtomicBoolean holdFirstHook = new AtomicBoolean(true);
    volatile boolean joinedMidDelivery;
    volatile String joinState = "not seen";

    @BeforeAll
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            int status = 202;
            if (path.equals("/hook") && holdFirstHook.compareAndSet(true, false)) {
                joinedMidDelivery = awaitJoinAttempt();
            }
            if (path.equals("/flaky")) {
                // 500 to the first two attempts of each delivery, then taken
                int n = flakyAttempts.computeIfAbsent(String.valueOf(headers.get("X-Blog-Delivery")),
                        k -> new AtomicInteger()).incrementAndGet();
                status = n <= 2 ? 500 : 200;
            }
            received.add(new Received(path, headers, body, status));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.start();
        receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort();
        Map<String, String> env = Map.of(
                "BLOG_WEBSUB_HUB", receiverUrl + "/hub",
                "BLOG_NOTIFY_URLS", receiverUrl + "/hook, " + receiverUrl + "/flaky",
                "BLOG_NOTIFY_SECRET", NOTIFY_SECRET,
                // the first /hook delivery is held until the second gateway tries to join: no attempt timeout
                "BLOG_NOTIFY_TIMEOUT", "PT4M");

        Rig.deleteTree(WORK);
        repo = BlogRepo.create(WORK.resolve("blog.git"));
        Rig.seedBlog(repo, "Notifications blog", "notify-seed");
        first = repo.commit("a small blog");
        system = LocalSystem.start(repo.dir() + "#main", WORK.resolve("data"), BASE_PORT,
                "hook-" + UUID.randomUUID(), Duration.ofMinutes(8), env);
        this.env = env;
        Rig.await(system.gateway() + " serves the blog and delivers notifications", Duration.ofMinutes(3),
                () -> first.equals(Rig.get(system.gateway() + "/Posts").header("X-Blog-Revision"))
                        && Rig.json(system.gateway() + "/api/notifications").get("owner").asBoolean(),
                system::logTails);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + (BASE_PORT + 10)));
    }

    /** A second gateway on the same broker and data directory, with the same notification settings. */
    void startSecondGateway() throws IOException {
        int port = BASE_PORT + 5;
        secondUrl = "http://localhost:" + port;
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx256m", "-XX:+UseSerialGC", "-Dgitblog.data=" + system.data(),
                "-jar", LocalSystem.PROJECT_ROOT.resolve("gateway/target/quarkus-app/quarkus-run.jar").toString())
                .directory(system.data().toFile())
                .redirectErrorStream(true)
                .redirectOutput(new File(system.data().resolve("logs/gateway-2.log").toString()));
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + (BASE_PORT + 10));
        pb.environment().put("CONTENT_SERVICE_URL", system.contentService());
        secondGateway = pb.start();
    }

    /**
     * Holds a delivery until another member tries to join the notifier group (the group leaves the stable state
     * with the owner still delivering), or at most three minutes. True when that was seen.
     */
    boolean awaitJoinAttempt() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("gateway-notifier")).all()
                        .get(30, TimeUnit.SECONDS).get("gateway-notifier");
                if (group.groupState() != GroupState.STABLE || group.members().size() > 1) {
                    joinState = group.groupState() + " with " + group.members().size() + " member(s)";
                    return true;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (Exception e) {
                joinState = e.toString();
            }
        }
        return false;
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (secondGateway != null) {
                secondGateway.destroy();
                if (!secondGateway.waitFor(60, TimeUnit.SECONDS)) {
                    secondGateway.destroyForcibly();
                }
            }
            assertEquals(List.of(), Rig.stop(system), "processes left behind");
        } finally {
            if (admin != null) {
                admin.close();
            }
            if (receiver != null) {
                receiver.stop(0);
            }
            if (repo != null) {
                repo.close();
            }
        }
    }

    /** Commits a new post and sends the signed push notification through the gateway, as a forge does. */
    String push(String path, String text) throws Exception {
        repo.put(path, Rig.article("Post " + text, "Body " + text, "notify"));
        String commit = repo.commit("add " + path);
        assertEquals(202, Rig.notifyPush(system, commit), "the signed push is taken");
        return commit;
    }

    /** Opens {@code /api/events}; the events land in the queue (read on a client thread). */
    BlockingQueue<Sse> subscribe(String gateway, String lastEventId, List<HttpResponse<Stream<String>>> open) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + "/api/events"))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, resp.statusCode());
        open.add(resp);
        BlockingQueue<Sse> queue = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
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
            } catch (UncheckedIOException e) {
                // closed by the test or the gateway
            }
        }, "sse-client");
        t.setDaemon(true);
        t.start();
        return queue;
    }

    static Sse next(BlockingQueue<Sse> q, String what) throws InterruptedException {
        Sse e = q.poll(3, TimeUnit.MINUTES);
        assertNotNull(e, what);
        return e;
    }

    static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(NOTIFY_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }

    List<Received> at(String path) {
        synchronized (received) {
            return received.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    @Test
    void eventsResumeHubPingsAndExactlyOneSignedDeliveryPerRevision() throws Exception {
        List<HttpResponse<Stream<String>>> open = new ArrayList<>();
        BlockingQueue<Sse> live = subscribe(system.gateway(), null, open);
        Sse current = next(live, "the stream starts with the revision served");
        assertEquals("current", current.event());
        assertEquals(first, current.id());

        String second = push("Posts/Live", "live-" + UUID.randomUUID());
        // the first gateway delivers this revision alone; /hook holds its delivery until the second gateway,
        // started now, tries to join the notifier group: the hand-over must not deliver it a second time
        startSecondGateway();
        Sse event = next(live, "the event of the push");
        assertEquals("revision", event.event());
        assertEquals(second, event.id());
        JsonNode secondJson = Rig.JSON.readTree(event.data());
        assertEquals(second, secondJson.get("revision").asText());
        assertTrue(event.data().contains("{\"path\":\"/Posts/Live\",\"url\":\"https://blog.example.invalid/Posts/Live\"}"),
                event.data());
        // the event comes after the swap: the page is there
        assertEquals(200, Rig.get(system.gateway() + "/Posts/Live").status());
        open.get(0).body().close();
        // both gateways serve it before the next push, so whichever delivers has served (and announces) each revision
        Rig.await(secondUrl + " serves " + second, Duration.ofMinutes(3),
                () -> second.equals(Rig.get(secondUrl + "/Posts").header("X-Blog-Revision")), system::logTails);
        Rig.await("a stable notifier group of two gateways, one of them the owner", Duration.ofMinutes(3), () -> {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("gateway-notifier")).all()
                    .get(30, TimeUnit.SECONDS).get("gateway-notifier");
            int owners = 0;
            for (String gw : List.of(system.gateway(), secondUrl)) {
                owners += Rig.json(gw + "/api/notifications").get("owner").asBoolean() ? 1 : 0;
            }
            return group.groupState() == GroupState.STABLE && group.members().size() == 2 && owners == 1;
        }, system::logTails);
        assertTrue(joinedMidDelivery, "the second gateway tried to join while a delivery was in flight: " + joinState);

        String third = push("Posts/Missed", "missed-" + UUID.randomUUID());
        Rig.awaitServedRevision(system, "/Posts/Missed", third, Duration.ofMinutes(3));
        BlockingQueue<Sse> resumed = subscribe(system.gateway(), second, open);
        Sse missed = next(resumed, "the event missed while disconnected");
        assertEquals("revision", missed.event());
        assertEquals(third, missed.id());
        assertTrue(missed.data().contains("\"path\":\"/Posts/Missed\""), missed.data());
        JsonNode thirdJson = Rig.JSON.readTree(missed.data());
        open.get(1).body().close();

        // every receiver: both revisions; the flaky one on its third attempt
        Rig.await("both revisions delivered to both receivers", Duration.ofMinutes(3), () ->
                at("/hook").size() >= 2 && at("/flaky").stream().filter(r -> r.answered() == 200).count() >= 2,
                () -> "received " + received.size() + system.logTails());
        for (String path : List.of("/hook", "/flaky")) {
            List<Received> taken = at(path).stream().filter(r -> r.answered() / 100 == 2).toList();
            assertEquals(List.of(second, third), taken.stream().map(r -> r.headers().get("X-Blog-Revision")).toList(),
                    "exactly one delivery per revision at " + path + ", in order, with two gateways running");
            for (Received r : at(path)) {
                assertEquals(hmac(r.body()), r.headers().get("X-Blog-Signature-256"), "signed with BLOG_NOTIFY_SECRET");
                assertEquals("application/json", r.headers().get("Content-Type"));
                assertNotNull(r.headers().get("X-Blog-Delivery"));
            }
            assertEquals(secondJson, Rig.JSON.readTree(taken.get(0).body()), "the body is the event's JSON");
            assertEquals(thirdJson, Rig.JSON.readTree(taken.get(1).body()));
        }
        List<Received> flaky = at("/flaky");
        assertEquals(List.of(500, 500, 200, 500, 500, 200), flaky.stream().map(Received::answered).toList());
        assertEquals(2, flaky.stream().map(r -> r.headers().get("X-Blog-Delivery")).distinct().count(),
                "one delivery id per revision, kept across retries");

        // the hub: one publish per changed feed of each revision
        List<String> expected = new ArrayList<>();
        for (JsonNode e : List.of(secondJson, thirdJson)) {
            e.get("feeds").forEach(f -> expected.add(f.get("url").asText()));
        }
        assertTrue(expected.contains("https://blog.example.invalid/atom"), expected.toString());
        Rig.await("the hub got every publish", Duration.ofMinutes(1), () -> at("/hub").size() >= expected.size(), () -> "");
        List<String> pinged = at("/hub").stream().map(r -> URLDecoder.decode(r.text(), StandardCharsets.UTF_8)).toList();
        assertEquals(expected.stream().map(u -> "hub.mode=publish&hub.url=" + u).sorted().toList(),
                pinged.stream().sorted().toList());

        // the two replicas' logs together hold each delivery once; the first gateway made those of the second revision
        JsonNode log1 = Rig.json(system.gateway() + "/api/notifications");
        JsonNode log2 = Rig.json(secondUrl + "/api/notifications");
        int made = log1.get("deliveries").size() + log2.get("deliveries").size();
        assertEquals(2 * 2 + expected.size(), made, "two webhooks and the hub pings per revision: " + log1 + " / " + log2);
        List<String> firstMade = new ArrayList<>();
        log1.get("deliveries").forEach(d -> firstMade.add(d.get("revision").asText()));
        assertTrue(firstMade.contains(second), "the first gateway delivered " + second + ": " + log1);
        assertTrue(log1.get("owner").asBoolean() != log2.get("owner").asBoolean(), "one owner: " + log1 + " / " + log2);
    }

    @Test
    void feedparserSeesTheHubLink() throws Exception {
        String script = String.join("\n",
                "import sys, feedparser",
                "for path in ['atom', 'rss.xml']:",
                "    d = feedparser.parse(sys.argv[1] + '/' + path)",
                "    hubs = [l.get('href') for l in d.feed.get('links', []) if l.get('rel') == 'hub']",
                "    print(path, 'hubs=%s' % ','.join(hubs))",
                "    if hubs != [sys.argv[2]]: sys.exit(1)");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, system.gateway(), receiverUrl + "/hub")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "feedparser finished");
        assertEquals(0, p.exitValue(), out);
    }
}
