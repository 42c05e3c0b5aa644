package dev.gitblog.systemtests.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A git remote over HTTP with basic authentication, served from a bare repository directory with the
 * "dumb" protocol (static files: {@code info/refs}, loose objects, packs), which JGit's fetch falls back
 * to. The faults of a real remote can be switched on and off: {@link #stop()} (connection refused),
 * {@link #rotatePassword} (authentication refused), and moving the directory away (404, "not found").
 */
final class GitHttpServer implements AutoCloseable {

    private final int port;
    private final Path repoDir;
    private final String user;
    private volatile String password;
    private volatile HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    GitHttpServer(int port, Path repoDir, String user, String password) {
        this.port = port;
        this.repoDir = repoDir;
        this.user = user;
        this.password = password;
    }

    /** The URL with credentials, as a user would put it in BLOG_REPO. */
    String url(String withPassword) {
        return "http://" + user + ":" + withPassword + "@localhost:" + port + "/blog.git";
    }

    synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        HttpServer s = HttpServer.create(new InetSocketAddress("localhost", port), 50);
        s.createContext("/blog.git/", this::handle);
        s.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "git-http");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        server = s;
    }

    /** Closes the listening socket: fetches see "connection refused". */
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** From now on only {@code newPassword} is accepted (the old credentials in BLOG_REPO are refused). */
    void rotatePassword(String newPassword) {
        this.password = newPassword;
    }

    int requests() {
        return requests.get();
    }

    int refused() {
        return refused.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            requests.incrementAndGet();
            String expected = "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                refused.incrementAndGet();
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"blog\"");
                send(ex, 401, "authentication required\n".getBytes(StandardCharsets.UTF_8), "text/plain");
                return;
            }
            String rel = ex.getRequestURI().getPath().substring("/blog.git/".length());
            Path root = repoDir.toAbsolutePath().normalize();
            Path file = root.resolve(rel).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                send(ex, 404, "not found\n".getBytes(StandardCharsets.UTF_8), "text/plain");
                return;
            }
            send(ex, 200, Files.readAllBytes(file), "application/octet-stream");
        }
    }

    private static void send(HttpExchange ex, int status, byte[] body, String type) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
