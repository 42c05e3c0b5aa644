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
        return new ServiceSources("svc", properties, List.of(java), Map.of(), "");
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
    void imageNameAndLauncherFollowTheJibBuild() {
        String pom = "<artifactId>quarkus-container-image-jib</artifactId>";
        Map<String, String> build = ServiceSources.pomProperties("""
                <quarkus.container-image.registry>ghcr.io</quarkus.container-image.registry>
                <quarkus.container-image.group>gitblog</quarkus.container-image.group>
                <quarkus.container-image.tag>1.2.0</quarkus.container-image.tag>
                <quarkus.jib.base-jvm-image>registry.access.redhat.com/ubi9/openjdk-17-runtime:1.23</quarkus.jib.base-jvm-image>
                <other>x</other>
                """);
        ServiceSources s = new ServiceSources("svc", Map.of("quarkus.application.name", "feed-service",
                "quarkus.container-image.registry", "quay.io"), List.of(), build, pom);
        assertEquals("ghcr.io/gitblog/feed-service", s.imageName().orElseThrow(), "the POM wins over application.properties");
        assertEquals("1.2.0", s.imageTag().orElseThrow());
        assertTrue(s.imageUsesRunJava());
        assertTrue(new ServiceSources("svc", Map.of("quarkus.application.name", "a"), List.of(), build, "").imageName().isEmpty(),
                "no Jib extension, no image");
        assertFalse(new ServiceSources("svc", Map.of(), List.of(),
                Map.of("quarkus.jib.base-jvm-image", "docker.io/library/eclipse-temurin:17"), pom).imageUsesRunJava());
    }

    @Test
    void managementInterfaceAndKafkaVariables() {
        ServiceSources off = sources(Map.of("quarkus.http.port", "8082"));
        assertFalse(off.managementEnabled());
        assertEquals(8082, off.operationsPort());
        ServiceSources on = sources(Map.of("quarkus.http.port", "8082", "quarkus.management.enabled", "true"));
        assertEquals(9000, on.operationsPort(), "Quarkus' default management port");
        assertEquals(9100, sources(Map.of("quarkus.management.enabled", "true", "quarkus.management.port", "9100")).operationsPort());
        ServiceSources kafka = new ServiceSources("svc", Map.of(), List.of(), Map.of(),
                "<artifactId>quarkus-messaging-kafka</artifactId>");
        assertTrue(kafka.readsEnvironment("KAFKA_SASL_JAAS_CONFIG"), "Quarkus maps KAFKA_* to kafka.*");
        assertFalse(sources(Map.of()).readsEnvironment("KAFKA_SASL_JAAS_CONFIG"), "no Kafka client, no kafka.* settings");
    }

    @Test
    void environmentNameRules() {
        assertEquals("BLOG_HOOK_SECRET", ServiceSources.toEnv("blog.hook-secret"));
        assertEquals("MP_MESSAGING_INCOMING_ENTRIES_IN_TOPIC", ServiceSources.toEnv("mp.messaging.incoming.entries-in.topic"));
        assertEquals("hook-secret", ServiceSources.kebab("hookSecret"));
        assertEquals("poll-interval-seconds", ServiceSources.kebab("pollIntervalSeconds"));
    }
}
