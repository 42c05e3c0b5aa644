package dev.gitblog.systemtests.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitblog.systemtests.LocalSystem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the reliability tests share: plain HTTP (java.net.http, no redirects followed), raw sockets for requests
 * a well-behaved client refuses to send, polling with deadlines, and the processes run.sh started
 * (pid files in BLOG_DATA/pids, logs in BLOG_DATA/logs). Ports follow {@link LocalSystem}: gateway = base,
 * content-service base+1, render-service base+2, feed-service base+3, Kafka base+10.
 */
final class Rig {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    static final List<String> SERVICES = List.of("content-service", "render-service", "feed-service", "gateway");

    private Rig() {
    }

    /** A response: status, headers (lower-case names), body bytes. */
    record Reply(int status, java.net.http.HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            String t = text();
            return status + " " + (t.length() > 300 ? t.substring(0, 300) + "..." : t);
        }
    }

    static Reply get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(r.statusCode(), r.headers(), r.body());
    }

    static Reply post(String url, byte[] body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(r.statusCode(), r.headers(), r.body());
    }

    static JsonNode json(String url) throws IOException, InterruptedException {
        Reply r = get(url, "Accept", "application/json");
        if (r.status() != 200) {
            throw new IOException(url + " -> " + r);
        }
        return JSON.readTree(r.body());
    }

    /** content-service's GET /api/revision, or null when it does not answer. */
    static JsonNode revisionStatus(LocalSystem s) {
        try {
            return json(s.contentService() + "/api/revision");
        } catch (Exception e) {
            return null;
        }
    }

    /** A signed push notification sent through the gateway, as a forge does; returns the status. */
    static int notifyPush(LocalSystem s, String commit) throws Exception {
        byte[] body = ("{\"ref\":\"refs/heads/main\",\"after\":\"" + commit + "\"}").getBytes(StandardCharsets.UTF_8);
        return post(s.gateway() + "/hooks/git", body, "Content-Type", "application/json",
                "X-Hub-Signature-256", "sha256=" + hmac(s.hookSecret(), body)).status();
    }

    /** Waits until the gateway serves {@code path} from {@code revision} (X-Blog-Revision). */
    static Reply awaitServedRevision(LocalSystem s, String path, String revision, Duration timeout) throws Exception {
        Reply[] last = {null};
        await("the gateway serves " + path + " at revision " + revision, timeout, () -> {
            last[0] = get(s.gateway() + path);
            return revision.equals(last[0].header("X-Blog-Revision"));
        }, () -> "last reply: " + last[0] + "; /api/revision: " + revisionStatus(s) + s.logTails());
        return last[0];
    }

    /** Polls {@code condition} every 250 ms until it is true or the deadline passes (exceptions count as false). */
    static void await(String what, Duration timeout, Callable<Boolean> condition, Supplier<String> diagnostics)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Exception lastError = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                lastError = e;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what
                        + (lastError == null ? "" : " (last error: " + lastError + ")") + "\n" + diagnostics.get());
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    static int port(LocalSystem s, String service) {
        int base = URI.create(s.gateway()).getPort();
        return switch (service) {
            case "gateway" -> base;
            case "content-service" -> base + 1;
            case "render-service" -> base + 2;
            case "feed-service" -> base + 3;
            case "kafka" -> base + 10;
            default -> throw new IllegalArgumentException(service);
        };
    }

    static boolean ready(LocalSystem s, String service) {
        try {
            return get(s.management(service) + "/q/health/ready").status() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** The pid run.sh recorded for a process ({@code kafka} or a service name). */
    static long pid(LocalSystem s, String name) throws IOException {
        return Long.parseLong(Files.readString(s.data().resolve("pids/" + name + ".pid")).strip());
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Sends a signal (KILL, STOP, CONT, ...) to one process by id. */
    static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + pid + ": " + out);
        }
    }

    /** kill -9 of a service, then waits until run.sh has restarted it and it is ready again; returns the new pid. */
    static long killAndAwaitRestart(LocalSystem s, String service, Duration timeout) throws Exception {
        long old = pid(s, service);
        signal(old, "KILL");
        await(service + " (pid " + old + ") is dead", Duration.ofSeconds(30), () -> !alive(old), () -> "");
        long[] now = {old};
        await(service + " is restarted by run.sh and ready", timeout, () -> {
            now[0] = pid(s, service);
            return now[0] != old && alive(now[0]) && ready(s, service);
        }, () -> "pid now " + now[0] + s.logTails());
        return now[0];
    }

    /** What a raw request got back: the bytes read until the server closed or went quiet. */
    record Raw(String statusLine, String head, boolean closed) {
        int status() {
            String[] parts = statusLine.split(" ");
            return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        }
    }

    /** Sends {@code request} as is on a new socket and reads the response head (up to the blank line). */
    static Raw raw(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before reading everything (413/431): read what it said
            }
            return readHead(socket.getInputStream());
        }
    }

    /**
     * Sends a request head, then {@code bodyBytes} bytes of body from another thread (chunked when asked), and
     * reads the response head meanwhile: a server that answers early (413) is seen even if it stops reading.
     */
    static Raw rawUpload(int port, String head, long bodyBytes, boolean chunked) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                byte[] block = new byte[64 * 1024];
                java.util.Arrays.fill(block, (byte) 'x');
                try {
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    long left = bodyBytes;
                    while (left > 0) {
                        int n = (int) Math.min(block.length, left);
                        if (chunked) {
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        }
                        out.write(block, 0, n);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        }
                        left -= n;
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server stopped reading: expected for refused bodies
                }
            }, "upload");
            writer.setDaemon(true);
            writer.start();
            Raw raw = readHead(socket.getInputStream());
            writer.join(60_000);
            return raw;
        }
    }

    static Raw readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        boolean closed = false;
        try {
            int b;
            int state = 0;
            while ((b = in.read()) >= 0) {
                head.write(b);
                state = (b == '\r' || b == '\n') ? state + 1 : 0;
                if (state == 4 || head.size() > 65536) {
                    break;
                }
            }
            closed = b < 0;
        } catch (SocketTimeoutException e) {
            // quiet: report what came
        } catch (IOException e) {
            closed = true; // reset
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int eol = text.indexOf("\r\n");
        return new Raw(eol < 0 ? text : text.substring(0, eol), text, closed);
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Every log file of the system (BLOG_DATA/logs) plus run.sh's own output, as one list of named texts. */
    static List<String[]> logs(LocalSystem s) throws IOException {
        List<String[]> all = new ArrayList<>();
        Path dir = s.data().resolve("logs");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    all.add(new String[] {f.toString(), Files.readString(f, StandardCharsets.ISO_8859_1)});
                }
            }
        }
        all.add(new String[] {"run.sh output", String.join("\n", s.output())});
        return all;
    }

    /** The first log (name and line) that contains {@code needle}, if any. */
    static Optional<String> findInLogs(LocalSystem s, String needle) throws IOException {
        for (String[] log : logs(s)) {
            int at = log[1].indexOf(needle);
            if (at >= 0) {
                int start = log[1].lastIndexOf('\n', at) + 1;
                int end = log[1].indexOf('\n', at);
                return Optional.of(log[0] + ": " + log[1].substring(start, end < 0 ? log[1].length() : end));
            }
        }
        return Optional.empty();
    }

    /** Lines in which run.sh reported restarting a process (a crash). */
    static List<String> restarts(LocalSystem s) {
        return s.output().stream().filter(l -> l.contains("restarting it")).toList();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The standard minimal blog: config, one post that names {@code nonce}. */
    static void seedBlog(BlogRepo repo, String blogName, String nonce) throws IOException {
        repo.put(".config/blog_name", blogName + "\n")
                .put(".config/index_page", "Posts\n")
                .put(".config/root", "https://blog.example.invalid\n")
                .put(".config/uuid", "9a0b7c36-5c61-4c35-8a4c-1f0f8f1d2b11\n")
                .put("About", article("About this blog", "Nothing to see, " + nonce, "meta"))
                .put("Posts/First", article("First post", "The first post says " + nonce + ".", "intro"));
    }

    static String article(String title, String body, String tags) {
        return "---\ntitle: " + title + "\nauthor: tester\ntags: " + tags + "\nabstract: " + title
                + " in short\n---\n" + body + "\n";
    }

    /** Starts run.sh on {@code repo} with a fresh BLOG_DATA; the secret is unique per run. */
    static LocalSystem start(String repo, Path work, int basePort, String secret) throws Exception {
        return LocalSystem.start(repo, work.resolve("data"), basePort, secret, Duration.ofMinutes(8));
    }

    /** As {@link #start}, with more environment for run.sh and the services it starts. */
    static LocalSystem start(String repo, Path work, int basePort, String secret, Map<String, String> env)
            throws Exception {
        return LocalSystem.start(repo, work.resolve("data"), basePort, secret, Duration.ofMinutes(8), env);
    }

    /** Stops the system with SIGINT and reports processes left behind (as the lead's ITs do). */
    static List<String> stop(LocalSystem s) throws Exception {
        if (s == null) {
            return List.of();
        }
        try {
            s.interrupt(Duration.ofSeconds(120));
            return s.leftovers().stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        } finally {
            s.close();
        }
    }
}
