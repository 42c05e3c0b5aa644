package dev.gitblog.systemtests.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static final Map<String, Long> COMMON = Map.ofEntries(Map.entry("ConfigMap", 6L), Map.entry("Deployment", 4L),
            Map.entry("Service", 4L), Map.entry("PersistentVolumeClaim", 1L), Map.entry("Ingress", 1L), Map.entry("Kafka", 1L),
            Map.entry("KafkaNodePool", 1L), Map.entry("KafkaTopic", 4L), Map.entry("KafkaUser", 4L),
            Map.entry("NetworkPolicy", 4L));

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
            Integer replicas = d.getSpec().getReplicas();
            assertTrue(replicas == null || replicas == 1, d.getMetadata().getName() + ": " + replicas + " (no replicas is 1)");
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
        expected.put("PodMonitor", 2L);
        assertEquals(expected, m.countsByKind());

        // the HPAs alone set the gateway's and render-service's counts: a replicas field would fight them
        Map<String, String> replicas = m.ofType(Deployment.class).stream()
                .collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> String.valueOf(d.getSpec().getReplicas()),
                        (a, b) -> a, TreeMap::new));
        assertEquals(Map.of("content-service", "1", "render-service", "null", "feed-service", "1", "gateway", "null"), replicas);

        Deployment gateway = m.find(Deployment.class, "gateway").orElseThrow();
        var anti = gateway.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
        assertNotNull(anti, "gateway replicas should spread over nodes");
        var term = anti.getPreferredDuringSchedulingIgnoredDuringExecution().get(0).getPodAffinityTerm();
        assertEquals("kubernetes.io/hostname", term.getTopologyKey());
        assertEquals(Map.of("app.kubernetes.io/name", "gateway"), term.getLabelSelector().getMatchLabels());

        PodDisruptionBudget pdb = single(m.ofType(PodDisruptionBudget.class));
        assertEquals(Map.of("app.kubernetes.io/name", "gateway"), pdb.getSpec().getSelector().getMatchLabels());
        int minAvailable = pdb.getSpec().getMinAvailable().getIntVal();
        HorizontalPodAutoscaler gatewayHpa = m.ofType(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals("gateway")).findFirst().orElseThrow();
        assertTrue(minAvailable >= 1 && minAvailable < gatewayHpa.getSpec().getMinReplicas(),
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

    private static <T> T single(List<T> list) {
        assertEquals(1, list.size(), "expected exactly one: " + list);
        return list.get(0);
    }
}
