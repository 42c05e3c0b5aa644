package dev.gitblog.systemtests.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The built manifests as fabric8 typed model objects. Every document must map to the class expected for its
 * apiVersion and kind (Strimzi custom resources stay {@link GenericKubernetesResource}), and no field may land
 * in the model's catch-all {@code additionalProperties}: that is where a misspelt field
 * ({@code livenesProbe}) or a field of the wrong type would go unnoticed.
 */
final class TypedManifests {
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** apiVersion + "/" + kind of every built-in type the manifests may use, and its model class. */
    static final Map<String, Class<? extends HasMetadata>> TYPED = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "apps/v1/Deployment", Deployment.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    /** Custom resources of the Strimzi operator: no model on the classpath, checked by their fields instead. */
    static final Set<String> STRIMZI = Set.of("kafka.strimzi.io/v1beta2/Kafka", "kafka.strimzi.io/v1beta2/KafkaNodePool",
            "kafka.strimzi.io/v1beta2/KafkaTopic");

    final List<HasMetadata> all;

    private TypedManifests(List<HasMetadata> all) {
        this.all = List.copyOf(all);
    }

    static TypedManifests parse(List<Map<String, Object>> docs) {
        List<HasMetadata> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> doc : docs) {
            String type = doc.get("apiVersion") + "/" + doc.get("kind");
            String json = SERIALIZATION.asJson(doc);
            Class<? extends HasMetadata> expected = TYPED.get(type);
            if (expected != null) {
                Class<? extends KubernetesResource> registered =
                        SERIALIZATION.getRegisteredKubernetesResource((String) doc.get("apiVersion"), (String) doc.get("kind"));
                if (registered != expected) {
                    problems.add(type + ": fabric8 maps it to " + registered + ", expected " + expected.getSimpleName());
                }
                HasMetadata typed = SERIALIZATION.unmarshal(json, expected);
                unknownFields(typed, type + " " + typed.getMetadata().getName(), problems);
                out.add(typed);
            } else if (STRIMZI.contains(type)) {
                GenericKubernetesResource generic = SERIALIZATION.unmarshal(json, GenericKubernetesResource.class);
                unknownFields(generic.getMetadata(), type + " " + generic.getMetadata().getName() + " metadata", problems);
                out.add(generic);
            } else {
                problems.add("unexpected resource type " + type + " (add it to TypedManifests if it is meant to be there)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("manifests that do not fit their typed model:\n  "
                    + String.join("\n  ", problems));
        }
        return new TypedManifests(out);
    }

    /** Collects every non-empty {@code additionalProperties} of a fabric8 model object tree. */
    static void unknownFields(Object root, String where, List<String> problems) {
        walk(root, where, problems, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void walk(Object node, String path, List<String> problems, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", problems, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, problems, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method m : node.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            walk(value, path + "." + field, problems, seen);
        }
    }

    <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return ofType(type).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }

    List<GenericKubernetesResource> custom(String kind) {
        return ofType(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind()))
                .collect(Collectors.toList());
    }

    /** Resources counted by kind, e.g. {@code {Deployment=4, KafkaTopic=4, ...}}. */
    Map<String, Long> countsByKind() {
        return all.stream().collect(Collectors.groupingBy(HasMetadata::getKind, java.util.TreeMap::new, Collectors.counting()));
    }

    /** A deep copy, for tests that break one thing and look for the complaint. */
    TypedManifests copy() {
        return new TypedManifests(all.stream().map(SERIALIZATION::clone).collect(Collectors.toList()));
    }
}
