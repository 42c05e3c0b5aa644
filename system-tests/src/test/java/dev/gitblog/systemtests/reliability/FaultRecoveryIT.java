package dev.gitblog.systemtests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitblog.systemtests.LocalSystem;
import dev.gitblog.systemtests.reliability.Rig.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults during pushes and at the remote (issue 9, items 1 and 2), on one running system, which starts on an
 * empty repository (no commit) and gets its first push from the first test:
 * kill -9 of render-service, feed-service and content-service (the last one mid-ingest of a 1,000-post push),
 * then more pushes; the remote moved away (unreachable) and restored, replaced by an empty repository, its
 * branch deleted, and a force-push that rewrites history. After each fault the site keeps serving the last
 * good revision, /api/revision and the readiness details say what is wrong, and recovery needs no manual step
 * (content-service retries with backoff; no further webhook is sent). After each recovery every pushed post is
 * served with its text and is in the listing, the tag page, the JSON API and (newest) the feed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultRecoveryIT {

    static final Path WORK = LocalSystem.PROJECT_ROOT.resolve("system-tests/target/it/reliability-faults");
    static final int BASE_PORT = 18480;
    static final Duration PUBLISH = Duration.ofMinutes(4);
    /** Posts in the push during which content-service is killed: enough for a publish that takes seconds. */
    static final int MID_INGEST_POSTS = 1000;

    LocalSystem system;
    BlogRepo repo;
    Path repoDir;
    String served;
    /** Every post the test pushed and that should be served: path -> the text only that post contains. */
    final Map<String, String> posts = new TreeMap<>();
    final List<String> log = new ArrayList<>();

    final String secret = "faults-secret-" + UUID.randomUUID();
    /** run.sh started on a repository without any commit: it prints its ready line only after the first push. */
    CompletableFuture<LocalSystem> starting;

    @BeforeAll
    void start() throws Exception {
        Rig.deleteTree(WORK);
        repoDir = WORK.resolve("blog.git");
        repo = BlogRepo.create(repoDir); // empty: no commit, no branch yet
        starting = CompletableFuture.supplyAsync(() -> {
            try {
                // the local bare repository stands in for a remote: only the webhook (or the retry after a
                // failure) reads it, as for a remote URL; a local repository would publish its own commits
                return Rig.start(repoDir + "#main", WORK, BASE_PORT, secret, Map.of("BLOG_GIT_WATCH", "false"));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /**
     * Issue 9 §2, "an empty repository": the system starts on a repository with no commit at all. content-service's
     * /api/revision and readiness say what is wrong, the gateway answers a plain 503 page (no stack trace), and the
     * first push publishes the site without any restart.
     */
    @Test
    @Order(0)
    void anInitiallyEmptyRepositoryThenTheFirstPush() throws Exception {
        String content = "http://localhost:" + (BASE_PORT + 1);
        String gateway = "http://localhost:" + BASE_PORT;
        try {
            JsonNode[] st = {null};
            Rig.await("content-service reports the empty repository", Duration.ofMinutes(6), () -> {
                if (starting.isDone()) {
                    return true; // failed (or, wrongly, ready): reported below
                }
                st[0] = Rig.json(content + "/api/revision");
                return !st[0].path("lastError").asText("").isEmpty();
            }, () -> "last /api/revision: " + st[0]);
            assertFalse(starting.isDone(), "run.sh must not be ready (or gone) before the first commit: " + starting);
            log.add("empty repository: /api/revision = " + st[0]);
            assertEquals(0, st[0].path("entryCount").asInt(), st[0].toString());
            assertFalse(st[0].path("ready").asBoolean(true), st[0].toString());
            String error = st[0].path("lastError").asText();
            assertTrue(error.contains("main") && (error.contains("not found") || error.contains("empty")), error);
            Reply health = Rig.get("http://localhost:" + (BASE_PORT + 21) + "/q/health/ready"); // content-service's management port
            assertEquals(503, health.status(), health::toString);
            assertTrue(health.text().contains(error.substring(0, Math.min(20, error.length()))),
                    "the readiness details name the error: " + health);
            Rig.await("the gateway is up", Duration.ofMinutes(3), () -> Rig.get(gateway + "/").status() > 0, () -> "");
            for (String path : List.of("/", "/Posts", "/Posts/First", "/atom", "/tags", "/api/articles")) {
                Reply r = Rig.get(gateway + path);
                log.add("empty repository: gateway " + path + " -> " + r.status() + " " + r.header("content-type"));
                assertTrue(r.status() == 503 || r.status() == 404, path + " before any commit: " + r);
                String body = r.text();
                assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("at dev.gitblog")
                        || body.contains("at io.") || body.contains("at java."), path + " shows a stack trace: " + body);
            }
            Reply home = Rig.get(gateway + "/");
            assertEquals(503, home.status(), home::toString);
            assertTrue(home.text().length() < 4000 && home.header("content-type").startsWith("text/html"), home::toString);
        } finally {
            // the first push (also when a check above failed, so that the system finishes starting and stops cleanly)
            Rig.seedBlog(repo, "Faults blog", "faults-seed");
            posts.put("Posts/First", "The first post says faults-seed.");
            served = repo.commit("a small blog");
            byte[] body = ("{\"ref\":\"refs/heads/main\",\"after\":\"" + served + "\"}").getBytes(StandardCharsets.UTF_8);
            Reply hook = Rig.post(gateway + "/hooks/git", body, "Content-Type", "application/json",
                    "X-Hub-Signature-256", "sha256=" + Rig.hmac(secret, body));
            log.add("first push: hook through the gateway answered " + hook.status());
            system = starting.get(10, TimeUnit.MINUTES);
        }
        assertComplete(served);
        JsonNode st = Rig.revisionStatus(system);
        assertTrue(st.path("lastError").isNull() || st.path("lastError").isMissingNode(), st.toString());
        assertTrue(st.path("ready").asBoolean(), st.toString());
        assertEquals(List.of(), Rig.restarts(system), "no process was restarted to get out of the empty state");
    }

    @AfterAll
    void stop() throws Exception {
        log.forEach(l -> System.out.println("[faults] " + l));
        if (system == null && starting != null) {
            try {
                system = starting.get(10, TimeUnit.MINUTES);
            } catch (Exception e) {
                System.out.println("[faults] the system did not start: " + e);
            }
        }
        try {
            assertEquals(List.of(), Rig.stop(system), "processes left behind");
        } finally {
            if (repo != null) {
                repo.close();
            }
        }
    }

    String addPosts(String label, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String path = "Posts/" + label + "-" + i;
            String nonce = label + "-" + i + "-" + UUID.randomUUID();
            repo.put(path, Rig.article("Post " + label + " " + i, "Body " + nonce, "fault, " + label));
            posts.put(path, "Body " + nonce);
        }
        return repo.commit(label + ": " + count + " posts");
    }

    /** Everything pushed so far is served at {@code revision}: pages, listing, tag page, API, feed. */
    void assertComplete(String revision) throws Exception {
        Rig.awaitServedRevision(system, "/Posts", revision, PUBLISH);
        served = revision;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> p : posts.entrySet()) {
            Reply page = Rig.get(system.gateway() + "/" + p.getKey());
            if (page.status() != 200 || !page.text().contains(p.getValue())) {
                problems.add(p.getKey() + " -> " + page.status() + (page.status() == 200 ? " without its text" : ""));
            }
            if (problems.size() > 10) {
                break;
            }
        }
        assertEquals(List.of(), problems, "posts missing after recovery");
        String listing = Rig.get(system.gateway() + "/Posts").text();
        assertEquals(posts.size(), count(listing, "class=\"list-group-item\""), "entries in the /Posts listing");
        for (String path : posts.keySet()) {
            assertTrue(listing.contains("href=\"/" + path + "\""), path + " listed");
        }
        long tagged = posts.keySet().stream().filter(p -> !p.equals("Posts/First")).count();
        if (tagged > 0) {
            Reply tagPage = Rig.get(system.gateway() + "/tags/fault");
            assertEquals(200, tagPage.status());
            assertEquals(tagged, count(tagPage.text(), "class=\"list-group-item\""), "entries on /tags/fault");
        }
        Reply api = Rig.get(system.gateway() + "/api/articles?section=Posts&size=1");
        assertEquals(200, api.status(), api::toString);
        assertEquals(String.valueOf(posts.size()), api.header("X-Total-Count"), "X-Total-Count of /api/articles");
        JsonNode first = Rig.JSON.readTree(api.body()).get(0);
        String atom = Rig.get(system.gateway() + "/atom").text();
        assertTrue(atom.contains(first.path("title").asText()), "the newest post is in the feed: " + first);
        JsonNode status = Rig.revisionStatus(system);
        assertTrue(status != null && revision.equals(status.path("revision").asText()), "content-service: " + status);
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    @Order(1)
    void killRenderServiceDuringAPush() throws Exception {
        String commit = addPosts("render-kill", 20);
        assertEquals(202, Rig.notifyPush(system, commit));
        long newPid = Rig.killAndAwaitRestart(system, "render-service", Duration.ofMinutes(3));
        log.add("render-service killed during a 20-post push, restarted as pid " + newPid);
        assertComplete(commit);
        String next = addPosts("after-render-kill", 3);
        assertEquals(202, Rig.notifyPush(system, next));
        assertComplete(next);
    }

    @Test
    @Order(2)
    void killFeedServiceDuringAPush() throws Exception {
        String commit = addPosts("feed-kill", 20);
        assertEquals(202, Rig.notifyPush(system, commit));
        long newPid = Rig.killAndAwaitRestart(system, "feed-service", Duration.ofMinutes(3));
        log.add("feed-service killed during a 20-post push, restarted as pid " + newPid);
        assertComplete(commit);
        String next = addPosts("after-feed-kill", 3);
        assertEquals(202, Rig.notifyPush(system, next));
        assertComplete(next);
    }

    @Test
    @Order(3)
    void killContentServiceMidIngest() throws Exception {
        double before = metric(Rig.get(system.management("content-service") + "/q/metrics").text(), "content_entries_published_total");
        String commit = addPosts("content-kill", MID_INGEST_POSTS);
        assertEquals(202, Rig.notifyPush(system, commit));
        // wait until content-service has started sending this revision's entries, then kill it
        double[] now = {before};
        String[] revision = {null};
        Rig.await("content-service starts publishing the big revision", Duration.ofMinutes(3), () -> {
            now[0] = metric(Rig.get(system.management("content-service") + "/q/metrics").text(), "content_entries_published_total");
            JsonNode st = Rig.revisionStatus(system);
            revision[0] = st == null ? null : st.path("revision").asText();
            return now[0] > before || commit.equals(revision[0]);
        }, system::logTails);
        boolean midIngest = !commit.equals(revision[0]);
        Rig.killAndAwaitRestart(system, "content-service", Duration.ofMinutes(3));
        log.add("content-service killed " + (midIngest ? "mid-ingest" : "just after the ingest (the push was faster)")
                + " after " + (long) (now[0] - before) + " of " + MID_INGEST_POSTS + " entries were acknowledged");
        assertComplete(commit);
        List<String> pushes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String c = addPosts("after-content-kill-" + i, 2);
            assertEquals(202, Rig.notifyPush(system, c));
            pushes.add(c);
        }
        assertComplete(pushes.get(2));
    }

    static double metric(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    /** Waits until content-service reports an error that contains one of {@code words}, while the site serves on. */
    JsonNode awaitReportedError(String fault, String... words) throws Exception {
        JsonNode[] st = {null};
        Rig.await("/api/revision reports the fault: " + fault, Duration.ofMinutes(2), () -> {
            st[0] = Rig.revisionStatus(system);
            String error = st[0] == null ? "" : st[0].path("lastError").asText("").toLowerCase();
            for (String w : words) {
                if (error.contains(w)) {
                    return true;
                }
            }
            return false;
        }, () -> "last /api/revision: " + st[0]);
        Reply page = Rig.get(system.gateway() + "/Posts");
        assertEquals(200, page.status(), "the site keeps serving during: " + fault);
        assertEquals(served, page.header("X-Blog-Revision"), "the last good revision is served during: " + fault);
        assertEquals(served, st[0].path("revision").asText(), "content-service keeps the last good revision");
        String ready = Rig.get(system.management("content-service") + "/q/health/ready").text();
        assertTrue(ready.contains("lastError"), "the readiness details name the error: " + ready);
        log.add(fault + ": /api/revision lastError = " + st[0].path("lastError").asText());
        return st[0];
    }

    /** Waits, without sending any webhook, until content-service has fetched again and cleared its error. */
    void awaitAutomaticRecovery(String fault, String expectedRevision) throws Exception {
        JsonNode[] st = {null};
        Rig.await("content-service recovers from " + fault + " by itself", Duration.ofMinutes(3), () -> {
            st[0] = Rig.revisionStatus(system);
            return st[0] != null && st[0].path("lastError").isNull() | st[0].path("lastError").isMissingNode()
                    && expectedRevision.equals(st[0].path("revision").asText());
        }, () -> "last /api/revision: " + st[0]);
        assertComplete(expectedRevision);
    }

    @Test
    @Order(4)
    void remoteUnreachableThenRestored() throws Exception {
        String pending = addPosts("while-away", 2); // committed, not announced: only a later fetch can see it
        Path away = WORK.resolve("blog.git.away");
        Files.move(repoDir, away, StandardCopyOption.ATOMIC_MOVE);
        try {
            assertEquals(202, Rig.notifyPush(system, pending));
            awaitReportedError("repository moved away", "reach", "not found", "fetch", "repository");
        } finally {
            Files.move(away, repoDir, StandardCopyOption.ATOMIC_MOVE);
        }
        awaitAutomaticRecovery("the repository moved away", pending);
    }

    @Test
    @Order(5)
    void remoteReplacedByAnEmptyRepository() throws Exception {
        String pending = addPosts("behind-empty", 1);
        Path away = WORK.resolve("blog.git.away");
        Files.move(repoDir, away, StandardCopyOption.ATOMIC_MOVE);
        try {
            Git.init().setBare(true).setDirectory(repoDir.toFile()).setInitialBranch("main").call().close();
            assertEquals(202, Rig.notifyPush(system, pending));
            awaitReportedError("an empty repository", "empty", "not found", "branch", "main");
        } finally {
            Rig.deleteTree(repoDir);
            Files.move(away, repoDir, StandardCopyOption.ATOMIC_MOVE);
        }
        awaitAutomaticRecovery("an empty repository", pending);
    }

    @Test
    @Order(6)
    void branchDisappearsAndComesBack() throws Exception {
        String pending = addPosts("branch-back", 1);
        repo.deleteBranch();
        try {
            assertEquals(202, Rig.notifyPush(system, pending));
            awaitReportedError("the branch was deleted", "branch", "main", "not found");
        } finally {
            repo.restoreBranch(pending);
        }
        awaitAutomaticRecovery("a deleted branch", pending);
    }

    @Test
    @Order(7)
    void forcePushThatRewritesHistory() throws Exception {
        // drop one post, change another, add one; the new history shares no commit with the old one
        String dropped = "Posts/render-kill-0";
        repo.remove(dropped);
        posts.remove(dropped);
        String rewritten = "Posts/render-kill-1";
        String nonce = "rewritten-" + UUID.randomUUID();
        repo.put(rewritten, Rig.article("Post render-kill 1", "Body " + nonce, "fault, rewritten"));
        posts.put(rewritten, "Body " + nonce);
        String commit = addPosts("force-pushed", 1);
        String root = repo.forcePushRewrite("history rewritten");
        assertFalse(root.equals(commit));
        assertEquals(202, Rig.notifyPush(system, root));
        assertComplete(root);
        assertEquals(404, Rig.get(system.gateway() + "/" + dropped).status(), "the dropped post is gone");
        assertFalse(Rig.get(system.gateway() + "/tags/render-kill").text().contains("href=\"/" + dropped + "\""));
        assertFalse(Rig.get(system.gateway() + "/atom").text().contains("Post render-kill 0<"), "dropped from the feed");
    }

    @Test
    @Order(8)
    void onlyTheKilledProcessesWereRestarted() {
        List<String> restarts = Rig.restarts(system);
        log.add("run.sh restarts: " + restarts);
        assertEquals(3, restarts.size(), "one restart per kill -9: " + restarts);
    }
}
