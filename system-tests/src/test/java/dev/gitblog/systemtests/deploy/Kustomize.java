package dev.gitblog.systemtests.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds an overlay with {@code kubectl kustomize}, the Kustomize an operator applies the overlays with
 * ({@code kubectl apply -k}). kubectl is part of the machine images this project builds on; without it the
 * manifest tests fail and say so, instead of checking the output of a second, home-made Kustomize.
 */
final class Kustomize {
    private Kustomize() {
    }

    static List<Map<String, Object>> build(Path dir) {
        return withKubectl(dir);
    }

    static Optional<Path> kubectl() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(entry, "kubectl");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static List<Map<String, Object>> withKubectl(Path dir) {
        Path kubectl = kubectl().orElseThrow(() -> new IllegalStateException(
                "kubectl is not on the PATH: the manifest tests build deploy/kubernetes with `kubectl kustomize` "
                        + "(install kubectl 1.27 or newer)"));
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 2 minutes");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + dir + " failed (" + process.exitValue() + "): "
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return YamlDocs.parse(Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
