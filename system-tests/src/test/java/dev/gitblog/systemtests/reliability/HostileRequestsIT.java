package dev.gitblog.systemtests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitblog.systemtests.LocalSystem;
import dev.gitblog.systemtests.reliability.Rig.Raw;
import dev.gitblog.systemtests.reliability.Rig.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hostile requests (issue 9, item 5) against the running system: a path traversal battery on the gateway and
 * content-service, oversized headers and bodies, slow clients that must not block others, and the webhook
 * without a signature, with a wrong one, with a signed body replayed to other paths, and with a huge body.
 * Finally, the secret appears in no log file, no API answer and no metric.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileRequestsIT {

    static final Path WORK = LocalSystem.PROJECT_ROOT.resolve("system-tests/target/it/reliability-hostile");
    static final int BASE_PORT = 18380;
    static final String SECRET = "hostile-secret-" + UUID.randomUUID();
    /** Text that only a leak could put in a response: the uuid config value, git internals, system files. */
    static final List<String> LEAKS = List.of("9a0b7c36-5c61-4c35-8a4c-1f0f8f1d2b11", "root:x:0:0", "[core]",
            "repositoryformatversion", "ref: refs/heads", SECRET);

    LocalSystem system;
    BlogRepo repo;
    String head;
    final Map<String, Long> pidsAtStart = new TreeMap<>();

    @BeforeAll
    void start() throws Exception {
        Rig.deleteTree(WORK);
        repo = BlogRepo.create(WORK.resolve("blog.git"));
        Rig.seedBlog(repo, "Hostile blog", "hostile-seed");
        head = repo.commit("a small blog");
        system = Rig.start(repo.dir() + "#main", WORK, BASE_PORT, SECRET);
        for (String name : List.of("kafka", "content-service", "render-service", "feed-service", "gateway")) {
            pidsAtStart.put(name, Rig.pid(system, name));
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            assertEquals(List.of(), Rig.stop(system), "processes left behind");
        } finally {
            if (repo != null) {
                repo.close();
            }
        }
    }

    int gateway() {
        return Rig.port(system, "gateway");
    }

    int content() {
        return Rig.port(system, "content-service");
    }

    static byte[] get(String target, String... extraHeaders) {
        StringBuilder sb = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String h : extraHeaders) {
            sb.append(h).append("\r\n");
        }
        return sb.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The response (head and body) to a raw request, read to the end. */
    static String exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 10_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(connection failed: " + e.getMessage() + ")";
        }
    }

    static int status(String response) {
        Matcher m = Pattern.compile("^HTTP/1\\.[01] (\\d{3})").matcher(response);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static List<String> traversalBattery() {
        List<String> paths = new ArrayList<>(List.of(
                "/../../etc/passwd", "/..%2F..%2Fetc%2Fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                "/%252e%252e/%252e%252e/etc/passwd", "/..%252F..%252Fetc%252Fpasswd", "/%25252e%25252e/etc/passwd",
                "/Posts/..%5C..%5Cetc%5Cpasswd", "/Posts\\..\\..\\etc\\passwd", "/%5c..%5c..%5cetc%5cpasswd",
                "/%00", "/Posts/First%00", "/Posts/First%00.html", "/%00/../.config/uuid",
                "/.git/config", "/.git/HEAD", "/.git/", "/%2egit/config", "/.GIT/config", "/Posts/.git/config",
                "/.config/uuid", "/.config/", "/%2econfig/uuid", "/.config%2Fuuid", "/static/../.config/uuid",
                "/static/%2e%2e/.config/uuid", "/static/..%2f.config%2fuuid", "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/%c0%af..%c0%afetc%c0%afpasswd", "/%e0%80%ae%e0%80%ae/etc/passwd",
                "/%uff0e%uff0e/etc/passwd", "//etc/passwd", "/static//etc/passwd", "///.config/uuid",
                "/Posts/%0d%0aSet-Cookie:%20injected=1", "/tags/..%2F..%2F.config%2Fuuid", "/tags/%2e%2e/%2e%2e/.git/config",
                "/api/articles/..%2F..%2F.config%2Fuuid", "/api/articles/../../.config/uuid", "/api/../.config/uuid",
                "/q/../.config/uuid", "/hooks/../.config/uuid", "/api/export/../../etc/passwd",
                "/" + "a/".repeat(5_000), "/" + "%2e%2e/".repeat(2_000) + "etc/passwd", "/" + "B".repeat(30_000)));
        return paths;
    }

    @Test
    @Order(1)
    void traversalBatteryNeverLeaksAndNeverCrashes() throws Exception {
        List<String> problems = new ArrayList<>();
        int tried = 0;
        for (String path : traversalBattery()) {
            for (int port : new int[] {gateway(), content()}) {
                tried++;
                String response = exchange(port, get(path));
                int status = status(response);
                String shown = (path.length() > 60 ? path.substring(0, 60) + "..." : path) + " on :" + port;
                String head = response.contains("\r\n\r\n") ? response.substring(0, response.indexOf("\r\n\r\n")) : response;
                if (status / 100 == 3 && !head.matches("(?s).*\r\n[Ll]ocation: /[^/\\\\].*")) {
                    problems.add(shown + " -> " + status + " redirect off the site: " + head);
                }
                if (status >= 500) {
                    problems.add(shown + " -> " + status);
                }
                for (String leak : LEAKS) {
                    if (response.contains(leak)) {
                        problems.add(shown + " -> " + status + " leaks `" + leak + "`");
                    }
                }
                if (head.toLowerCase().contains("set-cookie")) {
                    problems.add(shown + " -> header injection: " + response.lines().limit(10).toList());
                }
            }
        }
        System.out.println("[hostile] traversal battery: " + tried + " requests");
        assertEquals(List.of(), problems);
        assertEquals(200, Rig.get(system.gateway() + "/Posts/First").status(), "still serving");
    }

    @Test
    @Order(2)
    void theSitesDotFilesAreNotReachable() throws Exception {
        for (String path : List.of("/.config/uuid", "/.git/config", "/%2e%2e/%2e%2e/etc/passwd", "/..%2F..%2Fetc%2Fpasswd")) {
            int status = status(exchange(gateway(), get(path)));
            assertTrue(status == 400 || status == 404, path + " -> " + status);
        }
    }

    @Test
    @Order(3)
    void oversizedHeadersAreRefusedAndTheServerStaysUp() throws Exception {
        List<String> problems = new ArrayList<>();
        for (int port : new int[] {gateway(), content()}) {
            String big = exchange(port, get("/", "X-Big: " + "a".repeat(200_000)));
            int s1 = status(big);
            if (!(s1 == 400 || s1 == 413 || s1 == 431 || s1 == -1)) {
                problems.add(":" + port + " 200 kB header -> " + s1);
            }
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                many.add("X-H" + i + ": v");
            }
            int s2 = status(exchange(port, get("/", many.toArray(String[]::new))));
            if (!(s2 == 400 || s2 == 413 || s2 == 431 || s2 == -1)) {
                problems.add(":" + port + " 5000 headers -> " + s2);
            }
            int s3 = status(exchange(port, get("/" + "C".repeat(200_000))));
            if (!(s3 == 400 || s3 == 404 || s3 == 414 || s3 == 431 || s3 == -1)) {
                problems.add(":" + port + " 200 kB request line -> " + s3);
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(200, Rig.get(system.gateway() + "/Posts/First").status());
        assertTrue(Rig.ready(system, "content-service"));
    }

    @Test
    @Order(4)
    void oversizedBodiesGet413() throws Exception {
        String body = "POST /hooks/git HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "X-Hub-Signature-256: sha256=" + "0".repeat(64) + "\r\n";
        List<String> problems = new ArrayList<>();
        for (int port : new int[] {gateway(), content()}) {
            Raw declared = Rig.rawUpload(port, body + "Content-Length: 52428800\r\nConnection: close\r\n\r\n", 52_428_800L, false);
            if (declared.status() != 413) {
                problems.add(":" + port + " 50 MB hook body with Content-Length -> " + declared.statusLine());
            }
            Raw medium = Rig.rawUpload(port, body + "Content-Length: 3000000\r\nConnection: close\r\n\r\n", 3_000_000L, false);
            if (medium.status() != 413) {
                problems.add(":" + port + " 3 MB hook body -> " + medium.statusLine());
            }
            Raw chunked = Rig.rawUpload(port, body + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n", 5_000_000L, true);
            if (chunked.status() != 413) {
                problems.add(":" + port + " 5 MB chunked hook body -> " + chunked.statusLine());
            }
        }
        Raw site = Rig.rawUpload(gateway(), "POST /Posts/First HTTP/1.1\r\nHost: localhost\r\nContent-Length: 20000000\r\n"
                + "Connection: close\r\n\r\n", 20_000_000L, false);
        if (site.status() / 100 == 2 || site.status() >= 500) {
            problems.add("20 MB POST to a page -> " + site.statusLine());
        }
        assertEquals(List.of(), problems);
        assertEquals(200, Rig.get(system.gateway() + "/Posts/First").status());
    }

    @Test
    @Order(5)
    void slowClientsDoNotBlockOthers() throws Exception {
        int slow = 64;
        List<Socket> sockets = new ArrayList<>();
        AtomicInteger bytesSent = new AtomicInteger();
        byte[] request = "GET /Posts/First HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1);
        ScheduledExecutorService dripper = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < slow; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("localhost", gateway()), 10_000);
                sockets.add(s);
            }
            int[] position = {0};
            dripper.scheduleAtFixedRate(() -> {
                byte b = position[0] < request.length ? request[position[0]] : (byte) 'z';
                position[0]++;
                for (Socket s : sockets) {
                    try {
                        OutputStream out = s.getOutputStream();
                        out.write(b);
                        out.flush();
                        bytesSent.incrementAndGet();
                    } catch (IOException e) {
                        // the server dropped the slow client: fine
                    }
                }
            }, 0, 1, TimeUnit.SECONDS);
            int ok = 0;
            int served = 0;
            while (ok < 40 || bytesSent.get() < slow * 8) {
                Reply r = Rig.get(system.gateway() + "/Posts/First"); // each within the client's 60 s timeout
                served++;
                if (r.status() == 200) {
                    ok++;
                }
                assertTrue(served < 100_000, "the slow clients never got 8 bytes out");
            }
            assertEquals(served, ok, "every request served while " + slow + " clients dripped one byte a second");
            System.out.println("[hostile] " + ok + " requests served while " + slow + " slow clients sent "
                    + bytesSent.get() + " bytes");
        } finally {
            dripper.shutdownNow();
            for (Socket s : sockets) {
                s.close();
            }
        }
        assertTrue(Rig.ready(system, "gateway"));
    }

    @Test
    @Order(6)
    void webhookRefusesMissingWrongAndReplayedSignatures() throws Exception {
        byte[] body = ("{\"ref\":\"refs/heads/main\",\"after\":\"" + head + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] other = ("{\"ref\":\"refs/heads/main\",\"after\":\"" + "f".repeat(40) + "\"}").getBytes(StandardCharsets.UTF_8);
        String good = "sha256=" + Rig.hmac(SECRET, body);
        double acceptedBefore = hookCount("accepted");
        List<String> problems = new ArrayList<>();
        int refusals = 0;
        for (String base : List.of(system.gateway(), system.contentService())) {
            Map<String, Reply> cases = new java.util.LinkedHashMap<>();
            cases.put("no signature", Rig.post(base + "/hooks/git", body, "Content-Type", "application/json"));
            cases.put("zero signature", Rig.post(base + "/hooks/git", body, "X-Hub-Signature-256", "sha256=" + "0".repeat(64)));
            cases.put("signature of another body", Rig.post(base + "/hooks/git", other, "X-Hub-Signature-256", good));
            cases.put("signature with another key", Rig.post(base + "/hooks/git", body, "X-Hub-Signature-256",
                    "sha256=" + Rig.hmac(SECRET + "x", body)));
            cases.put("truncated signature", Rig.post(base + "/hooks/git", body, "X-Hub-Signature-256", good.substring(0, 40)));
            cases.put("not hex", Rig.post(base + "/hooks/git", body, "X-Hub-Signature-256", "sha256=" + "zz".repeat(32)));
            cases.put("sha1 header", Rig.post(base + "/hooks/git", body, "X-Hub-Signature", "sha1=" + "0".repeat(40)));
            cases.put("empty header", Rig.post(base + "/hooks/git", body, "X-Hub-Signature-256", "sha256="));
            cases.put("wrong bearer", Rig.post(base + "/hooks/git", body, "Authorization", "Bearer " + SECRET + "x"));
            cases.put("secret prefix as bearer", Rig.post(base + "/hooks/git", body, "Authorization", "Bearer " + SECRET.substring(0, 10)));
            cases.put("basic auth with the secret", Rig.post(base + "/hooks/git", body, "Authorization",
                    "Basic " + java.util.Base64.getEncoder().encodeToString(("x:" + SECRET).getBytes(StandardCharsets.UTF_8))));
            for (Map.Entry<String, Reply> c : cases.entrySet()) {
                refusals++;
                if (c.getValue().status() != 401) {
                    problems.add(base + " " + c.getKey() + " -> " + c.getValue().status());
                }
            }
            // a correctly signed body replayed to other endpoints is not accepted there (`/hooks/git/` and the
            // matrix parameter form `/hooks/git;x` name the same JAX-RS resource, so they are not "other paths")
            for (String path : List.of("/hooks/git/x", "/hooks/GIT", "/hooks/push", "/hooks/git/..%2Fpush",
                    "/api/revision", "/api/entries", "/hooks", "/")) {
                Reply r = Rig.post(base + path, body, "X-Hub-Signature-256", good);
                if (r.status() / 100 == 2) {
                    problems.add(base + " signed body replayed to " + path + " -> " + r.status());
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(acceptedBefore, hookCount("accepted"), "no refused request scheduled a fetch");
        assertTrue(hookCount("rejected") >= refusals, "content-service counted its refusals: " + hookCount("rejected"));
        // and the right ones are accepted, by HMAC and by bearer token, through both doors
        assertEquals(202, Rig.post(system.gateway() + "/hooks/git", body, "X-Hub-Signature-256", good).status());
        assertEquals(202, Rig.post(system.contentService() + "/hooks/git", body, "X-Hub-Signature-256", good.toUpperCase()
                .replace("SHA256=", "sha256=")).status(), "hex digits are case-insensitive");
        assertEquals(202, Rig.post(system.gateway() + "/hooks/git", body, "Authorization", "Bearer " + SECRET).status());
    }

    double hookCount(String outcome) throws Exception {
        String metrics = Rig.get(system.management("content-service") + "/q/metrics").text();
        double total = 0;
        Matcher m = Pattern.compile("(?m)^content_hooks_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*\\} ([0-9.eE+]+)$")
                .matcher(metrics);
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    @Test
    @Order(7)
    void theSecretAppearsInNoLogAndNoAnswer() throws Exception {
        // a push with the secret in places a careless log line would print
        byte[] body = ("{\"ref\":\"refs/heads/main\",\"note\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8);
        Rig.post(system.gateway() + "/hooks/git", body, "Authorization", "Bearer " + SECRET);
        Rig.post(system.gateway() + "/hooks/git", body, "X-Hub-Signature-256", "sha256=" + Rig.hmac(SECRET, body));
        for (String url : List.of(system.contentService() + "/api/revision", system.management("content-service") + "/q/health",
                system.management("content-service") + "/q/metrics", system.management("content-service") + "/q/openapi",
                system.gateway() + "/api/site", system.management("gateway") + "/q/health", system.management("gateway") + "/q/metrics")) {
            Reply r = Rig.get(url);
            assertFalse(r.text().contains(SECRET), url + " shows the secret");
        }
        assertEquals(java.util.Optional.empty(), Rig.findInLogs(system, SECRET), "the hook secret is in a log");
        assertEquals(java.util.Optional.empty(), Rig.findInLogs(system, Rig.hmac(SECRET, body)), "a valid signature is logged");
    }

    @Test
    @Order(8)
    void nothingCrashedAndTheSiteStillUpdates() throws Exception {
        assertEquals(List.of(), Rig.restarts(system), "run.sh had to restart a process");
        for (Map.Entry<String, Long> p : pidsAtStart.entrySet()) {
            assertEquals(p.getValue(), Rig.pid(system, p.getKey()), p.getKey() + " was restarted");
        }
        String nonce = "after-hostile-" + UUID.randomUUID();
        repo.put("Posts/First", Rig.article("First post", "Edited: " + nonce, "intro"));
        String commit = repo.commit("an edit after the hostile requests");
        assertEquals(202, Rig.notifyPush(system, commit));
        Reply page = Rig.awaitServedRevision(system, "/Posts/First", commit, Duration.ofMinutes(3));
        assertTrue(page.text().contains(nonce));
    }
}
