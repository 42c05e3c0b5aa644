package dev.gitblog.systemtests.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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
                + "---\napiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata: {name: t}\nspec: {partitions: 3}\n"));
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
}
