package dev.gitblog.systemtests.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitblog.events.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
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
    private static Map<String, String> topicConfig;
    private static TypedManifests prod;
    private static List<String> prodProblems;

    @BeforeAll
    static void load() {
        services = DeployFixture.services();
        topics = DeployFixture.expectedTopics();
        topicConfig = DeployFixture.localTopicConfig();
        prod = DeployFixture.build("prod");
        prodProblems = ManifestChecks.problems(prod, services, topics, topicConfig);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void manifestsAgreeWithTheServices(String overlay) {
        List<String> problems = ManifestChecks.problems(DeployFixture.build(overlay), services, topics, topicConfig);
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
        List<String> added = added(ManifestChecks.problems(prod, moved, topics, topicConfig));
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
        assertMentions(added(ManifestChecks.problems(prod, moved, topics, topicConfig)), "gateway", "/manage/health/live", "/manage/health/ready");
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
    void truststoreThatIsNotMounted() {
        assertReported("feed-service: KAFKA_SSL_TRUSTSTORE_LOCATION=/etc/gitblog/kafka-ca/ca.crt is not ca.crt of the mounted Secret",
                m -> container(m, "feed-service").getVolumeMounts().removeIf(v -> v.getMountPath().equals("/etc/gitblog/kafka-ca")));
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
    void heapThatLeavesTooLittleMemoryBesideIt() {
        assertReported("gateway: JAVA_MAX_MEM_RATIO=75 of a 512 MiB limit allows a 384 MiB heap and leaves 128 MiB",
                m -> container(m, "gateway").getEnv().stream().filter(e -> e.getName().equals("JAVA_MAX_MEM_RATIO"))
                        .forEach(e -> e.setValue("75")));
        assertReported("render-service: JAVA_MAX_MEM_RATIO=55 of a 320 MiB limit", m -> container(m, "render-service")
                .getResources().getLimits().put("memory", new Quantity("320Mi")));
        assertReported("feed-service: GC_CONTAINER_OPTIONS=null", m -> container(m, "feed-service").getEnv()
                .removeIf(e -> e.getName().equals("GC_CONTAINER_OPTIONS")));
    }

    @Test
    void compilerDirectivesThatTheGatewayWouldNotFind() {
        assertReported("gateway: -XX:CompilerDirectivesFile=/etc/gitblog/jit/compiler-directives.json is not a file of a ConfigMap",
                m -> container(m, "gateway").getVolumeMounts().removeIf(v -> v.getName().equals("jit")));
        assertReported("gateway: the directives at /etc/gitblog/jit/compiler-directives.json are not those of gateway/",
                m -> m.ofType(ConfigMap.class).stream().filter(cm -> cm.getMetadata().getName().startsWith("gateway-jit"))
                        .forEach(cm -> cm.getData().put("compiler-directives.json", "[]")));
        assertReported("gateway: JAVA_OPTS_APPEND names no -XX:CompilerDirectivesFile", m -> container(m, "gateway").getEnv()
                .stream().filter(e -> e.getName().equals("JAVA_OPTS_APPEND"))
                .forEach(e -> e.setValue(e.getValue().replaceAll("-XX:CompilerDirectivesFile=\\S+", ""))));
        assertReported("without -XX:+UnlockDiagnosticVMOptions before it", m -> container(m, "gateway").getEnv()
                .stream().filter(e -> e.getName().equals("JAVA_OPTS_APPEND"))
                .forEach(e -> e.setValue(e.getValue().replace("-XX:+UnlockDiagnosticVMOptions", "") + " -XX:+UnlockDiagnosticVMOptions")));
    }

    @Test
    void writableRootFilesystem() {
        assertReported("gateway: the root filesystem", m -> container(m, "gateway").getSecurityContext()
                .setReadOnlyRootFilesystem(false));
    }

    @Test
    @SuppressWarnings("unchecked")
    void topicConfigOtherThanTheLocalBrokers() {
        assertEquals("8388608", topicConfig.get("max.message.bytes"), "read from deploy/local/CreateTopics.java: " + topicConfig);
        assertReported("max.message.bytes=1048588", m -> ((Map<String, Object>) topic(m, Topics.CONTENT_ENTRIES).get("config"))
                .put("max.message.bytes", "1048588"));
    }

    @Test
    void imageTheBuildDoesNotMake() {
        assertReported("but the Jib build names it ghcr.io/gitblog/gateway",
                m -> container(m, "gateway").setImage("docker.io/someone/gateway:1.0.0"));
    }

    @Test
    void healthOnThePublicPortOrManagementBehindTheService() {
        assertReported("liveness probe port http reaches 8083",
                m -> container(m, "feed-service").getLivenessProbe().getHttpGet().setPort(new IntOrString("http")));
        assertReported("the Service exposes the management port", m -> m.find(Service.class, "gateway").orElseThrow()
                .getSpec().getPorts().get(0).setTargetPort(new IntOrString("management")));
        Map<String, ServiceSources> off = new LinkedHashMap<>(services);
        off.put("gateway", services.get("gateway").withProperty("quarkus.management.enabled", "false"));
        assertMentions(added(ManifestChecks.problems(prod, off, topics, topicConfig)), "gateway: quarkus.management.enabled");
    }

    @Test
    void autoscaledDeploymentWithFixedReplicas() {
        assertReported("but HPA gateway scales it", m -> m.find(Deployment.class, "gateway").orElseThrow().getSpec().setReplicas(3));
    }

    @Test
    void contentServiceOpenToOthersThanTheGateway() {
        assertReported("content-service: its HTTP port 8081 must be reachable from the gateway only",
                m -> m.find(NetworkPolicy.class, "content-service").orElseThrow().getSpec().getIngress().get(0).setFrom(List.of()));
        assertReported("no NetworkPolicy selects its pods", m -> m.find(NetworkPolicy.class, "render-service").orElseThrow()
                .getSpec().getPodSelector().setMatchLabels(Map.of("app.kubernetes.io/name", "nothing")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void kafkaListenerOpenToAnyPodOrPlainClients() {
        assertReported("no networkPolicyPeers", m -> ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>)
                single(m.custom("Kafka")).getAdditionalProperties().get("spec")).get("kafka")).get("listeners")).get(0)
                .remove("networkPolicyPeers"));
        assertReported("KAFKA_SECURITY_PROTOCOL=PLAINTEXT", m -> m.find(ConfigMap.class, "gitblog-kafka-client").orElseThrow()
                .getData().put("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"));
        assertReported("KAFKA_SASL_JAAS_CONFIG must come from the Secret of a KafkaUser", m -> container(m, "render-service")
                .getEnv().removeIf(e -> e.getName().equals("KAFKA_SASL_JAAS_CONFIG")));
        assertReported("no KafkaUser of that name", m -> m.custom("KafkaUser").stream()
                .filter(u -> u.getMetadata().getName().equals("gitblog-feed-service")).forEach(u -> u.getMetadata().setName("feed")));
    }

    @Test
    void podMonitorOnThePublicPort() {
        assertReported("not the management port", m -> m.ofType(PodMonitor.class).stream()
                .filter(p -> p.getMetadata().getName().equals("gitblog-services"))
                .forEach(p -> p.getSpec().getPodMetricsEndpoints().get(0).setPort("http")));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static <T> T single(List<T> list) {
        assertEquals(1, list.size(), "expected exactly one: " + list);
        return list.get(0);
    }

    private static void assertReported(String expected, Consumer<TypedManifests> breakIt) {
        TypedManifests broken = prod.copy();
        breakIt.accept(broken);
        assertMentions(added(ManifestChecks.problems(broken, services, topics, topicConfig)), expected);
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
