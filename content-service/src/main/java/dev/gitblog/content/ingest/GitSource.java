package dev.gitblog.content.ingest;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.file.WindowCacheConfig;
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
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;

/**
 * The blog's git source.
 * <p>
 * <b>Remote URLs</b> (https://, http://, ssh://, scp-like): a bare clone under {@code <data>/content/clone.git}
 * holding only the chosen branch, reused and fetched on restart (re-created when BLOG_REPO points elsewhere).
 * Other refs of the remote (pull request refs, drafts) are never fetched. ssh:// remotes go through JGit's Apache
 * MINA transport with the configured key ({@code blog.git.ssh-key}, {@code blog.git.ssh-known-hosts}); https
 * URLs carry {@code user:token} in the URL (BLOG_REPO), never logged ({@link RepoSpec#displayLocation()}).
 * <p>
 * <b>Local repositories</b> (a path or file://), by default ({@link LocalMode#IN_PLACE}): the author's
 * repository is opened where it is and only read: the chosen branch's ref is resolved on each "fetch" and
 * objects are read from its object store. Nothing is ever written into it (JGit reads refs, packs and loose
 * objects; no lock, no config, no index is touched). Why: cloning through JGit's in-process pack transport
 * re-packs and re-hashes the whole history (about 45 % of the CPU of a cold start at 5,000 posts, see
 * BENCHMARKS.md), while the objects are already on the same disk. The cost of this choice: the blob API reads
 * static files from the author's repository, so a {@code git gc --prune=now} that drops an unreferenced blob
 * of the published revision (after a force-push) makes that blob unavailable until the next revision is
 * published; a moved or deleted repository is reported as an error and the last revision stays published.
 * {@link LocalMode#CLONE} ({@code blog.git.local-mode=clone}) keeps the former behaviour (a private bare clone).
 */
public final class GitSource implements AutoCloseable {

    private static final String URL_KEY = "gitblogurl";
    /** Network timeout of a fetch or ls-remote, in seconds. */
    private static final int TIMEOUT_SECONDS = 60;

    /** How a local repository (path or file://) is read. */
    public enum LocalMode {
        /** Open the author's repository in place, read-only (the default). */
        IN_PLACE,
        /** Clone it into the data folder through JGit's transport, like a remote. */
        CLONE;

        public static LocalMode parse(String value) {
            String v = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            return switch (v) {
                case "", "in-place", "inplace" -> IN_PLACE;
                case "clone" -> CLONE;
                default -> throw new IllegalArgumentException(
                        "blog.git.local-mode must be in-place or clone, not " + value);
            };
        }
    }

    /**
     * JGit's cache of inflated delta bases, which each reader keeps while it reads (and drops when closed): 32 MiB
     * instead of JGit's 10. A walk of a whole history reads every tree once, most of them deltas of one another;
     * with 10 MiB the bases it needs again were gone. In bench/content-ingest.sh's ingest at 5,000 posts (C1,
     * two alternating runs each) the walk took 3.0-3.4 s with 10 and 1.5-2.2 s with 32, for no more heap after
     * the ingest; a 32 MiB window cache (packedGitLimit) as well kept 17 MB more and walked no faster.
     */
    static final int DELTA_BASE_CACHE_BYTES = 32 << 20;

    /** Sets JGit's process-wide cache sizes ({@link #DELTA_BASE_CACHE_BYTES}); call before reading objects. */
    public static void configureJGitCaches() {
        WindowCacheConfig caches = new WindowCacheConfig();
        caches.setDeltaBaseCacheLimit(DELTA_BASE_CACHE_BYTES);
        caches.install();
    }

    private final RepoSpec spec;
    private final Path cloneDir;
    private final TransportConfigCallback transport;
    private final CredentialsProvider credentials;
    /** The local repository read in place, or null when the source is cloned. */
    private final Path localDir;
    private Repository repository;
    /** Identity (inode) of the git directory opened in place, to notice a repository replaced under its path. */
    private Object openedKey;
    private volatile String branch;

    public GitSource(RepoSpec spec, Path cloneDir, Path sshKey, Path knownHosts) {
        this(spec, cloneDir, sshKey, knownHosts, LocalMode.IN_PLACE);
    }

    public GitSource(RepoSpec spec, Path cloneDir, Path sshKey, Path knownHosts, LocalMode localMode) {
        this.spec = spec;
        this.cloneDir = cloneDir;
        this.transport = spec.isSsh() ? sshTransport(sshKey, knownHosts) : t -> { };
        this.credentials = credentialsOf(spec.uri());
        this.localDir = localMode == LocalMode.IN_PLACE ? spec.localPath() : null;
    }

    /** Whether the source is a local repository read in place (no clone, no transport). */
    public boolean inPlace() {
        return localDir != null;
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

    /** The branch read (the one of BLOG_REPO's {@code #branch}, else the default one); null before a fetch. */
    public String branch() {
        return branch;
    }

    /** The local bare clone (opened on the first fetch). */
    public synchronized Repository repository() {
        return repository;
    }

    /** Fetches the branch into the clone and returns its head. */
    public synchronized Fetched fetch() throws GitSourceException {
        if (localDir != null) {
            return readInPlace();
        }
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
                if (isAuthFailure(e)) {
                    throw authFailure(e);
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

    /**
     * The in-place "fetch": (re)open the author's repository when needed and resolve the branch. Reads only
     * {@code HEAD} (for the default branch) and the chosen branch's ref.
     */
    private Fetched readInPlace() throws GitSourceException {
        try {
            File gitDir = localGitDir(localDir);
            if (gitDir == null) {
                close();
                throw new GitSourceException("cannot reach " + spec.displayLocation()
                        + ": repository not found (no git repository at that path)", null);
            }
            Object key = Files.readAttributes(gitDir.toPath(), BasicFileAttributes.class).fileKey();
            if (repository != null && (!gitDir.equals(repository.getDirectory()) || key == null
                    || !key.equals(openedKey))) {
                close(); // moved back, replaced or re-created under the same path: open it afresh
            }
            if (repository == null) {
                repository = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
                openedKey = key;
            }
            // new packs or loose objects of a later push are found by JGit itself: a missing object makes it
            // rescan the pack directory; loose refs and packed-refs are re-read when their files change
            if (branch == null) {
                branch = spec.branch() != null ? spec.branch() : localDefaultBranch(repository);
            }
            Ref head = repository.exactRef(Constants.R_HEADS + branch);
            if (head == null || head.getObjectId() == null) {
                throw new GitSourceException("branch `" + branch + "` not found in " + spec.displayLocation(), null);
            }
            return new Fetched(branch, head.getObjectId());
        } catch (IOException e) {
            close();
            throw new GitSourceException("cannot read " + spec.displayLocation() + ": " + rootMessage(e), e);
        }
    }

    /** The git directory of a local repository: bare, a work tree's .git (directory or gitfile), or null. */
    static File localGitDir(Path dir) throws IOException {
        File d = dir.toFile();
        if (!d.isDirectory()) {
            return null;
        }
        File resolved = RepositoryCache.FileKey.resolve(d, FS.DETECTED);
        if (resolved != null) {
            return resolved.getCanonicalFile();
        }
        if (new File(d, Constants.DOT_GIT).isFile()) { // a linked work tree or submodule: .git names the dir
            FileRepositoryBuilder b = new FileRepositoryBuilder().setWorkTree(d);
            b.setup();
            return b.getGitDir() != null && b.getGitDir().isDirectory() ? b.getGitDir().getCanonicalFile() : null;
        }
        return null;
    }

    /** The branch HEAD points at (what ls-remote reports for a local repository), as for a remote. */
    private String localDefaultBranch(Repository repo) throws IOException, GitSourceException {
        Map<String, Ref> refs = new java.util.HashMap<>();
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
            refs.put(r.getName(), r);
        }
        Ref head = repo.exactRef(Constants.HEAD);
        if (head != null && head.getObjectId() != null) { // an unborn HEAD is not advertised by ls-remote either
            refs.put(Constants.HEAD, head);
        }
        return chooseDefault(refs);
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
            if (isAuthFailure(e)) {
                throw authFailure(e);
            }
            throw new GitSourceException("cannot reach " + spec.displayLocation() + ": " + rootMessage(e), e);
        }
        return chooseDefault(refs);
    }

    private String chooseDefault(Map<String, Ref> refs) throws GitSourceException {
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

    /** The remote refused the credentials (JGit's messages for http 401/403 and ssh user authentication). */
    static boolean isAuthFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("not authorized") || m.contains("authentication") || m.contains("auth fail")
                    || m.contains("permission denied") || m.contains("not permitted")) {
                return true;
            }
        }
        return false;
    }

    /** A refused login, said plainly, with where the credentials come from (never the credentials). */
    private GitSourceException authFailure(Throwable e) {
        String hint = spec.isSsh()
                ? "check the private key of blog.git.ssh-key (BLOG_GIT_SSH_KEY) and that the server accepts it"
                : "check the user and token in BLOG_REPO (https://user:token@host/...)";
        return new GitSourceException("authentication refused by " + spec.displayLocation() + ": "
                + rootMessage(e) + "; " + hint, e);
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
            openedKey = null;
        }
    }
}
