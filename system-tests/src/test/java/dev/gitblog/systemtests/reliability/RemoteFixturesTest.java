package dev.gitblog.systemtests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixtures the reliability ITs rely on, checked without the system: {@link BlogRepo} writes the tree modes
 * and ref moves it promises, and {@link GitHttpServer} is a remote JGit can fetch from, that refuses rotated
 * credentials and that is unreachable when stopped. (If these break, an IT failure would blame the services.)
 */
class RemoteFixturesTest {

    @TempDir
    Path tmp;

    @Test
    void blogRepoWritesSymlinksGitlinksAndRewritesHistory() throws Exception {
        try (BlogRepo repo = BlogRepo.create(tmp.resolve("r.git"))) {
            repo.put("Posts/A", "a").symlink("Posts/link", "../../etc/passwd")
                    .gitlink("Posts/sub", "0123456789abcdef0123456789abcdef01234567");
            String first = repo.commit("one");
            repo.put("Posts/B", "b");
            String second = repo.commit("two");
            try (Repository r = Git.open(tmp.resolve("r.git").toFile()).getRepository(); RevWalk walk = new RevWalk(r)) {
                RevCommit c = walk.parseCommit(r.resolve(second));
                assertEquals(first, c.getParent(0).name());
                try (TreeWalk tw = TreeWalk.forPath(r, "Posts/link", c.getTree())) {
                    assertEquals(FileMode.SYMLINK, tw.getFileMode(0));
                }
                try (TreeWalk tw = TreeWalk.forPath(r, "Posts/sub", c.getTree())) {
                    assertEquals(FileMode.GITLINK, tw.getFileMode(0));
                }
            }
            String rewritten = repo.forcePushRewrite("rewritten");
            try (Repository r = Git.open(tmp.resolve("r.git").toFile()).getRepository(); RevWalk walk = new RevWalk(r)) {
                RevCommit c = walk.parseCommit(r.resolve(Constants.R_HEADS + "main"));
                assertEquals(rewritten, c.name());
                assertEquals(0, c.getParentCount(), "a root commit: the old history is not an ancestor");
            }
            assertEquals(rewritten + "\trefs/heads/main\n", Files.readString(tmp.resolve("r.git/info/refs")));
            repo.deleteBranch();
            try (Repository r = Git.open(tmp.resolve("r.git").toFile()).getRepository()) {
                assertNull(r.exactRef(Constants.R_HEADS + "main"));
            }
            assertEquals("", Files.readString(tmp.resolve("r.git/info/refs")), "the dumb-HTTP ref list follows");
            repo.restoreBranch(second);
            assertEquals(second + "\trefs/heads/main\n", Files.readString(tmp.resolve("r.git/info/refs")));
        }
    }

    @Test
    void httpRemoteServesFetchesRefusesRotatedCredentialsAndCanBeStopped() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path bare = tmp.resolve("remote.git");
        try (BlogRepo repo = BlogRepo.create(bare); GitHttpServer server = new GitHttpServer(port, bare, "blog", "pw1")) {
            repo.put("Posts/A", "---\ntitle: A\nauthor: a\n---\nbody\n");
            String head = repo.commit("one");
            server.start();
            UsernamePasswordCredentialsProvider good = new UsernamePasswordCredentialsProvider("blog", "pw1");
            try (Git clone = Git.cloneRepository().setURI("http://localhost:" + port + "/blog.git").setBare(true)
                    .setDirectory(tmp.resolve("clone1.git").toFile()).setBranch("main").setCredentialsProvider(good).call()) {
                assertEquals(head, clone.getRepository().resolve(Constants.R_HEADS + "main").name());
            }
            server.rotatePassword("pw2");
            TransportException refused = assertThrows(TransportException.class, () -> Git.cloneRepository()
                    .setURI("http://localhost:" + port + "/blog.git").setBare(true)
                    .setDirectory(tmp.resolve("clone2.git").toFile()).setCredentialsProvider(good).call().close());
            assertTrue(refused.getMessage().toLowerCase().contains("not authorized")
                    || refused.getMessage().toLowerCase().contains("auth"), refused.getMessage());
            assertNotEquals(0, server.refused());
            server.stop();
            assertThrows(TransportException.class, () -> Git.lsRemoteRepository()
                    .setRemote("http://localhost:" + port + "/blog.git").setCredentialsProvider(good).call());
        }
    }
}
