package dev.gitblog.content.transport;

import dev.gitblog.content.testing.TestRepo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** What the two remote resources share: the author's repository and the service's configuration. */
final class RemoteResource {

    static final String HOOK_SECRET = "hook-s3cret";

    private RemoteResource() {
    }

    /** A repository with two articles (branch main) under {@code root/blog}. */
    static Path authorRepo(Path root) throws Exception {
        Path repo = root.resolve("blog");
        try (TestRepo r = TestRepo.init(repo)) {
            r.write("Posts/First", "---\ntitle: First\nauthor: a\n---\none\n")
                    .write(".config/blog_name", "remote blog\n")
                    .commit("2021-01-01T10:00:00+01:00");
            r.write("Posts/Second", "---\ntitle: Second\nauthor: a\n---\ntwo\n").commit("2021-02-01T10:00:00Z");
        }
        return repo;
    }

    /**
     * The service's configuration, with a log file at DEBUG for this service and JGit, so that the tests can
     * check that no secret is ever written.
     */
    static Map<String, String> config(Path root, String repoUrl, Path repo, Path control, String good, String bad,
                                      String secret) {
        Map<String, String> c = new HashMap<>();
        c.put("blog.repo", repoUrl + "#main");
        c.put("blog.data", root.resolve("data").toString());
        c.put("blog.hook-secret", HOOK_SECRET);
        c.put("quarkus.log.file.enabled", "true");
        c.put("quarkus.log.file.path", root.resolve("service.log").toString());
        c.put("quarkus.log.file.level", "DEBUG");
        c.put("quarkus.log.file.rotation.max-file-size", "512M");
        c.put("quarkus.log.category.\"dev.gitblog\".level", "DEBUG");
        c.put("quarkus.log.category.\"org.eclipse.jgit\".level", "DEBUG");
        c.put("test.remote.repo", repo.toString());
        c.put("test.remote.control", control.toString());
        c.put("test.remote.good", good);
        c.put("test.remote.bad", bad);
        c.put("test.remote.secret", secret);
        c.put("test.remote.log", root.resolve("service.log").toString());
        return c;
    }

    static Path tempRoot(String name) throws Exception {
        return Files.createTempDirectory(name);
    }
}
