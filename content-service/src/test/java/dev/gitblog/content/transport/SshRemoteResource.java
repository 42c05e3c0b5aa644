package dev.gitblog.content.transport;

import dev.gitblog.content.testing.SshGitServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;

/**
 * An ssh remote ({@link SshGitServer}, Apache MINA sshd + JGit UploadPack) serving the author's repository, and
 * the service configured with {@code blog.git.ssh-key} and {@code blog.git.ssh-known-hosts} for it. The server's
 * authorized key is in a file the test can swap ({@code test.remote.control}).
 */
public class SshRemoteResource implements QuarkusTestResourceLifecycleManager {

    private SshGitServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path root = RemoteResource.tempRoot("content-ssh-remote");
            Path repo = RemoteResource.authorRepo(root);
            KeyPair client = SshGitServer.newKeyPair();
            KeyPair stranger = SshGitServer.newKeyPair();
            Path key = SshGitServer.writePrivateKey(client, root.resolve("id_ecdsa"));
            Path authorized = root.resolve("authorized_key");
            SshGitServer.authorize(authorized, client.getPublic());
            server = new SshGitServer(repo.resolve(".git"), authorized);
            Path knownHosts = server.writeKnownHosts(root.resolve("known_hosts"));
            // a line from the middle of the private key file: it must never show in a log or an answer
            String[] keyLines = Files.readString(key).split("\n");
            String secret = keyLines[keyLines.length / 2].strip();
            Map<String, String> c = RemoteResource.config(root, server.url(), repo, authorized,
                    SshGitServer.publicKeyLine(client.getPublic()), SshGitServer.publicKeyLine(stranger.getPublic()),
                    secret);
            c.put("blog.git.ssh-key", key.toString());
            c.put("blog.git.ssh-known-hosts", knownHosts.toString());
            return c;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the ssh remote", e);
        }
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (Exception e) {
            // test teardown
        }
    }
}
