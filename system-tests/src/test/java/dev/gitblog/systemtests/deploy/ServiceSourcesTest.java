package dev.gitblog.systemtests.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the consistency test decides what a service reads and where its endpoints are. */
class ServiceSourcesTest {

    private static ServiceSources sources(Map<String, String> properties, String... java) {
        return new ServiceSources("svc", properties, List.of(java), "", "");
    }

    @Test
    void environmentReferencesAndPropertyFormsCount() {
        ServiceSources s = sources(Map.of(
                "kafka.bootstrap.servers", "${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}",
                "%prod.blog.hook-secret", "x",
                "mp.messaging.incoming.entries-in.group.id", "gateway-${quarkus.uuid}",
                "quarkus.rest-client.content.url", "${CONTENT_SERVICE_URL}"));
        assertTrue(s.readsEnvironment("KAFKA_BOOTSTRAP_SERVERS"));
        assertTrue(s.readsEnvironment("BLOG_HOOK_SECRET"), "property form of blog.hook-secret under %prod");
        assertTrue(s.readsEnvironment("CONTENT_SERVICE_URL"));
        assertTrue(s.readsEnvironment("QUARKUS_REST_CLIENT_CONTENT_URL"));
        assertFalse(s.readsEnvironment("QUARKUS"), "${quarkus.uuid} is a property, not a variable");
        assertFalse(s.readsEnvironment("BLOG_REPO"));
    }

    @Test
    void configMappingMembersAndConfigPropertiesCount() {
        ServiceSources s = sources(Map.of(),
                """
                @ConfigMapping(prefix = "blog")
                public interface BlogConfig {
                    String repo();
                    @WithName("data")
                    Path dataDirectory();
                    Optional<String> hookSecret();
                    Git git();
                    interface Git { Duration pollInterval(); }
                }
                """,
                """
                class Forwarder {
                    @ConfigProperty(name = "content-service.url") String url;
                    String token = System.getenv("GITHUB_TOKEN");
                }
                """);
        for (String env : List.of("BLOG_REPO", "BLOG_DATA", "BLOG_HOOK_SECRET", "BLOG_GIT_POLL_INTERVAL",
                "CONTENT_SERVICE_URL", "GITHUB_TOKEN")) {
            assertTrue(s.readsEnvironment(env), env);
        }
        for (String env : List.of("BLOG_REPOSITORY", "BLOG_HOOKSECRET", "CONTENT_URL", "BLOG")) {
            assertFalse(s.readsEnvironment(env), env);
        }
    }

    @Test
    void endpointsFollowTheQuarkusPathProperties() {
        ServiceSources defaults = sources(Map.of("quarkus.http.port", "8082"));
        assertEquals(8082, defaults.httpPort());
        assertEquals("/q/health/live", defaults.livenessPath());
        assertEquals("/q/health/ready", defaults.readinessPath());
        assertEquals("/q/metrics", defaults.metricsPath());

        ServiceSources moved = sources(Map.of("quarkus.http.port", "8082", "%prod.quarkus.http.port", "9000",
                "quarkus.http.non-application-root-path", "/manage", "quarkus.smallrye-health.readiness-path", "/ready"));
        assertEquals(9000, moved.httpPort(), "%prod wins in a cluster");
        assertEquals("/manage/health/live", moved.livenessPath());
        assertEquals("/ready", moved.readinessPath());
        assertEquals(8080, sources(Map.of()).httpPort(), "Quarkus' default");
        assertEquals(8083, sources(Map.of("quarkus.http.port", "${FEED_PORT:8083}")).httpPort());
    }

    @Test
    void dockerfileExposeAndLauncher() {
        ServiceSources s = new ServiceSources("svc", Map.of(), List.of(),
                "FROM x\nEXPOSE 8083\nENTRYPOINT [ \"/opt/jboss/container/java/run/run-java.sh\" ]\n", "");
        assertEquals(8083, s.exposedPort().orElseThrow());
        assertTrue(s.imageUsesRunJava());
        assertFalse(sources(Map.of()).imageUsesRunJava());
    }

    @Test
    void environmentNameRules() {
        assertEquals("BLOG_HOOK_SECRET", ServiceSources.toEnv("blog.hook-secret"));
        assertEquals("MP_MESSAGING_INCOMING_ENTRIES_IN_TOPIC", ServiceSources.toEnv("mp.messaging.incoming.entries-in.topic"));
        assertEquals("hook-secret", ServiceSources.kebab("hookSecret"));
        assertEquals("poll-interval-seconds", ServiceSources.kebab("pollIntervalSeconds"));
    }
}
