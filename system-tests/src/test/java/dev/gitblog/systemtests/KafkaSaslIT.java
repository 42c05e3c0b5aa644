package dev.gitblog.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;

/**
 * The whole system on a broker whose client listener asks for SASL/SCRAM-SHA-512 ({@code KAFKA_SASL=scram} of
 * run.sh): every Kafka client of the four services (messaging channels, the health check, the start-up readers)
 * logs in with the credentials given as KAFKA_* variables, the way the Kubernetes manifests give them. The blog
 * is published and served, a later push too, and the broker refuses a client without credentials. Also checks
 * that /q/* answers on the management port only.
 */
class KafkaSaslIT {
    private static final int BASE_PORT = 19080;

    @Test
    void theServicesPublishAndServeThroughAScramListener() throws Exception {
        Path work = LocalSystem.PROJECT_ROOT.resolve("system-tests/target/it/kafka-sasl");
        SeedBlogSystemIT.deleteTree(work);
        LocalSystem system = LocalSystem.start("", work.resolve("data"), BASE_PORT, "sasl-secret", Duration.ofMinutes(8),
                Map.of("KAFKA_SASL", "scram"));
        try {
            // published by content-service, rendered by render-service, composed by the gateway, feeds by feed-service
            Response index = given().get(system.gateway() + "/");
            assertEquals(200, index.statusCode(), system::logTails);
            assertTrue(index.asString().contains("Workbench Notes"), index.asString());
            Response article = given().get(system.gateway() + "/Posts/atom-ids");
            assertEquals(200, article.statusCode(), system::logTails);
            assertTrue(article.asString().contains("Stable ids for feed entries"));
            await("the Atom feed from feed-service", () -> given().get(system.gateway() + "/atom").asString().contains("Stable ids for feed entries"),
                    system);

            // a later push goes through the same listener
            Path repo = system.data().resolve("example-blog");
            Files.writeString(repo.resolve("Posts/over-scram"), "---\ntitle: Published over SCRAM\nauthor: Ada Brennan\n---\n"
                    + "Every client of every service logged in.\n", StandardCharsets.UTF_8);
            try (Git git = Git.open(repo.toFile())) {
                git.add().addFilepattern("Posts/over-scram").call();
                git.commit().setMessage("a post over SCRAM").setSign(false)
                        .setAuthor("Ada Brennan", "ada@example.invalid").setCommitter("Ada Brennan", "ada@example.invalid").call();
            }
            Response hook = given().header("Authorization", "Bearer " + system.hookSecret()).header("Content-Type", "application/json")
                    .body("{\"ref\":\"refs/heads/main\"}").post(system.gateway() + "/hooks/git");
            assertEquals(2, hook.statusCode() / 100, "hook accepted: " + hook.statusCode() + " " + hook.asString());
            await("the pushed post served", () -> given().get(system.gateway() + "/Posts/over-scram").asString()
                    .contains("Every client of every service logged in."), system);

            // health, metrics and OpenAPI on the management port only
            for (String service : List.of("gateway", "content-service", "render-service", "feed-service")) {
                assertEquals(200, given().get(system.management(service) + "/q/health/ready").statusCode(), service);
            }
            assertTrue(given().get(system.management("gateway") + "/q/metrics").asString().contains("gateway_pages_served_total"));
            assertEquals(404, given().get(system.gateway() + "/q/health/ready").statusCode());
            assertEquals(404, given().get(system.contentService() + "/q/metrics").statusCode());

            // the listener really asks for credentials: without them the broker answers nothing
            String bootstrap = "localhost:" + (BASE_PORT + 10);
            ExecutionException refused = assertThrows(ExecutionException.class, () -> topics(bootstrap, Map.of()));
            assertTrue(refused.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                    || refused.getCause() instanceof org.apache.kafka.common.errors.AuthenticationException, refused.toString());
            String password = Files.readString(system.data().resolve("kafka-scram-password")).strip();
            Set<String> topics = topics(bootstrap, Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                    "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"gitblog\" password=\""
                            + password + "\";"));
            assertTrue(topics.containsAll(dev.gitblog.events.Topics.ALL), topics.toString());
        } finally {
            system.close();
        }
        assertEquals(List.of(), system.leftovers(), "no JVM left behind after SIGTERM");
    }

    private static Set<String> topics(String bootstrap, Map<String, String> security) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "8000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
        p.putAll(security);
        try (Admin admin = Admin.create(p)) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static void await(String what, BooleanSupplier condition, LocalSystem system) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 2 minutes: " + what + system.logTails());
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }
}
