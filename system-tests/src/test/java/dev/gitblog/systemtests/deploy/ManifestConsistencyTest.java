package dev.gitblog.systemtests.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitblog.events.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The manifests agree with the services as their modules are now (ports, probe and metrics paths, environment
 * variables, images), with events/ and docs/PIPELINE.md (topics), and with themselves (Ingress, Kafka bootstrap,
 * scaling targets). The second half breaks one thing at a time and checks that the disagreement is reported.
 */
class ManifestConsistencyTest {
    private static Map<String, ServiceSources> services;
    private static Map<String, Integer> topics;
    private static TypedManifests prod;
    private static List<String> prodProblems;

    @BeforeAll
    static void load() {
        services = DeployFixture.services();
        topics = DeployFixture.expectedTopics();
        prod = DeployFixture.build("prod");
        prodProblems = ManifestChecks.problems(prod, services, topics);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void manifestsAgreeWithTheServices(String overlay) {
        List<String> problems = ManifestChecks.problems(DeployFixture.build(overlay), services, topics);
        assertEquals("", String.join("\n", problems), overlay + ": manifests and services disagree");
    }

    @Test
    void pipelineDocumentListsExactlyTheTopicsOfEvents() {
        assertEquals(Topics.ALL.stream().sorted().collect(Collectors.toList()),
                DeployFixture.pipelinePartitions().keySet().stream().sorted().collect(Collectors.toList()));
        assertTrue(topics.values().stream().allMatch(p -> p != null && p > 0), "partitions: " + topics);
    }

    // ---- each disagreement is reported ------------------------------------------------------------

    @Test
    void containerPortOtherThanTheServicePort() {
        assertReported("containerPort", m -> container(m, "gateway").getPorts().get(0).setContainerPort(9090));
    }

    @Test
    void serviceMovedToAnotherPort() {
        Map<String, ServiceSources> moved = new LinkedHashMap<>(services);
        moved.put("render-service", services.get("render-service").withProperty("quarkus.http.port", "9082"));
        List<String> added = added(ManifestChecks.problems(prod, moved, topics));
        assertMentions(added, "render-service", "9082");
    }

    @Test
    void probePathThatIsNotTheHealthEndpoint() {
        assertReported("readiness probe path /health",
                m -> container(m, "feed-service").getReadinessProbe().getHttpGet().setPath("/health"));
    }

    @Test
    void healthEndpointMovedByTheService() {
        Map<String, ServiceSources> moved = new LinkedHashMap<>(services);
        moved.put("gateway", services.get("gateway").withProperty("quarkus.http.non-application-root-path", "/manage"));
        assertMentions(added(ManifestChecks.problems(prod, moved, topics)), "gateway", "/manage/health/live", "/manage/health/ready");
    }

    @Test
    void environmentVariableTheServiceDoesNotRead() {
        assertReported("BLOG_HOOK_SECRT", m -> container(m, "content-service").getEnv().stream()
                .filter(e -> e.getName().equals("BLOG_HOOK_SECRET")).forEach(e -> e.setName("BLOG_HOOK_SECRT")));
    }

    @Test
    void configMapKeyTheServiceDoesNotRead() {
        assertReported("render-service: the manifests set BLOG_REPO", m -> m.find(ConfigMap.class, "render-service-config")
                .orElseThrow().getData().put("BLOG_REPO", "https://example.org/x.git"));
    }

    @Test
    void topicWithOtherPartitionsOrName() {
        assertReported("KafkaTopics", m -> topic(m, Topics.RENDER_FRAGMENTS).put("partitions", 6));
        assertReported("KafkaTopics", m -> topic(m, Topics.FEED_DOCUMENTS).put("topicName", "feed.docs"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void topicThatIsNotCompacted() {
        assertReported("cleanup.policy", m -> ((Map<String, Object>) topic(m, Topics.CONTENT_REVISIONS).get("config"))
                .put("cleanup.policy", "delete"));
    }

    @Test
    void hooksRoutedPastTheGateway() {
        assertReported("/hooks/ goes to content-service", m -> m.ofType(Ingress.class).get(0).getSpec().getRules().get(0)
                .getHttp().getPaths().stream().filter(p -> p.getPath().equals("/hooks/"))
                .forEach(p -> p.getBackend().getService().setName("content-service")));
    }

    @Test
    void kafkaBootstrapThatIsNotTheStrimziService() {
        assertReported("KAFKA_BOOTSTRAP_SERVERS=kafka:9092", m -> m.find(ConfigMap.class, "feed-service-config")
                .orElseThrow().getData().put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));
    }

    @Test
    void renderServiceScaledBeyondItsPartitions() {
        assertReported("maxReplicas 5", m -> m.ofType(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals("render-service"))
                .forEach(h -> h.getSpec().setMaxReplicas(5)));
    }

    @Test
    void contentServiceScaledOrRolledOver() {
        assertReported("single writer", m -> m.find(Deployment.class, "content-service").orElseThrow().getSpec().setReplicas(2));
        assertReported("Recreate", m -> m.find(Deployment.class, "content-service").orElseThrow().getSpec().getStrategy()
                .setType("RollingUpdate"));
    }

    @Test
    void writableRootFilesystem() {
        assertReported("gateway: the root filesystem", m -> container(m, "gateway").getSecurityContext()
                .setReadOnlyRootFilesystem(false));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static void assertReported(String expected, Consumer<TypedManifests> breakIt) {
        TypedManifests broken = prod.copy();
        breakIt.accept(broken);
        assertMentions(added(ManifestChecks.problems(broken, services, topics)), expected);
    }

    /** Problems that the change added (the module under check may already have some while it is being written). */
    private static List<String> added(List<String> problems) {
        List<String> added = new ArrayList<>(problems);
        added.removeAll(prodProblems);
        return added;
    }

    private static void assertMentions(List<String> problems, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)),
                    "expected a problem mentioning '" + fragment + "', got " + problems);
        }
    }

    private static Container container(TypedManifests m, String service) {
        return m.find(Deployment.class, service).orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> topic(TypedManifests m, String name) {
        GenericKubernetesResource topic = m.custom("KafkaTopic").stream()
                .filter(t -> name.equals(t.get("spec", "topicName"))).findFirst().orElseThrow();
        return (Map<String, Object>) topic.getAdditionalProperties().get("spec");
    }
}
