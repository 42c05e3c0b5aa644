package dev.gitblog.content.ingest;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The blog's git source: a bare clone under {@code <data>/content/clone.git} holding only the chosen branch,
 * reused and fetched on restart (re-created when BLOG_REPO points elsewhere). Other refs of the remote (pull
 * request refs, drafts) are never fetched. ssh:// remotes go through JGit's Apache MINA transport with the
 * configured key; https URLs may carry user:token.
 */
public final class GitSource implements AutoCloseable {

    private static final String URL_KEY = "gitblogurl";
    /** Network timeout of a fetch or ls-remote, in seconds. */
    private static final int TIMEOUT_SECONDS = 60;

    private final RepoSpec spec;
    private final Path cloneDir;
    private final TransportConfigCallback transport;
    private final CredentialsProvider credentials;
    private Repository repository;
    private String branch;

    public GitSource(RepoSpec spec, Path cloneDir, Path sshKey, Path knownHosts) {
        this.spec = spec;
        this.cloneDir = cloneDir;
        this.transport = spec.isSsh() ? sshTransport(sshKey, knownHosts) : t -> { };
        this.credentials = credentialsOf(spec.uri());
    }

    /** The result of a fetch: the branch read and its head commit. */
    public record Fetched(String branch, ObjectId head) {
    }

    /** Why the source cannot be read: remote unreachable, authentication, empty repository, missing branch. */
    public static final class GitSourceException extends Exception {
        public GitSourceException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public RepoSpec spec() {
        return spec;
    }

    /** The local bare clone (opened on the first fetch). */
    public synchronized Repository repository() {
        return repository;
    }

    /** Fetches the branch into the clone and returns its head. */
    public synchronized Fetched fetch() throws GitSourceException {
        try {
            openClone();
            if (branch == null) {
                branch = spec.branch() != null ? spec.branch() : defaultBranch();
            }
            String ref = Constants.R_HEADS + branch;
            try (Git git = Git.wrap(repository)) {
                git.fetch()
                        .setRemote(spec.location())
                        .setRefSpecs(new RefSpec("+" + ref + ":" + ref))
                        .setTagOpt(TagOpt.NO_TAGS)
                        .setTimeout(TIMEOUT_SECONDS)
                        .setRemoveDeletedRefs(false)
                        .setTransportConfigCallback(transport)
                        .setCredentialsProvider(credentials)
                        .call();
            } catch (GitAPIException e) {
                String message = String.valueOf(e.getMessage());
                if (message.contains("not have") || message.contains("available for fetch")) {
                    throw new GitSourceException("branch `" + branch + "` not found in " + spec.displayLocation(),
                            e);
                }
                throw new GitSourceException("fetching " + spec + " failed: " + rootMessage(e), e);
            }
            Ref head = repository.exactRef(ref);
            if (head == null || head.getObjectId() == null) {
                throw new GitSourceException("branch `" + branch + "` not found in " + spec.displayLocation(), null);
            }
            return new Fetched(branch, head.getObjectId());
        } catch (IOException e) {
            throw new GitSourceException("local clone " + cloneDir + " unusable: " + rootMessage(e), e);
        }
    }

    private String defaultBranch() throws GitSourceException {
        Map<String, Ref> refs;
        try {
            refs = Git.lsRemoteRepository()
                    .setRemote(spec.location())
                    .setTimeout(TIMEOUT_SECONDS)
                    .setTransportConfigCallback(transport)
                    .setCredentialsProvider(credentials)
                    .callAsMap();
        } catch (GitAPIException e) {
            throw new GitSourceException("cannot reach " + spec.displayLocation() + ": " + rootMessage(e), e);
        }
        Ref head = refs.get(Constants.HEAD);
        if (head != null && head.isSymbolic() && head.getTarget().getName().startsWith(Constants.R_HEADS)) {
            return head.getTarget().getName().substring(Constants.R_HEADS.length());
        }
        List<String> heads = refs.keySet().stream().filter(n -> n.startsWith(Constants.R_HEADS)).sorted().toList();
        if (heads.isEmpty()) {
            throw new GitSourceException("the repository " + spec.displayLocation() + " is empty (no branches)",
                    null);
        }
        for (String preferred : List.of("main", "master")) {
            Ref r = refs.get(Constants.R_HEADS + preferred);
            if (r != null && (head == null || r.getObjectId().equals(head.getObjectId()))) {
                return preferred;
            }
        }
        if (head != null) {
            for (String name : heads) {
                if (refs.get(name).getObjectId().equals(head.getObjectId())) {
                    return name.substring(Constants.R_HEADS.length());
                }
            }
        }
        return heads.get(0).substring(Constants.R_HEADS.length());
    }

    private void openClone() throws IOException {
        if (repository != null) {
            return;
        }
        if (Files.isRegularFile(cloneDir.resolve("HEAD"))) {
            Repository existing = new FileRepositoryBuilder().setGitDir(cloneDir.toFile()).setBare().build();
            String url = existing.getConfig().getString("gitblog", null, URL_KEY);
            if (spec.location().equals(url)) {
                repository = existing;
                return;
            }
            existing.close();
            FileUtils.delete(cloneDir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
        }
        Files.createDirectories(cloneDir);
        try {
            Git.init().setBare(true).setGitDir(cloneDir.toFile()).setInitialBranch("gitblog-unused").call().close();
        } catch (GitAPIException e) {
            throw new IOException("cannot create " + cloneDir + ": " + e.getMessage(), e);
        }
        repository = new FileRepositoryBuilder().setGitDir(cloneDir.toFile()).setBare().build();
        StoredConfig config = repository.getConfig();
        config.setString("gitblog", null, URL_KEY, spec.location());
        config.save();
    }

    private static TransportConfigCallback sshTransport(Path key, Path knownHosts) {
        File home = FS.DETECTED.userHome();
        SshdSessionFactoryBuilder builder = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home)
                .setSshDirectory(new File(home, ".ssh"));
        if (key != null) {
            builder.setDefaultIdentities(dir -> List.of(key));
        }
        if (knownHosts != null) {
            builder.setDefaultKnownHostsFiles(dir -> List.of(knownHosts));
        }
        SshdSessionFactory factory = builder.build(null);
        return t -> {
            if (t instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(factory);
            }
        };
    }

    private static CredentialsProvider credentialsOf(URI uri) {
        if (uri == null || uri.getRawUserInfo() == null || !uri.getRawUserInfo().contains(":")) {
            return null;
        }
        String[] parts = uri.getRawUserInfo().split(":", 2);
        return new UsernamePasswordCredentialsProvider(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    @Override
    public synchronized void close() {
        if (repository != null) {
            repository.close();
            repository = null;
        }
    }
}
