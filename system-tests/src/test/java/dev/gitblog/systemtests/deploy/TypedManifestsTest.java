package dev.gitblog.systemtests.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed parse rejects what a YAML parser alone would let through. */
class TypedManifestsTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app}
            spec:
              selector: {matchLabels: {app: x}}
              template:
                metadata: {labels: {app: x}}
                spec:
                  containers:
                    - name: app
                      image: app
                      %s
            """;

    @Test
    void typedAndCustomResources() {
        TypedManifests m = TypedManifests.parse(YamlDocs.parse(DEPLOYMENT.formatted("livenessProbe: {httpGet: {path: /q/health/live, port: 8080}}")
                + "---\napiVersion: kafka.strimzi.io/v1\nkind: KafkaTopic\nmetadata: {name: t}\nspec: {partitions: 3}\n"));
        assertInstanceOf(Deployment.class, m.all.get(0));
        assertEquals("/q/health/live", m.ofType(Deployment.class).get(0).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getLivenessProbe().getHttpGet().getPath());
        GenericKubernetesResource topic = m.custom("KafkaTopic").get(0);
        assertEquals(3, topic.<Integer>get("spec", "partitions"));
    }

    @Test
    void misspeltFieldIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TypedManifests.parse(
                YamlDocs.parse(DEPLOYMENT.formatted("livenesProbe: {httpGet: {path: /q/health/live, port: 8080}}"))));
        assertTrue(e.getMessage().contains("livenesProbe"), e.getMessage());
    }

    @Test
    void unknownTypeOrVersionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TypedManifests.parse(
                YamlDocs.parse(DEPLOYMENT.formatted("ports: [{containerPort: 8080}]").replace("apps/v1", "apps/v1beta1"))));
        assertTrue(e.getMessage().contains("apps/v1beta1/Deployment"), e.getMessage());
    }

    private static final String KAFKA = """
            apiVersion: kafka.strimzi.io/%s
            kind: Kafka
            metadata: {name: k}
            spec:
              kafka:
                listeners:
                  - {name: tls, port: 9093, type: internal, tls: true, authentication: {type: scram-sha-512}}
                %s
              entityOperator: {topicOperator: {}}
            """;

    @Test
    void strimziResourcesFitStrimzisModel() {
        TypedManifests m = TypedManifests.parse(YamlDocs.parse(KAFKA.formatted("v1", "config: {min.insync.replicas: 1}")));
        List<Map<String, Object>> listeners = m.custom("Kafka").get(0).get("spec", "kafka", "listeners");
        assertEquals(Map.of("type", "scram-sha-512"), listeners.get(0).get("authentication"));
    }

    @Test
    void misspeltStrimziFieldIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TypedManifests.parse(YamlDocs.parse(KAFKA.formatted("v1", "confg: {min.insync.replicas: 1}"))));
        assertTrue(e.getMessage().contains("confg"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TypedManifests.parse(YamlDocs.parse(
                KAFKA.formatted("v1", "config: {}").replace("scram-sha-512", "scram-sha-999"))));
        assertTrue(e.getMessage().contains("Strimzi's model"), e.getMessage());
    }

    @Test
    void oldStrimziApiOrWhatV1DroppedIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TypedManifests.parse(YamlDocs.parse(KAFKA.formatted("v1beta2", "config: {}"))));
        assertTrue(e.getMessage().contains("kafka.strimzi.io/v1beta2/Kafka"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TypedManifests.parse(YamlDocs.parse(KAFKA.formatted("v1", "replicas: 3"))));
        assertTrue(e.getMessage().contains("replicas") && e.getMessage().contains("deprecated"), e.getMessage());
    }
}
