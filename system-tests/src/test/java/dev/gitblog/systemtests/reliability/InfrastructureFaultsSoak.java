package dev.gitblog.systemtests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitblog.systemtests.LocalSystem;
import dev.gitblog.systemtests.reliability.Rig.Reply;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Infrastructure faults (issue 9, item 1), run with {@code -Preliability}: a second gateway replica next to
 * run.sh's, then kill -9 of one gateway while the other keeps serving; the broker frozen (SIGSTOP) for 30 s
 * while a push arrives, then resumed; the broker killed with -9 (run.sh restarts it). After each fault every
 * pushed post is served by both gateways, and no service needed a manual step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfrastructureFaultsSoak {

    static final Path WORK = LocalSystem.PROJECT_ROOT.resolve("system-tests/target/it/reliability-infra");
    static final int BASE_PORT = 18680;

    LocalSystem system;
    BlogRepo repo;
    Process secondGateway;
    String secondUrl;
    final Map<String, String> posts = new TreeMap<>();

    @BeforeAll
    void start() throws Exception {
        Rig.deleteTree(WORK);
        repo = BlogRepo.create(WORK.resolve("blog.git"));
        Rig.seedBlog(repo, "Infrastructure blog", "infra-seed");
        posts.put("Posts/First", "infra-seed");
        String first = repo.commit("a small blog");
        system = Rig.start(repo.dir() + "#main", WORK, BASE_PORT, "infra-secret-" + UUID.randomUUID());
        int port = BASE_PORT + 5;
        secondUrl = "http://localhost:" + port;
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx256m", "-XX:+UseSerialGC", "-Dgitblog.data=" + system.data(),
                "-jar", LocalSystem.PROJECT_ROOT.resolve("gateway/target/quarkus-app/quarkus-run.jar").toString())
                .directory(system.data().toFile())
                .redirectErrorStream(true)
                .redirectOutput(new File(system.data().resolve("logs/gateway-2.log").toString()));
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        pb.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(port + 1)); // its own management interface
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + (BASE_PORT + 10));
        pb.environment().put("CONTENT_SERVICE_URL", system.contentService());
        secondGateway = pb.start();
        Rig.await("the second gateway serves the blog", Duration.ofMinutes(3),
                () -> first.equals(Rig.get(secondUrl + "/Posts").header("X-Blog-Revision")), system::logTails);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (secondGateway != null) {
                secondGateway.destroy();
                if (!secondGateway.waitFor(60, TimeUnit.SECONDS)) {
                    secondGateway.destroyForcibly();
                }
            }
            assertEquals(List.of(), Rig.stop(system), "processes left behind");
        } finally {
            repo.close();
        }
    }

    String push(String label, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String nonce = label + "-" + i + "-" + UUID.randomUUID();
            repo.put("Posts/" + label + "-" + i, Rig.article("Post " + label + " " + i, "Body " + nonce, "infra"));
            posts.put("Posts/" + label + "-" + i, nonce);
        }
        String c = repo.commit(label);
        // straight to content-service: a gateway may be the process that is down
        byte[] body = ("{\"ref\":\"refs/heads/main\",\"after\":\"" + c + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(202, Rig.post(system.contentService() + "/hooks/git", body, "X-Hub-Signature-256",
                "sha256=" + Rig.hmac(system.hookSecret(), body)).status(), "hook for " + label);
        return c;
    }

    void assertBothGatewaysComplete(String revision) throws Exception {
        for (String gw : List.of(system.gateway(), secondUrl)) {
            Rig.await(gw + " serves " + revision, Duration.ofMinutes(4),
                    () -> revision.equals(Rig.get(gw + "/Posts").header("X-Blog-Revision")),
                    () -> "/api/revision " + Rig.revisionStatus(system) + system.logTails());
            List<String> missing = new ArrayList<>();
            String listing = Rig.get(gw + "/Posts").text();
            for (Map.Entry<String, String> p : posts.entrySet()) {
                Reply page = Rig.get(gw + "/" + p.getKey());
                if (page.status() != 200 || !page.text().contains(p.getValue()) || !listing.contains("href=\"/" + p.getKey() + "\"")) {
                    missing.add(p.getKey() + " on " + gw + " -> " + page.status());
                }
            }
            assertEquals(List.of(), missing);
            assertEquals(String.valueOf(posts.size()), Rig.get(gw + "/api/articles?section=Posts&size=1").header("X-Total-Count"));
        }
    }

    @Test
    @Order(1)
    void killOneOfTwoGatewaysTheOtherKeepsServing() throws Exception {
        long old = Rig.pid(system, "gateway");
        Rig.signal(old, "KILL");
        String commit = push("gateway-down", 3);
        int[] served = {0};
        Rig.await("run.sh restarts the killed gateway while the other serves every request", Duration.ofMinutes(3), () -> {
            Reply r = Rig.get(secondUrl + "/Posts");
            assertEquals(200, r.status(), "the surviving gateway answers");
            served[0]++;
            long now = Rig.pid(system, "gateway");
            return now != old && Rig.ready(system, "gateway");
        }, system::logTails);
        System.out.println("[infra] surviving gateway served " + served[0] + " polls while the other restarted");
        assertBothGatewaysComplete(commit);
    }

    @Test
    @Order(2)
    void brokerFrozenForThirtySecondsDuringAPush() throws Exception {
        long kafka = Rig.pid(system, "kafka");
        String before = Rig.get(system.gateway() + "/Posts").header("X-Blog-Revision");
        Rig.signal(kafka, "STOP");
        Instant resumeAt = Instant.now().plusSeconds(30);
        String commit;
        try {
            commit = push("broker-frozen", 3);
            int[] polls = {0};
            Rig.await("30 s of broker outage, with both gateways serving the last revision", Duration.ofSeconds(45), () -> {
                for (String gw : List.of(system.gateway(), secondUrl)) {
                    Reply r = Rig.get(gw + "/Posts");
                    assertEquals(200, r.status(), gw + " serves during the outage");
                    assertEquals(before, r.header("X-Blog-Revision"), gw + " serves the last complete revision");
                }
                polls[0]++;
                return Instant.now().isAfter(resumeAt);
            }, () -> "");
            System.out.println("[infra] broker frozen 30 s: " + polls[0] + " polls of both gateways, all 200 at " + before);
        } finally {
            Rig.signal(kafka, "CONT");
        }
        assertBothGatewaysComplete(commit);
        String after = push("after-broker-frozen", 1);
        assertBothGatewaysComplete(after);
        for (String s : Rig.SERVICES) {
            String name = s;
            Rig.await(s + " ready after the outage", Duration.ofMinutes(2), () -> Rig.ready(system, name), () -> "");
        }
    }

    @Test
    @Order(3)
    void brokerKilledAndRestartedByRunSh() throws Exception {
        long kafka = Rig.pid(system, "kafka");
        Rig.signal(kafka, "KILL");
        Rig.await("run.sh restarts the broker", Duration.ofMinutes(2), () -> {
            long now = Rig.pid(system, "kafka");
            return now != kafka && Rig.alive(now);
        }, system::logTails);
        String commit = push("after-broker-kill", 3);
        assertBothGatewaysComplete(commit);
        System.out.println("[infra] restarts: " + Rig.restarts(system));
        assertTrue(Rig.restarts(system).size() >= 2, "gateway and broker restarted by run.sh");
    }
}
