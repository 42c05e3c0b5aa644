package dev.gitblog.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The seed blog (shared/fixtures/seed-blog) served by the real system: run.sh, a real broker, four
 * JVMs. One system for the whole class (starting it is the expensive part); the tests run in order
 * and the last one changes the repository.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(value = "fixturePresent", disabledReason = "the seed fixture (shared/fixtures/seed-blog) is not beside this checkout")
class SeedBlogSystemIT {

    static final Path FIXTURE = LocalSystem.SHARED.resolve("fixtures/seed-blog");
    static final Path WORK = LocalSystem.PROJECT_ROOT.resolve("system-tests/target/it/seed");
    static final String SECRET = "it-secret-" + UUID.randomUUID();

    LocalSystem system;
    Path repo;

    static boolean fixturePresent() {
        return Files.isRegularFile(FIXTURE.resolve("check.py"));
    }

    @BeforeAll
    void startSystem() throws Exception {
        deleteTree(WORK);
        Files.createDirectories(WORK);
        repo = WORK.resolve("blog-repo");
        Process make = new ProcessBuilder("sh", FIXTURE.resolve("make-repo.sh").toString(), repo.toString())
                .redirectErrorStream(true).start();
        String makeOut = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, make.waitFor(), makeOut);
        system = LocalSystem.start(repo + "#main", WORK.resolve("data"), 17080, SECRET, Duration.ofMinutes(8));
    }

    @AfterAll
    void stopSystem() throws Exception {
        if (system == null) {
            return;
        }
        try {
            int exit = system.interrupt(Duration.ofSeconds(120));
            assertNotEquals(Integer.MIN_VALUE, exit, "run.sh did not stop within 120 s of SIGINT");
            assertEquals(List.of(), system.leftovers().stream().map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                    .toList(), "processes left behind after SIGINT");
        } finally {
            system.close();
        }
    }

    @Test
    @Order(1)
    void readyLineNamesTheSiteAndTheIndexIsTheListing() {
        assertEquals("ready: " + system.gateway() + "/", system.readyLine());
        Response index = given().get(system.gateway() + "/");
        assertEquals(200, index.statusCode(), system::logTails);
        assertEquals("text/html; charset=UTF-8", index.contentType());
        String html = index.asString();
        assertTrue(html.contains("<a class=\"navbar-brand\" href=\"/Posts\">full stack engineer</a>"), html);
        assertTrue(html.contains("<li><a href=\"/About\"><span>About</span></a></li><li><a href=\"/Posts\"><span>Posts</span></a></li>"), html);
        assertArrayEquals(index.asByteArray(), given().get(system.gateway() + "/Posts").asByteArray());
        assertArrayEquals(index.asByteArray(), given().get(system.gateway() + "/Posts/").asByteArray());
    }

    @Test
    @Order(2)
    void staticExportPassesTheSeedCheck() throws Exception {
        Response export = given().get(system.gateway() + "/api/export");
        assertEquals(200, export.statusCode(), export::asString);
        Path tgz = WORK.resolve("export.tar.gz");
        Files.write(tgz, export.asByteArray());
        Path dir = WORK.resolve("export");
        Files.createDirectories(dir);
        assertEquals(0, run(WORK, "tar", "xzf", tgz.toString(), "-C", dir.toString()).exit);
        Result check = run(WORK, "python3", FIXTURE.resolve("check.py").toString(), dir.toString());
        assertEquals(0, check.exit, check.output);
        assertTrue(check.output.contains("passed 61/61"), check.output);
        // the live pages equal the exported files
        for (String page : List.of("About", "Posts/ARP", "Posts/Conex", "index.html", "Posts/index.html", "tags/mirageos", "tags/package signing")) {
            String url = system.gateway() + "/" + page.replace("index.html", "").replace(" ", "%20");
            assertArrayEquals(Files.readAllBytes(dir.resolve(page)), given().urlEncodingEnabled(false).get(url).asByteArray(), page);
        }
    }

    @Test
    @Order(3)
    void liveRoutesRedirectsAndValidators() {
        Response redirect = given().redirects().follow(false).get(system.gateway() + "/Posts/About");
        assertEquals(301, redirect.statusCode());
        assertEquals("/About", redirect.header("Location"));

        Response missing = given().get(system.gateway() + "/nope");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.asString().contains("Not found"));
        assertTrue(missing.asString().contains("full stack engineer"), "404 page in the site's layout");

        given().urlEncodingEnabled(false).get(system.gateway() + "/tags/package%20signing").then().statusCode(200)
                .body(containsString("href=\"/Posts/Conex\""));
        assertEquals(404, given().get(system.gateway() + "/tags/none").statusCode());

        Response arp = given().get(system.gateway() + "/Posts/ARP");
        String etag = arp.header("ETag");
        assertTrue(etag != null && etag.startsWith("\"") && etag.endsWith("\""), "strong quoted ETag: " + etag);
        assertEquals(304, given().header("If-None-Match", etag).get(system.gateway() + "/Posts/ARP").statusCode());
        assertTrue(arp.asString().contains("<span class=\"date\">Published: 2016-07-12 (last updated: 2021-11-19)</span>"));
        assertEquals("application/atom+xml; charset=UTF-8", given().get(system.gateway() + "/atom").contentType());

        // nothing outside the snapshot is reachable
        for (String path : List.of("/..%2F..%2Fetc%2Fpasswd", "/.config/uuid", "/.git/config", "/%2e%2e/%2e%2e/etc/passwd")) {
            int status = given().urlEncodingEnabled(false).get(system.gateway() + path).statusCode();
            assertTrue(status == 400 || status == 404, path + " -> " + status);
        }
    }

    @Test
    @Order(4)
    void feedsAreReadByARealFeedParser() throws Exception {
        // feedparser (Debian's 6.0.10) reads Atom and RSS; it has no JSON Feed support, so feed.json is
        // checked against the JSON Feed 1.1 structure with the json module.
        String script = String.join("\n",
                "import sys, json, urllib.request, feedparser",
                "ok = True",
                "for path in ['atom', 'rss.xml']:",
                "    d = feedparser.parse(sys.argv[1] + '/' + path)",
                "    titles = [e.get('title') for e in d.entries]",
                "    ids = [e.get('id') for e in d.entries]",
                "    print(path, 'bozo=%s' % bool(d.bozo), 'entries=%d' % len(d.entries), 'first=%s' % (titles[0] if titles else None), 'ids=%s' % ','.join(i or '' for i in ids))",
                "    if d.bozo: print('  error:', d.get('bozo_exception')); ok = False",
                "with urllib.request.urlopen(sys.argv[1] + '/feed.json') as r:",
                "    ctype = r.headers.get('Content-Type')",
                "    j = json.load(r)",
                "items = j.get('items', [])",
                "valid = j.get('version') == 'https://jsonfeed.org/version/1.1' and bool(j.get('title')) and all(i.get('id') and (i.get('content_html') is not None) for i in items)",
                "print('feed.json', 'bozo=%s' % (not valid), 'entries=%d' % len(items), 'first=%s' % (items[0].get('title') if items else None), 'ids=%s' % ','.join(i.get('id', '') for i in items), 'type=%s' % ctype)",
                "ok = ok and valid",
                "sys.exit(0 if ok else 1)");
        Path py = WORK.resolve("feeds.py");
        Files.writeString(py, script);
        Result r = run(WORK, "/usr/bin/python3", py.toString(), system.gateway());
        assertEquals(0, r.exit, r.output);
        for (String feed : List.of("atom ", "rss.xml ", "feed.json ")) {
            String line = r.output.lines().filter(l -> l.startsWith(feed)).findFirst().orElse("");
            assertTrue(line.contains("entries=6"), r.output);
            assertTrue(line.contains("first=Deploying reproducible unikernels with albatross"), r.output);
            // Canopy-compatible entry ids (fixture NOTES.md)
            assertTrue(line.contains("urn:uuid:a8b636d2-11af-5f21-818d-b26d47f2fa0f"), r.output);
            assertTrue(line.contains("urn:uuid:5df3be98-e030-59f0-ac7c-af8dc7278045"), r.output);
        }
    }

    @Test
    @Order(5)
    void anArticleRendersInHeadlessChromium() throws Exception {
        Path png = WORK.resolve("Posts-ARP.png");
        String url = system.gateway() + "/Posts/ARP";
        List<String> flags = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + WORK.resolve("chromium-profile"), "--window-size=1280,1000");
        Result shot = run(WORK, concat(List.of("chromium"), flags, List.of("--screenshot=" + png, url)));
        assertTrue(Files.size(png) > 10_000, "screenshot written: " + shot.output);
        BufferedImage image = ImageIO.read(png.toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "the page is not blank: " + colours.size() + " colours");
        Result dom = run(WORK, concat(List.of("chromium"), flags, List.of("--dump-dom", url)));
        assertTrue(dom.output.contains("<h2>Re-engineering ARP</h2>"), dom.output);
        assertTrue(dom.output.contains("<pre><code>| Test | Hashtable | fast | Map | fast |"), "the benchmark table in its code block: " + dom.output);
    }

    @Test
    @Order(6)
    void aSignedPushRepublishesWithinSeconds() throws Exception {
        String nonce = "republished-" + UUID.randomUUID();
        RevCommit commit;
        try (Git git = Git.open(repo.toFile())) {
            Path arp = repo.resolve("Posts/ARP");
            Files.writeString(arp, Files.readString(arp) + "\nThis paragraph was " + nonce + ".\n");
            git.add().addFilepattern("Posts/ARP").call();
            PersonIdent me = new PersonIdent("system test", "it@example.invalid", Instant.now(), ZoneOffset.UTC);
            commit = git.commit().setMessage("system test edit").setAuthor(me).setCommitter(me).setSign(false).call();
        }
        String body = "{\"ref\":\"refs/heads/main\",\"after\":\"" + commit.name() + "\"}";

        // unsigned and wrongly signed hooks are refused
        assertEquals(401, given().body(body).post(system.gateway() + "/hooks/git").statusCode());
        assertEquals(401, given().header("X-Hub-Signature-256", "sha256=" + "0".repeat(64)).body(body)
                .post(system.gateway() + "/hooks/git").statusCode());

        Instant pushed = Instant.now();
        Response hook = given().header("X-Hub-Signature-256", "sha256=" + hmac(SECRET, body))
                .header("Content-Type", "application/json").body(body).post(system.gateway() + "/hooks/git");
        assertTrue(hook.statusCode() / 100 == 2, "hook accepted: " + hook.statusCode() + " " + hook.asString());

        Instant deadline = Instant.now().plusSeconds(60);
        Response page;
        do {
            TimeUnit.MILLISECONDS.sleep(100);
            page = given().get(system.gateway() + "/Posts/ARP");
        } while (!page.asString().contains(nonce) && Instant.now().isBefore(deadline));
        assertTrue(page.asString().contains("This paragraph was " + nonce + "."), system::logTails);
        assertEquals(commit.name(), page.header("X-Blog-Revision"));
        System.out.printf("republish after a signed push: %d ms%n", Duration.between(pushed, Instant.now()).toMillis());
        // the listing and the feed moved to the same revision
        assertEquals(commit.name(), given().get(system.gateway() + "/Posts").header("X-Blog-Revision"));
        assertFalse(given().get(system.gateway() + "/atom").asString().isEmpty());
    }

    // --- helpers ---------------------------------------------------------------------------------

    record Result(int exit, String output) {
    }

    static Result run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, List.of(command));
    }

    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out + "\n(timed out)");
        }
        return new Result(p.exitValue(), out);
    }

    @SafeVarargs
    static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }

    static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
