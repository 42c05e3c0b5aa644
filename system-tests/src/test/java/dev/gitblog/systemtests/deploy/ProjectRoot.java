package dev.gitblog.systemtests.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The root of the work tree, found from the {@code project.root} property or by walking up from the working directory. */
final class ProjectRoot {
    private ProjectRoot() {
    }

    static Path find() {
        String property = System.getProperty("project.root");
        if (property != null && !property.isBlank() && isRoot(Path.of(property))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/kubernetes above " + Path.of("").toAbsolutePath());
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("deploy/kubernetes/base/kustomization.yaml"))
                && Files.isDirectory(dir.resolve("events"));
    }
}
