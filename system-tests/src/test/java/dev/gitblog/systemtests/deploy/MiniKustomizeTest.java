package dev.gitblog.systemtests.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubectl-less fallback on small inputs whose result is worked out by hand. */
class MiniKustomizeTest {

    @Test
    void builtInListsMergeByNameAndNullDeletes() {
        Map<String, Object> base = YamlDocs.parse("""
                spec:
                  replicas: 1
                  containers:
                    - name: a
                      image: x
                      env: [{name: A, value: "1"}, {name: B, value: "2"}]
                    - name: b
                      image: y
                """).get(0);
        Map<String, Object> patch = YamlDocs.parse("""
                spec:
                  replicas: null
                  containers:
                    - name: a
                      env: [{name: B, value: "3"}]
                """).get(0);
        Object merged = MiniKustomize.merge(base, patch, true);
        assertEquals(YamlDocs.parse("""
                spec:
                  containers:
                    - name: a
                      image: x
                      env: [{name: A, value: "1"}, {name: B, value: "3"}]
                    - name: b
                      image: y
                """).get(0), merged);
        assertEquals(1, ((Map<?, ?>) base.get("spec")).get("replicas"), "the base is left alone");
    }

    @Test
    void customResourceListsAreReplaced() {
        Map<String, Object> base = YamlDocs.parse("listeners: [{name: plain, port: 9092}, {name: tls, port: 9093}]").get(0);
        Map<String, Object> patch = YamlDocs.parse("listeners: [{name: plain, port: 9094}]").get(0);
        assertEquals(patch, MiniKustomize.merge(base, patch, false));
    }

    @Test
    void overlayWithNamespacePatchAndImages(@TempDir Path dir) throws IOException {
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.writeString(base.resolve("kustomization.yaml"), "resources: [app.yaml]\n");
        Files.writeString(base.resolve("app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers: [{name: app, image: "ghcr.io/o/app:latest"}, {name: side, image: "ghcr.io/o/side"}]
                ---
                apiVersion: example.org/v1
                kind: Thing
                metadata: {name: thing}
                spec: {size: 1}
                """);
        Path overlay = Files.createDirectories(dir.resolve("overlay"));
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                namespace: ns
                resources: [../base]
                patches:
                  - path: replicas.yaml
                  - path: size.yaml
                    target: {kind: Thing}
                images:
                  - {name: ghcr.io/o/app, newTag: "2.0"}
                  - {name: ghcr.io/o/side, newName: registry.local/side}
                """);
        Files.writeString(overlay.resolve("replicas.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec: {replicas: 3}\n");
        Files.writeString(overlay.resolve("size.yaml"), "apiVersion: example.org/v1\nkind: Thing\nmetadata: {name: ignored}\nspec: {size: 5}\n");

        List<Map<String, Object>> out = MiniKustomize.build(overlay);
        assertEquals(YamlDocs.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app, namespace: ns}
                spec:
                  replicas: 3
                  template:
                    spec:
                      containers: [{name: app, image: "ghcr.io/o/app:2.0"}, {name: side, image: registry.local/side}]
                ---
                apiVersion: example.org/v1
                kind: Thing
                metadata: {name: thing, namespace: ns}
                spec: {size: 5}
                """), out);
    }

    @Test
    void refusesWhatItCannotDo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "commonLabels: {a: b}\nresources: []\n");
        assertThrows(UnsupportedOperationException.class, () -> MiniKustomize.build(dir));
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\npatches: [{path: p.yaml}]\n");
        Files.writeString(dir.resolve("p.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: missing}\n");
        assertThrows(IllegalArgumentException.class, () -> MiniKustomize.build(dir));
    }

    @Test
    void imageReferences() {
        assertEquals(new MiniKustomize.ImageRef("ghcr.io/gitblog/gateway", ":1.0.0"), MiniKustomize.ImageRef.parse("ghcr.io/gitblog/gateway:1.0.0"));
        assertEquals(new MiniKustomize.ImageRef("localhost:5000/app", ""), MiniKustomize.ImageRef.parse("localhost:5000/app"));
        assertEquals(new MiniKustomize.ImageRef("app", "@sha256:ab"), MiniKustomize.ImageRef.parse("app@sha256:ab"));
    }
}
