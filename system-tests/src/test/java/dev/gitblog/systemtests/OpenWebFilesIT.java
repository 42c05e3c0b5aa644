package dev.gitblog.systemtests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The site on the open web (issue 18), on real processes: a blog built by the test with a binary
 * {@code favicon.ico} and a {@code .well-known/security.txt} at its root and no robots.txt; the running
 * system serves both raw, a default {@code /robots.txt} naming the sitemap, and a {@code /sitemap.xml}
 * with one {@code <url>} per page; feedparser reads the per-tag RSS feed.
 */
class OpenWebFilesIT {

    static final Path WORK = LocalSystem.PROJECT_ROOT.resolve("system-tests/target/it/open-web");
    static final int BASE_PORT = 19380;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final byte[] FAVICON = {0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 104, 4, 0, 0, 22, 0, 0, 0,
            (byte) 0x89, (byte) 0xff, 0x7f, 0x1b};
    static final String SECURITY_TXT = "Contact: mailto:security@blog.example.invalid\n"
            + "Expires: 2030-01-01T00:00:00.000Z\n";

    static String article(String title, String tags, String body) {
        return "---\ntitle: " + title + "\nauthor: tester\ntags: " + tags + "\n---\n" + body + "\n";
    }

    static Path buildBlog() throws Exception {
        Path repo = WORK.resolve("blog");
        Files.createDirectories(repo);
        write(repo, ".config/blog_name", "Open web\n");
        write(repo, ".config/index_page", "Posts\n");
        write(repo, ".config/root", "https://blog.example.invalid/\n");
        write(repo, ".config/uuid", "0c9a3a4e-1a0b-4c8f-9d3e-5b6a7c8d9e0f\n");
        write(repo, "About", article("About", "meta", "Who writes here."));
        write(repo, "Posts/First", article("First post", "intro, web", "The first post."));
        write(repo, "Posts/Second", article("Second post", "web", "The second post."));
        write(repo, ".well-known/security.txt", SECURITY_TXT);
        Files.write(repo.resolve("favicon.ico"), FAVICON);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("tester", "tester@example.invalid",
                    Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC);
            git.commit().setMessage("a blog with root files").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        return repo;
    }

    static void write(Path root, String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static HttpResponse<byte[]> get(LocalSystem system, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(system.gateway() + path)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void rootFilesSitemapAndRobotsAreServedByTheRunningSystem() throws Exception {
        SeedBlogSystemIT.deleteTree(WORK);
        Path repo = buildBlog();
        LocalSystem system = LocalSystem.start(repo + "#main", WORK.resolve("data"), BASE_PORT, "open-web-secret",
                Duration.ofMinutes(8));
        try {
            HttpResponse<byte[]> favicon = get(system, "/favicon.ico");
            assertEquals(200, favicon.statusCode(), system::logTails);
            assertArrayEquals(FAVICON, favicon.body(), "served byte for byte");
            assertEquals("image/x-icon", favicon.headers().firstValue("content-type").orElse(""));

            HttpResponse<byte[]> security = get(system, "/.well-known/security.txt");
            assertEquals(200, security.statusCode(), system::logTails);
            assertEquals(SECURITY_TXT, new String(security.body(), StandardCharsets.UTF_8));
            assertTrue(security.headers().firstValue("content-type").orElse("").startsWith("text/plain"));

            HttpResponse<byte[]> robots = get(system, "/robots.txt");
            assertEquals(200, robots.statusCode());
            assertTrue(new String(robots.body(), StandardCharsets.UTF_8)
                    .contains("\nSitemap: https://blog.example.invalid/sitemap.xml\n"));

            HttpResponse<byte[]> sitemap = get(system, "/sitemap.xml");
            assertEquals(200, sitemap.statusCode());
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(sitemap.body()));
            NodeList locs = doc.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "loc");
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < locs.getLength(); i++) {
                urls.add(locs.item(i).getTextContent());
            }
            String root = "https://blog.example.invalid/";
            assertEquals(List.of(root, root + "About", root + "Posts/First", root + "Posts/Second", root + "tags",
                    root + "tags/intro", root + "tags/meta", root + "tags/web"), urls);
            for (String url : urls) {
                String path = "/" + url.substring(root.length());
                assertEquals(200, get(system, path).statusCode(), "every sitemap URL is a page: " + path);
            }

            // the per-tag RSS, read by feedparser (Debian's python3-feedparser, as .ci/run installs it)
            Path py = WORK.resolve("tag-rss.py");
            Files.writeString(py, String.join("\n",
                    "import sys, feedparser",
                    "d = feedparser.parse(sys.argv[1] + '/tags/web/rss.xml')",
                    "assert not d.bozo, d.bozo_exception",
                    "assert d.version == 'rss20', d.version",
                    "print(d.feed.title + '|' + ','.join(sorted(e.title for e in d.entries)))", ""));
            SeedBlogSystemIT.Result r = SeedBlogSystemIT.run(WORK, "/usr/bin/python3", py.toString(), system.gateway());
            assertEquals(0, r.exit(), r.output());
            assertEquals("Open web: web|First post,Second post", r.output().strip());
            assertEquals(200, get(system, "/tags/web/feed.json").statusCode());
        } finally {
            system.close();
        }
        assertEquals(List.of(), system.leftovers(), "no JVM left behind");
    }
}
