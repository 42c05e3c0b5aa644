package dev.gitblog.content.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A git server over HTTPS for tests: the JDK's HttpsServer speaking git's "smart" HTTP protocol (v0) with JGit's
 * {@link UploadPack}, basic authentication with a user and a token, a self-signed certificate for
 * {@code localhost} made with the JDK's keytool. {@link #trustInThisJvm()} makes the JDK's HTTPS client (which
 * JGit uses) trust it. The accepted token is read from a file at each request, so a test can rotate it at run
 * time (the token in BLOG_REPO becomes wrong).
 */
public final class HttpsGitServer implements AutoCloseable {

    private final Path repoDir;
    private final String user;
    private final Path tokenFile;
    private final HttpsServer server;
    private final SSLContext ssl;
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger uploads = new AtomicInteger();

    public HttpsGitServer(Path repoDir, String user, Path tokenFile, Path work) throws Exception {
        this.repoDir = repoDir;
        this.user = user;
        this.tokenFile = tokenFile;
        this.ssl = selfSigned(work);
        server = HttpsServer.create(new InetSocketAddress("localhost", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/blog.git/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "git-https");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    private static SSLContext selfSigned(Path work) throws Exception {
        Path ks = work.resolve("https-server.p12");
        Files.deleteIfExists(ks);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "localhost", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** The JDK's HTTPS client in this JVM (JGit's default HTTP connection) trusts this server's certificate. */
    public void trustInThisJvm() {
        HttpsURLConnection.setDefaultSSLSocketFactory(ssl.getSocketFactory());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL as a user puts it in BLOG_REPO: the token as the password. */
    public String url(String withToken) {
        return "https://" + user + ":" + withToken + "@localhost:" + port() + "/blog.git";
    }

    /** From now on only {@code token} is accepted. */
    public static void acceptToken(Path tokenFile, String token) throws IOException {
        Files.writeString(tokenFile, token, StandardCharsets.UTF_8);
    }

    public int refused() {
        return refused.get();
    }

    public int uploads() {
        return uploads.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            String expected = "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                refused.incrementAndGet();
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"blog\"");
                ex.sendResponseHeaders(401, -1);
                return;
            }
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getQuery();
            try (Repository repo = new FileRepositoryBuilder().setGitDir(repoDir.toFile()).setMustExist(true)
                    .build()) {
                if (ex.getRequestMethod().equals("GET") && path.equals("/blog.git/info/refs")
                        && "service=git-upload-pack".equals(query)) {
                    ex.getResponseHeaders().set("Content-Type", "application/x-git-upload-pack-advertisement");
                    ex.getResponseHeaders().set("Cache-Control", "no-cache");
                    ex.sendResponseHeaders(200, 0);
                    try (OutputStream out = ex.getResponseBody()) {
                        PacketLineOut pck = new PacketLineOut(out);
                        pck.writeString("# service=git-upload-pack\n");
                        pck.end();
                        UploadPack up = new UploadPack(repo);
                        up.setBiDirectionalPipe(false);
                        up.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(pck));
                    }
                } else if (ex.getRequestMethod().equals("POST") && path.equals("/blog.git/git-upload-pack")) {
                    uploads.incrementAndGet();
                    InputStream in = ex.getRequestBody();
                    List<String> enc = ex.getRequestHeaders().get("Content-Encoding");
                    if (enc != null && enc.contains("gzip")) {
                        in = new GZIPInputStream(in);
                    }
                    ex.getResponseHeaders().set("Content-Type", "application/x-git-upload-pack-result");
                    ex.sendResponseHeaders(200, 0);
                    try (OutputStream out = ex.getResponseBody()) {
                        UploadPack up = new UploadPack(repo);
                        up.setBiDirectionalPipe(false);
                        up.upload(in, out, null);
                    }
                } else {
                    ex.sendResponseHeaders(404, -1);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
