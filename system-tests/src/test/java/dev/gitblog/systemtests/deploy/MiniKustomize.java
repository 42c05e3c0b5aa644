package dev.gitblog.systemtests.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of Kustomize that deploy/kubernetes uses, for machines without kubectl: {@code resources}
 * (files and directories with a kustomization.yaml), {@code patches} (strategic-merge patch files, optionally
 * with a kind/name {@code target}), {@code namespace} and {@code images}. Anything else in a kustomization
 * is refused, so that the overlays cannot silently outgrow it; where kubectl exists, a test checks that both
 * give the same resources.
 *
 * <p>Merge rules (those of Kustomize for what the overlays do): maps merge key by key, a {@code null}
 * deletes; in built-in kinds a list whose items all have a {@code name} merges item by item (containers,
 * env, volumes), any other list is replaced; custom resources (Strimzi) get a plain JSON merge patch.
 */
final class MiniKustomize {
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "patches", "namespace", "images");
    private static final Set<String> STRATEGIC_GROUPS = Set.of("", "apps", "batch", "networking.k8s.io", "autoscaling", "policy");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "ClusterIssuer", "IngressClass");

    private MiniKustomize() {
    }

    static List<Map<String, Object>> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        Map<String, Object> k = YamlDocs.readOne(file);
        for (String key : k.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new UnsupportedOperationException(file + ": '" + key + "' is not supported by the kubectl-less "
                        + "fallback (MiniKustomize); supported: " + SUPPORTED);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object r : list(k.get("resources"))) {
            Path p = dir.resolve((String) r).normalize();
            out.addAll(Files.isDirectory(p) ? build(p) : YamlDocs.read(p));
        }
        for (Object o : list(k.get("patches"))) {
            Map<String, Object> patchRef = map(o);
            Object target = patchRef.get("target");
            for (Map<String, Object> patch : YamlDocs.read(dir.resolve((String) patchRef.get("path")))) {
                applyPatch(out, patch, target == null ? null : map(target), dir);
            }
        }
        if (k.get("namespace") instanceof String ns) {
            for (Map<String, Object> r : out) {
                if (!CLUSTER_SCOPED.contains(r.get("kind"))) {
                    map(r.computeIfAbsent("metadata", x -> new LinkedHashMap<>())).put("namespace", ns);
                }
            }
        }
        for (Object o : list(k.get("images"))) {
            Map<String, Object> image = map(o);
            for (Map<String, Object> r : out) {
                setImages(r, image);
            }
        }
        return out;
    }

    private static void applyPatch(List<Map<String, Object>> resources, Map<String, Object> patch,
            Map<String, Object> target, Path dir) {
        String kind = (String) (target != null ? target.get("kind") : patch.get("kind"));
        String name = (String) (target != null ? target.get("name") : map(patch.get("metadata")).get("name"));
        Map<String, Object> body = new LinkedHashMap<>(patch);
        if (target != null) {
            body.remove("metadata"); // the target selects; the patch's own name does not matter
        }
        int matched = 0;
        for (int i = 0; i < resources.size(); i++) {
            Map<String, Object> r = resources.get(i);
            if (kind != null && !kind.equals(r.get("kind"))) {
                continue;
            }
            if (name != null && !name.equals(map(r.get("metadata")).get("name"))) {
                continue;
            }
            resources.set(i, map(merge(r, body, isStrategic(r))));
            matched++;
        }
        if (matched == 0) {
            throw new IllegalArgumentException(dir + ": a patch matches no resource: " + kind + "/" + name);
        }
    }

    private static boolean isStrategic(Map<String, Object> resource) {
        String apiVersion = (String) resource.get("apiVersion");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return STRATEGIC_GROUPS.contains(group);
    }

    /** Merges {@code patch} into {@code base} without modifying either. */
    static Object merge(Object base, Object patch, boolean strategic) {
        if (patch instanceof Map<?, ?> pm) {
            Map<String, Object> result = base instanceof Map<?, ?> bm ? copyMap(bm) : new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : pm.entrySet()) {
                String key = (String) e.getKey();
                if (e.getValue() == null) {
                    result.remove(key);
                } else {
                    result.put(key, merge(result.get(key), e.getValue(), strategic));
                }
            }
            return result;
        }
        if (strategic && patch instanceof List<?> pl && base instanceof List<?> bl && allNamed(pl) && allNamed(bl)) {
            List<Object> result = new ArrayList<>();
            bl.forEach(item -> result.add(copy(item)));
            for (Object item : pl) {
                Object name = ((Map<?, ?>) item).get("name");
                int at = -1;
                for (int i = 0; i < result.size(); i++) {
                    if (name.equals(((Map<?, ?>) result.get(i)).get("name"))) {
                        at = i;
                    }
                }
                if (at >= 0) {
                    result.set(at, merge(result.get(at), item, true));
                } else {
                    result.add(merge(null, item, true));
                }
            }
            return result;
        }
        return stripNulls(copy(patch));
    }

    private static Object stripNulls(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> result = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (v != null) {
                    result.put((String) k, stripNulls(v));
                }
            });
            return result;
        }
        if (value instanceof List<?> l) {
            List<Object> result = new ArrayList<>();
            l.forEach(v -> result.add(stripNulls(v)));
            return result;
        }
        return value;
    }

    private static boolean allNamed(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") != null);
    }

    private static void setImages(Map<String, Object> resource, Map<String, Object> image) {
        Object spec = resource.get("spec");
        Object podSpec = spec instanceof Map<?, ?> s && s.get("template") instanceof Map<?, ?> t ? t.get("spec") : spec;
        if (!(podSpec instanceof Map<?, ?> ps)) {
            return;
        }
        for (String field : List.of("initContainers", "containers")) {
            if (!(ps.get(field) instanceof List<?> containers)) {
                continue;
            }
            for (Object c : containers) {
                Map<String, Object> container = map(c);
                if (!(container.get("image") instanceof String current)) {
                    continue;
                }
                ImageRef ref = ImageRef.parse(current);
                if (!ref.name().equals(image.get("name"))) {
                    continue;
                }
                String name = image.get("newName") instanceof String n ? n : ref.name();
                String suffix;
                if (image.get("digest") instanceof String digest) {
                    suffix = "@" + digest;
                } else if (image.get("newTag") != null) {
                    suffix = ":" + image.get("newTag");
                } else {
                    suffix = ref.suffix();
                }
                container.put("image", name + suffix);
            }
        }
    }

    /** An image reference split into its name and its {@code :tag} or {@code @digest} suffix. */
    record ImageRef(String name, String suffix) {
        static ImageRef parse(String image) {
            int at = image.indexOf('@');
            if (at >= 0) {
                return new ImageRef(image.substring(0, at), image.substring(at));
            }
            int colon = image.lastIndexOf(':');
            if (colon > image.lastIndexOf('/')) {
                return new ImageRef(image.substring(0, colon), image.substring(colon));
            }
            return new ImageRef(image, "");
        }
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            return copyMap(m);
        }
        if (value instanceof List<?> l) {
            List<Object> result = new ArrayList<>();
            l.forEach(v -> result.add(copy(v)));
            return result;
        }
        return value;
    }

    private static Map<String, Object> copyMap(Map<?, ?> m) {
        Map<String, Object> result = new LinkedHashMap<>();
        m.forEach((k, v) -> result.put((String) k, copy(v)));
        return result;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected a mapping, found " + value);
        }
        return (Map<String, Object>) value;
    }
}
