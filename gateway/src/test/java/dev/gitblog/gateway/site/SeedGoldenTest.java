package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.FeedDocument;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.RevisionMarker;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The golden test: the seed-blog fixture ({@code ../shared/fixtures/seed-blog/} beside the checkout) fed
 * through the assembler as the other services would send it (entries with the dates of NOTES.md,
 * fragments rendered with commonmark-java plus omd's {@code \n</li>}, an atom document, a marker), the
 * export written to a folder and judged by the fixture's own {@code check.py} (all checks must pass).
 */
@EnabledIf(value = "fixturePresent", disabledReason = "the seed fixture (shared/fixtures/seed-blog) is not beside this checkout")
@QuarkusTest
class SeedGoldenTest {

    static final String REVISION = "8285473";
    static Path fixture;
    static SiteSnapshot snapshot;

    @BeforeAll
    static void assemble() throws IOException {
        fixture = findFixture();
        Map<String, Instant[]> dates = datesFromNotes(Files.readString(fixture.resolve("NOTES.md")));
        Instant head = headCommitTime(Files.readAllLines(fixture.resolve("history.tsv")));
        Parser parser = Parser.builder().build();
        HtmlRenderer renderer = HtmlRenderer.builder().build();

        SiteAssembler assembler = new SiteAssembler();
        Path content = fixture.resolve("content");
        List<String> paths = new ArrayList<>();
        try (Stream<Path> files = Files.walk(content)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String path = content.relativize(file).toString().replace('\\', '/');
                String text = Files.readString(file);
                paths.add(path);
                Entry entry;
                Fragment fragment = null;
                String hash = Integer.toHexString(text.hashCode());
                if (path.startsWith(".config/")) {
                    entry = new Entry(1, path, EntryKind.CONFIG, REVISION, hash, head, head, null, null,
                            new Entry.Config(text.strip()), null, null, List.of());
                } else if (!text.startsWith("---\n")) {
                    assertTrue(text.strip().startsWith("redirect: "), path);
                    entry = new Entry(1, path, EntryKind.REDIRECT, REVISION, hash, head, head, null,
                            new Entry.Redirect(text.strip().substring("redirect: ".length())), null, null, null, List.of());
                } else {
                    int end = text.indexOf("\n---\n", 3);
                    Map<String, String> header = new HashMap<>();
                    for (String line : text.substring(4, end).split("\n")) {
                        int colon = line.indexOf(": ");
                        header.put(line.substring(0, colon), line.substring(colon + 2));
                    }
                    String body = text.substring(end + 5);
                    List<String> tags = header.containsKey("tags")
                            ? Arrays.stream(header.get("tags").split(",")).map(String::strip).toList() : List.of();
                    Instant[] createdUpdated = dates.get(path);
                    assertNotNull(createdUpdated, "NOTES.md has the dates of " + path);
                    entry = new Entry(1, path, EntryKind.ARTICLE, REVISION, hash, createdUpdated[0], createdUpdated[1],
                            new Entry.Article(header.get("title"), header.get("author"), null, header.get("abstract"),
                                    tags, Map.of(), body, "commonmark"), null, null, null, null, List.of());
                    String abstractHtml = header.containsKey("abstract")
                            ? omdLists(renderer.render(parser.parse(header.get("abstract")))) : null;
                    fragment = new Fragment(1, path, REVISION, hash, "test", omdLists(renderer.render(parser.parse(body))),
                            abstractHtml, "", List.of(), List.of(), List.of(), null);
                }
                assembler.entry(path, entry);
                assertTrue(assembler.completeSnapshot().isEmpty(), "no marker yet");
                if (fragment != null) {
                    assembler.fragment(path, fragment);
                }
            }
        }
        assembler.feed("atom", new FeedDocument(1, "atom", REVISION, "application/atom+xml",
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"text\">full stack engineer</title></feed>", 6,
                List.of()));
        assembler.marker(new RevisionMarker(1, "blog", REVISION, null, head, paths, List.of(), paths.size(), head));
        snapshot = assembler.completeSnapshot().orElseThrow(() -> new AssertionError(assembler.status().missing()));
    }

    @Test
    void exportPassesTheFixtureCheck(@TempDir Path dir) throws Exception {
        for (Map.Entry<String, Page> file : snapshot.exportFiles().entrySet()) {
            Path target = dir.resolve(file.getKey());
            assertTrue(target.normalize().startsWith(dir), file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue().body());
        }
        assertEquals(0, runCheck(dir), "check.py must pass every check");
    }

    @Test
    void exportArchiveUnpacksToTheSameFilesAndPassesTheCheck(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream tgz = new ByteArrayOutputStream();
        ExportArchive.write(snapshot, ref -> {
            throw new AssertionError("the fixture has no static files");
        }, tgz);
        Map<String, byte[]> unpacked = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(new ByteArrayInputStream(tgz.toByteArray())))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path target = dir.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(dir), e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    byte[] bytes = tar.readAllBytes();
                    unpacked.put(e.getName(), bytes);
                    Files.createDirectories(target.getParent());
                    Files.write(target, bytes);
                }
            }
        }
        assertEquals(snapshot.exportFiles().keySet(), unpacked.keySet());
        for (Map.Entry<String, byte[]> f : unpacked.entrySet()) {
            assertArrayEquals(snapshot.exportFiles().get(f.getKey()).body(), f.getValue(), f.getKey());
        }
        assertEquals(0, runCheck(dir));
    }

    @Test
    void indexIsThePostsListing() {
        assertArrayEquals(snapshot.page("Posts").orElseThrow().body(), snapshot.page("").orElseThrow().body());
        assertArrayEquals(snapshot.exportFiles().get("Posts/index.html").body(), snapshot.exportFiles().get("index.html").body());
    }

    @Test
    void listingHoldsThePostsNewestFirst() {
        assertEquals(List.of("/Posts/Albatross", "/Posts/Conex", "/Posts/ARP", "/Posts/BottomUp", "/Posts/BadRecordMac"),
                listed("Posts"));
        String listing = SiteAssemblerTest.text(snapshot.page("Posts").orElseThrow());
        // .config/timestamp-listings exists in the fixture (docs/DECISIONS.md Decision 10)
        assertTrue(listing.contains("<span class=\"author\">Written by hannes</span> <time datetime=\"2022-11-17T09:14:05Z\">"
                + "2022-11-17</time><br/><p class=\"list-group-item-text abstract\"><p>fleet management"), listing);
        assertFalse(listing.endsWith("\n"));
        assertTrue(listing.endsWith("</div></div></div></main></body></html>"));
        // 2 + one newline per one-paragraph abstract (docs/FORMAT.md §3.3 line-count rule)
        assertEquals(2 + 5, listing.split("\n", -1).length);
    }

    @Test
    void tagPagesHoldTheirMembers() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("mirageos", List.of("/Posts/Albatross", "/Posts/ARP", "/Posts/BottomUp", "/Posts/BadRecordMac"));
        expected.put("security", List.of("/Posts/Conex", "/Posts/BadRecordMac"));
        expected.put("background", List.of("/Posts/BottomUp", "/About"));
        expected.put("overview", List.of("/Posts/Conex", "/About"));
        expected.put("protocol", List.of("/Posts/ARP"));
        expected.put("deployment", List.of("/Posts/Albatross"));
        expected.put("myself", List.of("/About"));
        expected.put("package signing", List.of("/Posts/Conex"));
        for (Map.Entry<String, List<String>> tag : expected.entrySet()) {
            assertEquals(tag.getValue(), listed("tags/" + tag.getKey()), tag.getKey());
            assertEquals(tag.getValue().size(), snapshot.tags().get(tag.getKey()), tag.getKey());
        }
        assertEquals(expected.size(), snapshot.tags().size());
    }

    @Test
    void navbarAndSiteInfo() {
        assertEquals(List.of("About", "Posts"), snapshot.site().navItems());
        assertEquals("urn:uuid:981361ca-e71d-4997-a52c-baeee78e4156", snapshot.site().feedId());
        assertEquals("https://hannes.robur.coop", snapshot.site().root());
        assertEquals(List.of(), snapshot.site().warnings());
        assertEquals(java.util.Optional.of("/About"), snapshot.redirect("Posts/About"));
        String arp = SiteAssemblerTest.text(snapshot.page("Posts/ARP").orElseThrow());
        assertTrue(arp.contains("<li><a href=\"/About\"><span>About</span></a></li><li><a href=\"/Posts\"><span>Posts"
                + "</span></a></li></ul>"));
        assertTrue(arp.endsWith("\n</article></div></div></main></body></html>"));
    }

    private static List<String> listed(String key) {
        Matcher m = Pattern.compile("<a href=\"([^\"]+)\" class=\"list-group-item\">")
                .matcher(SiteAssemblerTest.text(snapshot.page(key).orElseThrow()));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int runCheck(Path dir) throws Exception {
        Process p = new ProcessBuilder("python3", fixture.resolve("check.py").toString(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "check.py finished");
        assertTrue(output.contains("passed 61/61"), output);
        return p.exitValue();
    }

    /** omd writes tight list items as {@code <li>text\n</li>} (docs/FORMAT.md §4.2; render-service does the same). */
    static String omdLists(String html) {
        return html.replaceAll("(?<!\n)</li>", "\n</li>");
    }

    /** NOTES.md's table "page | created (machine form) | updated | shown". */
    static Map<String, Instant[]> datesFromNotes(String notes) {
        Map<String, Instant[]> out = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\| (\\S+) \\| (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)-00:00 \\| "
                + "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)-00:00 \\|").matcher(notes);
        while (m.find()) {
            out.put(m.group(1), new Instant[]{Instant.parse(m.group(2) + "Z"), Instant.parse(m.group(3) + "Z")});
        }
        assertEquals(6, out.size(), "six articles in NOTES.md's date table");
        return out;
    }

    /** Author date of the last row of history.tsv. */
    static Instant headCommitTime(List<String> rows) {
        String last = rows.stream().filter(r -> !r.isBlank() && !r.startsWith("#")).reduce((a, b) -> b).orElseThrow();
        return OffsetDateTime.parse(last.split("\t")[0]).toInstant();
    }

    static boolean fixturePresent() {
        return findFixture() != null;
    }

    /** {@code shared/fixtures/seed-blog} beside the checkout (CI has the same layout), or -Dseed.blog.dir; null if absent. */
    static Path findFixture() {
        String override = System.getProperty("seed.blog.dir", System.getenv("SEED_BLOG_DIR"));
        if (override != null) {
            return Paths.get(override);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/seed-blog");
            if (Files.isRegularFile(candidate.resolve("check.py"))) {
                return candidate;
            }
        }
        return null;
    }
}
