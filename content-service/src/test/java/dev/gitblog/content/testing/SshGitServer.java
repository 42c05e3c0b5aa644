package dev.gitblog.content.testing;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A git server over ssh for tests, built with Apache MINA sshd (the library under JGit's ssh transport, here
 * from its {@code sshd-osgi} bundle) and JGit's {@link UploadPack}: public-key authentication only, one
 * repository served as {@code ssh://git@localhost:PORT/blog.git}, upload-pack (fetch) only. The one authorized
 * key is read from a file (OpenSSH public key line) at each login, so a test can swap it at run time, which is
 * how it makes the client's key "wrong".
 */
public final class SshGitServer implements AutoCloseable {

    private final Path repoDir;
    private final SshServer server;
    private final KeyPair hostKey;
    private final Path authorizedKeyFile;
    private final AtomicInteger refusedLogins = new AtomicInteger();
    private final AtomicInteger uploads = new AtomicInteger();

    public SshGitServer(Path repoDir, Path authorizedKeyFile) throws IOException, GeneralSecurityException {
        this.repoDir = repoDir;
        this.authorizedKeyFile = authorizedKeyFile;
        this.hostKey = newKeyPair();
        server = SshServer.setUpDefaultServer();
        server.setHost("localhost");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> {
            boolean ok;
            try {
                ok = "git".equals(user) && Files.readString(authorizedKeyFile).strip().equals(publicKeyLine(key));
            } catch (IOException e) {
                ok = false;
            }
            if (!ok) {
                refusedLogins.incrementAndGet();
            }
            return ok;
        });
        server.setCommandFactory(new UploadPackFactory());
        server.start();
    }

    /** A fresh key pair (ECDSA P-256: supported by the JDK and by sshd without extra providers). */
    public static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** Writes the private key in OpenSSH format (unencrypted, mode 600) and returns its file. */
    public static Path writePrivateKey(KeyPair pair, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test-key", null, out);
        }
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        return file;
    }

    /** A known_hosts file that trusts this server's host key. */
    public Path writeKnownHosts(Path file) throws IOException {
        String line = "[localhost]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n";
        Files.writeString(file, line, StandardCharsets.UTF_8);
        return file;
    }

    public int port() {
        return server.getPort();
    }

    public String url() {
        return "ssh://git@localhost:" + port() + "/blog.git";
    }

    /** The OpenSSH public key line ({@code ecdsa-sha2-nistp256 AAAA...}) of a key. */
    public static String publicKeyLine(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    /** From now on only {@code key} may log in (written to the authorized key file). */
    public static void authorize(Path authorizedKeyFile, PublicKey key) throws IOException {
        Files.writeString(authorizedKeyFile, publicKeyLine(key) + "\n", StandardCharsets.UTF_8);
    }

    public int refusedLogins() {
        return refusedLogins.get();
    }

    public int uploads() {
        return uploads.get();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private final class UploadPackFactory implements CommandFactory {
        @Override
        public Command createCommand(ChannelSession channel, String command) {
            return new UploadPackCommand(command);
        }
    }

    private final class UploadPackCommand extends AbstractCommandSupport {
        UploadPackCommand(String command) {
            super(command, null);
        }

        @Override
        public void run() {
            List<String> args = CommandFactory.split(getCommand());
            if (args.size() != 2 || !args.get(0).equals("git-upload-pack")
                    || !args.get(1).replaceAll("^/+|/+$", "").equals("blog.git")) {
                onExit(1, "only git-upload-pack of /blog.git is served, not " + getCommand());
                return;
            }
            try (Repository repo = new FileRepositoryBuilder().setGitDir(repoDir.toFile()).setMustExist(true)
                    .build()) {
                uploads.incrementAndGet();
                new UploadPack(repo).upload(getInputStream(), getOutputStream(), getErrorStream());
                onExit(0);
            } catch (Exception e) {
                onExit(1, String.valueOf(e.getMessage()));
            }
        }
    }
}
