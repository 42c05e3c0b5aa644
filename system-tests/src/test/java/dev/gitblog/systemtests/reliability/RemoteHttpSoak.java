package dev.gitblog.systemtests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gitblog.systemtests.LocalSystem;
import dev.gitblog.systemtests.reliability.Rig.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Remote faults over HTTP (issue 9, item 2), run with {@code -Preliability}: the blog is fetched from an HTTP
 * remote with basic credentials in BLOG_REPO. The remote then refuses the credentials (a rotated password),
 * and later stops answering at all (connection refused). Each time the site keeps serving the last good
 * revision, /api/revision says what is wrong, and once the remote is back content-service catches up by
 * itself. The password never shows in a log or an API answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteHttpSoak {

    static final Path WORK = LocalSystem.PROJECT_ROOT.resolve("system-tests/target/it/reliability-remote-http");
    static final int BASE_PORT = 18780;
    static final String PASSWORD = "pw-" + UUID.randomUUID();

    LocalSystem system;
    BlogRepo repo;
    GitHttpServer remote;
    String served;

    @BeforeAll
    void start() throws Exception {
        Rig.deleteTree(WORK);
        Path bare = WORK.resolve("blog.git");
        repo = BlogRepo.create(bare);
        Rig.seedBlog(repo, "Remote blog", "remote-seed");
        served = repo.commit("a small blog");
        remote = new GitHttpServer(BASE_PORT + 15, bare, "blog", PASSWORD);
        remote.start();
        system = Rig.start(remote.url(PASSWORD) + "#main", WORK, BASE_PORT, "remote-secret-" + UUID.randomUUID());
        Rig.awaitServedRevision(system, "/Posts", served, Duration.ofMinutes(2));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            assertEquals(List.of(), Rig.stop(system), "processes left behind");
        } finally {
            remote.close();
            repo.close();
        }
    }

    String push(String label) throws Exception {
        repo.put("Posts/" + label, Rig.article("Post " + label, "Body of " + label, "remote"));
        return repo.commit(label);
    }

    void awaitError(String fault, String... words) throws Exception {
        JsonNode[] st = {null};
        Rig.await("/api/revision reports " + fault, Duration.ofMinutes(2), () -> {
            st[0] = Rig.revisionStatus(system);
            String e = st[0] == null ? "" : st[0].path("lastError").asText("").toLowerCase();
            return List.of(words).stream().anyMatch(e::contains);
        }, () -> "last: " + st[0]);
        Reply page = Rig.get(system.gateway() + "/Posts");
        assertEquals(200, page.status());
        assertEquals(served, page.header("X-Blog-Revision"), "last good revision served during " + fault);
        System.out.println("[remote-http] " + fault + ": " + st[0].path("lastError").asText());
    }

    void awaitRecovery(String fault, String revision) throws Exception {
        JsonNode[] st = {null};
        Rig.await("recovery from " + fault + " without a webhook", Duration.ofMinutes(3), () -> {
            st[0] = Rig.revisionStatus(system);
            return st[0] != null && revision.equals(st[0].path("revision").asText())
                    && (st[0].path("lastError").isNull() || st[0].path("lastError").isMissingNode());
        }, () -> "last: " + st[0]);
        Reply page = Rig.awaitServedRevision(system, "/Posts", revision, Duration.ofMinutes(3));
        assertTrue(page.text().contains("Post "), page::toString);
        served = revision;
    }

    @Test
    @Order(1)
    void authenticationRefusedThenAccepted() throws Exception {
        String pending = push("auth-pending");
        remote.rotatePassword(PASSWORD + "-rotated");
        assertEquals(202, Rig.notifyPush(system, pending));
        awaitError("credentials refused", "auth", "not authorized", "401", "credentials");
        remote.rotatePassword(PASSWORD);
        awaitRecovery("refused credentials", pending);
    }

    @Test
    @Order(2)
    void remoteDownThenBack() throws Exception {
        String pending = push("down-pending");
        remote.stop();
        try {
            assertEquals(202, Rig.notifyPush(system, pending));
            awaitError("remote unreachable", "reach", "connect", "refused", "fetch");
        } finally {
            remote.start();
        }
        awaitRecovery("an unreachable remote", pending);
    }

    @Test
    @Order(3)
    void thePasswordIsNeverShown() throws Exception {
        assertEquals(Optional.empty(), Rig.findInLogs(system, PASSWORD), "the remote's password is logged");
        for (String url : List.of(system.contentService() + "/api/revision", system.management("content-service") + "/q/health",
                system.gateway() + "/api/site")) {
            assertFalse(Rig.get(url).text().contains(PASSWORD), url);
        }
    }
}
