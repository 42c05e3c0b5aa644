package dev.gitblog.gateway.http;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny stand-in for content-service on a free local port: {@code GET /api/blobs/{hash}} serves fixed
 * bytes and counts fetches; {@code /hooks/*} records what it received and answers 202. Tests can take
 * it down (connection refused) and bring it back on the same port.
 */
public class FakeContentService implements QuarkusTestResourceLifecycleManager {

    /** What the fake received on /hooks. */
    public record HookCall(String method, String uri, MultiMap headers, byte[] body) {
    }

    public static final Map<String, AtomicInteger> FETCHES = new ConcurrentHashMap<>();
    public static volatile HookCall lastHook;

    private static final Map<String, byte[]> BLOBS = Map.of(
            TestSnapshots.CSS_HASH, TestSnapshots.CSS.getBytes(StandardCharsets.UTF_8),
            TestSnapshots.PNG_HASH, TestSnapshots.FakeBlobs.PNG,
            TestSnapshots.BIG_HASH, TestSnapshots.FakeBlobs.BIG);
    private static Vertx vertx;
    private static HttpServer server;
    private static int port;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        listen(0);
        return Map.of("blog.content-service.url", "http://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            await(vertx.close().toCompletionStage().toCompletableFuture());
        }
    }

    public static int fetches(String hash) {
        AtomicInteger n = FETCHES.get(hash);
        return n == null ? 0 : n.get();
    }

    /** Stops listening: connections are refused until {@link #comeUp()}. */
    public static synchronized void goDown() {
        if (server != null) {
            await(server.close().toCompletionStage().toCompletableFuture());
            server = null;
        }
    }

    public static synchronized void comeUp() {
        if (server == null) {
            listen(port);
        }
    }

    private static void listen(int wanted) {
        HttpServer s = vertx.createHttpServer().requestHandler(req -> {
            String path = req.path();
            if (path.startsWith("/api/blobs/")) {
                String hash = path.substring("/api/blobs/".length());
                byte[] bytes = BLOBS.get(hash);
                FETCHES.computeIfAbsent(hash, h -> new AtomicInteger()).incrementAndGet();
                if (bytes == null) {
                    req.response().setStatusCode(404).end("no such blob");
                } else {
                    req.response().putHeader("Content-Type", "application/octet-stream")
                            .putHeader("ETag", "\"" + hash + "\"").end(Buffer.buffer(bytes));
                }
            } else if (path.startsWith("/hooks/")) {
                req.body().onSuccess(body -> {
                    lastHook = new HookCall(req.method().name(), req.uri(),
                            MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), body.getBytes());
                    boolean authorised = req.getHeader("X-Hub-Signature-256") != null
                            || req.getHeader("Authorization") != null;
                    req.response().setStatusCode(authorised ? 202 : 401)
                            .putHeader("Content-Type", "application/json")
                            .putHeader("X-Fake", "content-service")
                            .end(authorised ? "{\"accepted\":true}" : "{\"status\":401}");
                });
            } else {
                req.response().setStatusCode(404).end();
            }
        });
        server = await(s.listen(wanted, "127.0.0.1").toCompletionStage().toCompletableFuture());
        port = server.actualPort();
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
