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
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
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
 * apiVersion and kind, and no field may land in the model's catch-all {@code additionalProperties}: that is
 * where a misspelt field ({@code livenesProbe}) or a field of the wrong type would go unnoticed.
 *
 * <p>Strimzi's custom resources are parsed the same way into Strimzi's own typed model ({@code io.strimzi:api},
 * the release the README installs), only in API version {@code kafka.strimzi.io/v1}, and may set no property
 * that the model marks deprecated (what v1 dropped: {@code spec.kafka.replicas}, {@code spec.zookeeper}, ...).
 * They are kept as {@link GenericKubernetesResource} for the checks, which read them by path.
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
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "monitoring.coreos.com/v1/PodMonitor", PodMonitor.class);

    /** Custom resources of the Strimzi operator (API v1), and their classes in Strimzi's model. */
    static final Map<String, Class<? extends HasMetadata>> STRIMZI = Map.of(
            "kafka.strimzi.io/v1/Kafka", Kafka.class,
            "kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1/KafkaUser", KafkaUser.class);

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
            } else if (STRIMZI.containsKey(type)) {
                GenericKubernetesResource generic = SERIALIZATION.unmarshal(json, GenericKubernetesResource.class);
                String where = type + " " + generic.getMetadata().getName();
                try {
                    HasMetadata typed = SERIALIZATION.unmarshal(json, STRIMZI.get(type));
                    unknownFields(typed, where, problems);
                    // what the model silently drops (an unknown type of a polymorphic field) is missing on the way back
                    lostInModel(doc, SERIALIZATION.convertValue(typed, Map.class), where, problems);
                } catch (RuntimeException e) {
                    problems.add(where + ": does not fit Strimzi's model: " + rootMessage(e));
                }
                out.add(generic);
            } else if (String.valueOf(doc.get("apiVersion")).startsWith("kafka.strimzi.io/")) {
                problems.add("unexpected resource type " + type + " (Strimzi resources are kafka.strimzi.io/v1: the "
                        + "v1beta2 API is gone in Strimzi 1.0)");
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

    /** Reports every value of {@code original} that {@code back} (the typed model written out again) lacks. */
    private static void lostInModel(Object original, Object back, String path, List<String> problems) {
        if (original instanceof Map<?, ?> map) {
            Map<?, ?> other = back instanceof Map<?, ?> m ? m : Map.of();
            // the model keeps the version of its storage API: the document's own apiVersion is checked above
            map.forEach((k, v) -> {
                if (!"apiVersion".equals(k)) {
                    lostInModel(v, other.get(k), path + "." + k, problems);
                }
            });
        } else if (original instanceof List<?> list) {
            List<?> other = back instanceof List<?> l ? l : List.of();
            for (int i = 0; i < list.size(); i++) {
                lostInModel(list.get(i), i < other.size() ? other.get(i) : null, path + "[" + i + "]", problems);
            }
        } else if (original != null && !(Boolean.FALSE.equals(original) && back == null) // false is written as absent
                && (back == null || !String.valueOf(original).equals(String.valueOf(back)))) {
            problems.add(path + ": does not fit Strimzi's model (" + original + " became " + back + ")");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /**
     * Collects every non-empty {@code additionalProperties} of a fabric8 or Strimzi model object tree, and every
     * property set that Strimzi's model marks deprecated.
     */
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
        boolean strimzi = node.getClass().getName().startsWith("io.strimzi.");
        if (!node.getClass().getName().startsWith("io.fabric8.") && !strimzi) {
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
            if (strimzi && set(value) && m.isAnnotationPresent(Deprecated.class)) {
                problems.add(path + "." + field + ": deprecated in Strimzi's model (what its v1 API dropped)");
            }
            walk(value, path + "." + field, problems, seen);
        }
    }

    private static boolean set(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof java.util.Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        return true;
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
