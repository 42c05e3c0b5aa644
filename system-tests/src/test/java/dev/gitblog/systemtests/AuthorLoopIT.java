package dev.gitblog.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An author's day against the real system (run.sh, a KRaft broker, four JVMs) on a local repository the test
 * writes: a commit is served with no webhook call, a draft is nowhere a reader can look, an unknown header
 * key is a warning, GitLab's webhook token is accepted (a wrong one refused), a push of 300 posts is served
 * whole while render-service's producer would hold its fragments for ten minutes unless flushed, and deleting
 * most of them makes feed-service read back bodies it had left out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorLoopIT {

    static final Path WORK = LocalSystem.PROJECT_ROOT.resolve("system-tests/target/it/author-loop");
    static final String SECRET = "author-loop-secret";
    static final String DRAFT_TITLE = "Unfinished Thoughts On Compaction";
    static final String DRAFT_WORD = "zanzibarquokka";
    static final String DRAFT_TAG = "drafttagonly";

    static LocalSystem system;
    static Path repo;

    @BeforeAll
    static void startSystem() throws Exception {
        SeedBlogSystemIT.deleteTree(WORK);
        repo = WORK.resolve("blog");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            write(".config/blog_name", "Author Loop\n");
            write(".config/uuid", "7d3e2c86-6b1d-4b8e-9a52-0f1f2d3c4b5a\n");
            write(".config/index_page", "Posts\n");
            write("Posts/Public", "---\ntitle: Public Post\nauthor: ada\ntags: shared\nlayout: post\n---\n"
                    + "Everyone may read this.\n");
            write("Posts/Secret", "---\ntitle: " + DRAFT_TITLE + "\nauthor: ada\ntags: shared, " + DRAFT_TAG
                    + "\nabstract: the " + DRAFT_WORD + " abstract\ndraft: true\nlayout: " + DRAFT_WORD
                    + "\n---\nThe " + DRAFT_WORD
                    + " paragraph nobody may read yet.\n");
            write("Posts/Hidden", "---\ntitle: Not Yet Either\nauthor: ada\npublished: false\n---\nLater, "
                    + DRAFT_WORD + ".\n");
            commit(git, "first posts");
        }
        // render-service's producer holds fragments for ten minutes here instead of 50 ms, and waits for the broker
        // once 8 are unacknowledged instead of 128: every fragment this test sees went out because render-service
        // flushed it (at the end of a poll, or when its lane had to wait), never because the linger ran out
        system = LocalSystem.start(repo.toString(), WORK.resolve("data"), 19180, SECRET, Duration.ofMinutes(8),
                Map.of("RENDER_SERVICE_JAVA_OPTS",
                        "-Dmp.messaging.outgoing.fragments-out.linger.ms=600000 -Dblog.render.max-in-flight=8"));
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (system != null) {
            system.close();
            assertEquals(List.of(), system.leftovers(), "no JVM left behind");
        }
    }

    @Test
    @Order(1)
    void aDraftIsAbsentFromEveryPageFeedApiAnswerAndTheExport() throws Exception {
        assertEquals(200, given().get(system.gateway() + "/Posts/Public").statusCode(), system::logTails);
        assertEquals(404, given().get(system.gateway() + "/Posts/Secret").statusCode());
        assertEquals(404, given().get(system.gateway() + "/Posts/Hidden").statusCode());
        assertEquals(404, given().get(system.gateway() + "/tags/" + DRAFT_TAG).statusCode(),
                "a tag only a draft has has no page");
        assertEquals(404, given().get(system.gateway() + "/api/articles/Posts/Secret").statusCode());
        for (String path : List.of("/", "/Posts", "/Posts/Public", "/tags", "/tags/shared", "/atom", "/rss.xml",
                "/feed.json", "/tags/shared/atom", "/api/site", "/api/articles", "/api/articles?tag=shared",
                "/api/tags")) {
            Response r = given().get(system.gateway() + path);
            assertEquals(200, r.statusCode(), path);
            String body = r.asString();
            assertFalse(body.contains(DRAFT_TITLE) || body.contains(DRAFT_WORD) || body.contains(DRAFT_TAG)
                    || body.contains("Posts/Secret") || body.contains("Posts/Hidden"), path + " shows a draft: " + body);
        }
        assertTrue(given().get(system.gateway() + "/Posts").asString().contains("Public Post"));

        Response export = given().get(system.gateway() + "/api/export");
        assertEquals(200, export.statusCode());
        String tar;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(export.asByteArray()))) {
            tar = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1); // names and bytes of every file
        }
        assertTrue(tar.contains("Posts/Public"), "the export holds the public post");
        assertFalse(tar.contains(DRAFT_TITLE) || tar.contains(DRAFT_WORD) || tar.contains("Posts/Secret")
                || tar.contains(DRAFT_TAG), "the export shows a draft");
    }

    @Test
    @Order(2)
    void contentServiceListsTheDraftsAndWarnsOfUnknownKeys() {
        JsonPath drafts = given().get(system.contentService() + "/api/entries?kind=DRAFT").jsonPath();
        assertEquals(List.of("Posts/Hidden", "Posts/Secret"), drafts.getList("path"));
        assertEquals(DRAFT_TITLE, drafts.getString("find { it.path == 'Posts/Secret' }.article.title"));
        Map<String, Object> publicPost = given().get(system.contentService() + "/api/entries/Posts/Public")
                .jsonPath().getMap("");
        assertEquals("ARTICLE", publicPost.get("kind"));
        assertTrue(String.valueOf(publicPost.get("warnings")).contains("unknown header key `layout`"),
                String.valueOf(publicPost.get("warnings")));
    }

    @Test
    @Order(3)
    void aCommitToTheLocalRepositoryIsServedWithoutAWebhook() throws Exception {
        RevCommit fresh;
        try (Git git = Git.open(repo.toFile())) {
            write("Posts/Fresh", "---\ntitle: Fresh Off The Press\nauthor: ada\n---\nCommitted, never hooked.\n");
            // and the draft is finished: it is published by the same commit
            write("Posts/Secret", Files.readString(repo.resolve("Posts/Secret")).replace("draft: true", "draft: false"));
            fresh = commit(git, "a new post, a finished draft");
        }
        Instant committed = Instant.now();
        awaitTrue("the new commit is served", Duration.ofSeconds(60),
                () -> fresh.name().equals(given().get(system.gateway() + "/Posts").header("X-Blog-Revision")));
        System.out.printf("a local commit served without a webhook after %d ms%n",
                Duration.between(committed, Instant.now()).toMillis());
        assertTrue(given().get(system.gateway() + "/Posts/Fresh").asString().contains("Committed, never hooked."));
        Response secret = given().get(system.gateway() + "/Posts/Secret");
        assertEquals(200, secret.statusCode());
        assertTrue(secret.asString().contains(DRAFT_TITLE));
        assertEquals(404, given().get(system.gateway() + "/Posts/Hidden").statusCode(), "still a draft");
    }

    @Test
    @Order(4)
    void gitlabsTokenIsAcceptedAndAWrongOneRefused() {
        // GitLab's push event (docs.gitlab.com, "Push events"), abridged: its secret comes as X-Gitlab-Token
        String body = "{\"object_kind\":\"push\",\"event_name\":\"push\",\"ref\":\"refs/heads/main\","
                + "\"before\":\"0000000000000000000000000000000000000000\",\"checkout_sha\":null,"
                + "\"project\":{\"name\":\"blog\",\"default_branch\":\"main\"},\"commits\":[],"
                + "\"total_commits_count\":0}";
        Response ok = given().header("X-Gitlab-Token", SECRET).header("X-Gitlab-Event", "Push Hook")
                .header("Content-Type", "application/json").body(body).post(system.gateway() + "/hooks/git");
        assertEquals(202, ok.statusCode(), ok.asString());
        for (String wrong : List.of("author-loop-secreT", "author-loop-secret2", "", "Bearer " + SECRET)) {
            assertEquals(401, given().header("X-Gitlab-Token", wrong).header("Content-Type", "application/json")
                    .body(body).post(system.gateway() + "/hooks/git").statusCode(), "token " + wrong);
        }
        assertEquals(401, given().header("Content-Type", "application/json").body(body)
                .post(system.gateway() + "/hooks/git").statusCode(), "no token");
    }

    @Test
    @Order(5)
    void aPushOfManyPostsIsServedWhole() throws Exception {
        RevCommit many;
        try (Git git = Git.open(repo.toFile())) {
            for (int i = 0; i < 300; i++) {
                write(batchPost(i), "---\ntitle: Batch post " + i + "\nauthor: ada\n---\nNumber "
                        + i + " of a push larger than what render-service keeps in flight.\n");
            }
            many = commit(git, "three hundred posts");
        }
        awaitTrue("the push of 300 posts is served", Duration.ofSeconds(120),
                () -> many.name().equals(given().get(system.gateway() + "/Posts").header("X-Blog-Revision")));
        assertTrue(given().get(system.gateway() + "/Posts/Batch299").asString().contains("Number 299 of a push"));
        assertEquals("303", given().get(system.gateway() + "/api/articles").header("X-Total-Count"),
                "every article: Public, Fresh, the finished draft and the 300");
    }

    @Test
    @Order(6)
    void aFeedWhoseArticlesWereDeletedGetsTheBodiesOfOlderOnesBack() throws Exception {
        // feed-service keeps the bodies of the newest two feeds' worth of articles only; deleting all but every
        // twelfth of the 300 (which share one date) features ten whose bodies it left out, whatever order breaks
        // the tie, and it reads those back from render.fragments
        RevCommit thinned;
        try (Git git = Git.open(repo.toFile())) {
            for (int i = 0; i < 300; i++) {
                if (i % 12 != 0) {
                    git.rm().addFilepattern(batchPost(i)).call();
                }
            }
            thinned = commit(git, "all but every twelfth batch post removed");
        }
        awaitTrue("the thinned site is served", Duration.ofSeconds(120),
                () -> thinned.name().equals(given().get(system.gateway() + "/Posts").header("X-Blog-Revision")));
        String atom = given().get(system.gateway() + "/atom").asString();
        java.util.regex.Matcher bodies = java.util.regex.Pattern.compile("Number (\\d+) of a push").matcher(atom);
        java.util.Set<Integer> shown = new java.util.HashSet<>();
        while (bodies.find()) {
            assertEquals(0, Integer.parseInt(bodies.group(1)) % 12, "a deleted post in the feed: " + bodies.group());
            shown.add(Integer.parseInt(bodies.group(1)));
        }
        assertEquals(10, shown.size(), "ten entries, each with its body: " + atom);
        assertEquals(10, atom.split("<content", -1).length - 1, "ten entries with content: " + atom);
        assertTrue(Files.readString(system.data().resolve("logs/feed-service.log")).contains("featured bodies from"),
                "feed-service read bodies back");
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** The path of the {@code i}th post of the 300-post push (Order 5), which Order 6 thins out. */
    static String batchPost(int i) {
        return String.format("Posts/Batch%03d", i);
    }

    static void write(String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static RevCommit commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        PersonIdent me = new PersonIdent("ada", "ada@example.invalid", Instant.now(), ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(me).setCommitter(me).setSign(false).call();
    }

    /** Polls {@code condition} until it holds or the deadline passes (then fails with the services' logs). */
    static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within " + timeout + system.logTails());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
