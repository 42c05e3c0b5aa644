package dev.gitblog.content.transport;

import dev.gitblog.content.testing.HttpsGitServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * An HTTPS remote ({@link HttpsGitServer}: git's smart HTTP over TLS, basic authentication) serving the author's
 * repository, and the service configured with the token in BLOG_REPO ({@code https://user:TOKEN@host/...}, as
 * ARCHITECTURE.md and the Kubernetes README say). The accepted token is in a file the test can rotate.
 */
public class HttpsRemoteResource implements QuarkusTestResourceLifecycleManager {

    private HttpsGitServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path root = RemoteResource.tempRoot("content-https-remote");
            Path repo = RemoteResource.authorRepo(root);
            String token = "tok-" + UUID.randomUUID();
            Path tokenFile = root.resolve("token");
            HttpsGitServer.acceptToken(tokenFile, token);
            server = new HttpsGitServer(repo.resolve(".git"), "blogbot", tokenFile, root);
            server.trustInThisJvm();
            return RemoteResource.config(root, server.url(token), repo, tokenFile, token,
                    "rotated-" + UUID.randomUUID(), token);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the https remote", e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
