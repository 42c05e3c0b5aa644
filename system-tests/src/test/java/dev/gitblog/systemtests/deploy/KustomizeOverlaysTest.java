package dev.gitblog.systemtests.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both overlays build, every resource fits its typed model, and each overlay has the shape issue 7 asks for. */
class KustomizeOverlaysTest {

    private static final Map<String, Long> COMMON = Map.of("ConfigMap", 4L, "Deployment", 4L, "Service", 4L,
            "PersistentVolumeClaim", 1L, "Ingress", 1L, "Kafka", 1L, "KafkaNodePool", 1L, "KafkaTopic", 4L);

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayBuildsIntoTypedResourcesInItsOwnNamespace(String overlay) {
        TypedManifests m = DeployFixture.build(overlay);
        String namespace = overlay.equals("prod") ? "gitblog" : "gitblog-dev";
        for (HasMetadata r : m.all) {
            assertEquals(namespace, r.getMetadata().getNamespace(), r.getKind() + " " + r.getMetadata().getName());
        }
        assertEquals(m.all.size(), m.all.stream().map(r -> r.getKind() + "/" + r.getMetadata().getName()).distinct().count(),
                "a resource appears twice");
    }

    @Test
    void devIsOneReplicaOfEverythingOnEphemeralKafka() {
        TypedManifests m = DeployFixture.build("dev");
        assertEquals(new TreeMap<>(COMMON), m.countsByKind());
        for (Deployment d : m.ofType(Deployment.class)) {
            assertEquals(1, d.getSpec().getReplicas(), d.getMetadata().getName());
        }
        GenericKubernetesResource pool = single(m.custom("KafkaNodePool"));
        assertEquals(1, ((Number) pool.get("spec", "replicas")).intValue());
        assertEquals("ephemeral", pool.get("spec", "storage", "type"));
        assertEquals(1, ((Number) single(m.custom("Kafka")).get("spec", "kafka", "config", "default.replication.factor")).intValue(),
                "one broker cannot hold more than one replica");
    }

    @Test
    void prodScalesTheGatewayAndRenderServiceOnPersistentKafka() {
        TypedManifests m = DeployFixture.build("prod");
        Map<String, Long> expected = new TreeMap<>(COMMON);
        expected.put("HorizontalPodAutoscaler", 2L);
        expected.put("PodDisruptionBudget", 1L);
        assertEquals(expected, m.countsByKind());

        Map<String, Integer> replicas = m.ofType(Deployment.class).stream()
                .collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> d.getSpec().getReplicas(), (a, b) -> a, TreeMap::new));
        assertEquals(Map.of("content-service", 1, "render-service", 2, "feed-service", 1, "gateway", 3), replicas);

        Deployment gateway = m.find(Deployment.class, "gateway").orElseThrow();
        var anti = gateway.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
        assertNotNull(anti, "gateway replicas should spread over nodes");
        var term = anti.getPreferredDuringSchedulingIgnoredDuringExecution().get(0).getPodAffinityTerm();
        assertEquals("kubernetes.io/hostname", term.getTopologyKey());
        assertEquals(Map.of("app.kubernetes.io/name", "gateway"), term.getLabelSelector().getMatchLabels());

        PodDisruptionBudget pdb = single(m.ofType(PodDisruptionBudget.class));
        assertEquals(Map.of("app.kubernetes.io/name", "gateway"), pdb.getSpec().getSelector().getMatchLabels());
        int minAvailable = pdb.getSpec().getMinAvailable().getIntVal();
        assertTrue(minAvailable >= 1 && minAvailable < gateway.getSpec().getReplicas(),
                "a PDB that allows no disruption blocks node drains: minAvailable " + minAvailable);

        Map<String, HorizontalPodAutoscaler> hpas = m.ofType(HorizontalPodAutoscaler.class).stream()
                .collect(Collectors.toMap(h -> h.getSpec().getScaleTargetRef().getName(), h -> h));
        assertEquals(List.of("gateway", "render-service"), hpas.keySet().stream().sorted().collect(Collectors.toList()));
        assertEquals(3, hpas.get("gateway").getSpec().getMinReplicas());
        assertEquals(2, hpas.get("render-service").getSpec().getMinReplicas());

        GenericKubernetesResource pool = single(m.custom("KafkaNodePool"));
        assertEquals(3, ((Number) pool.get("spec", "replicas")).intValue());
        assertEquals("jbod", pool.get("spec", "storage", "type"));
        List<Map<String, Object>> volumes = pool.get("spec", "storage", "volumes");
        assertFalse(volumes.isEmpty());
        for (Map<String, Object> volume : volumes) {
            assertEquals("persistent-claim", volume.get("type"));
            assertEquals(Boolean.FALSE, volume.get("deleteClaim"), "deleting the pool must not delete the data");
        }
        assertEquals(3, ((Number) single(m.custom("Kafka")).get("spec", "kafka", "config", "default.replication.factor")).intValue());

        for (Deployment d : m.ofType(Deployment.class)) {
            String image = d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
            assertFalse(image.endsWith(":latest"), "prod pins its images: " + image);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void fallbackAssemblerBuildsEveryOverlayIntoTypedResources(String overlay) {
        TypedManifests m = TypedManifests.parse(MiniKustomize.build(DeployFixture.overlay(overlay)));
        assertEquals(DeployFixture.SERVICES.size(), m.ofType(Deployment.class).size());
    }

    /** Keeps the kubectl-less fallback honest: on machines with kubectl, both must give the same resources. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void fallbackAssemblerAgreesWithKubectl(String overlay) {
        assumeTrue(Kustomize.kubectl().isPresent(), "kubectl is not on the PATH");
        assertEquals(byIdentity(Kustomize.withKubectl(DeployFixture.overlay(overlay))),
                byIdentity(MiniKustomize.build(DeployFixture.overlay(overlay))));
    }

    private static Map<String, Map<String, Object>> byIdentity(List<Map<String, Object>> docs) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> doc : docs) {
            Map<?, ?> meta = (Map<?, ?>) doc.get("metadata");
            String key = doc.get("apiVersion") + "/" + doc.get("kind") + " " + meta.get("namespace") + "/" + meta.get("name");
            assertEquals(null, out.put(key, doc), "twice: " + key);
        }
        return out;
    }

    private static <T> T single(List<T> list) {
        assertEquals(1, list.size(), "expected exactly one: " + list);
        return list.get(0);
    }
}
