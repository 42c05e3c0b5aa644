package dev.gitblog.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitblog.events.Entry;
import dev.gitblog.events.FeedDocument;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.RevisionMarker;
import dev.gitblog.gateway.events.PipelineEvents;
import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.site.Page;
import dev.gitblog.gateway.site.SiteAssembler;
import dev.gitblog.gateway.site.SiteSnapshot;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import jakarta.inject.Inject;
import nu.validator.client.EmbeddedValidator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pages composed by the real {@link SiteAssembler} (the "site" half) and served by the routes: the Nu
 * HTML Checker on every page kind, live pages equal to the exported files, and two replicas fed the
 * same events in different orders composing byte-identical pages and ETags.
 */
@QuarkusTest
@WithTestResource(FakeContentService.class)
class ComposedSiteTest {

    private static final Logger LOG = Logger.getLogger(ComposedSiteTest.class);

    /**
     * Errors the seed's own listing markup causes (docs/FORMAT.md §3.3: the abstract's {@code <p>} inside
     * {@code <p class="list-group-item-text abstract">}): the inner start tag closes the outer paragraph,
     * and its end tag then has no open paragraph. Byte fidelity to the seed wins; every other error fails.
     */
    static final String SEED_P_IN_P = "No “p” element in scope but a “p” end tag seen.";

    /**
     * The seed writes tag URLs with raw spaces ({@code href="/tags/package signing"}, docs/FORMAT.md §3.1 and
     * docs/DECISIONS.md Decision 12), which the checker reports as an invalid URL. Kept for byte fidelity with the seed.
     */
    static final String SEED_RAW_SPACE = "Illegal character in path segment: space is not allowed.";

    @Inject
    SnapshotHolder holder;

    SiteSnapshot snapshot;

    static final String R = "c1";

    /** A blog with the awkward cases: hostile title, tags with spaces and slashes, abstracts, a static file. */
    static List<Object> events() {
        List<Entry> entries = new ArrayList<>(List.of(
                PipelineEvents.config("blog_name", "Blog \"quoted\" & <b>bold</b>", R),
                PipelineEvents.config("index_page", "Posts", R),
                PipelineEvents.config("root", "https://example.org", R),
                PipelineEvents.config("uuid", "981361ca-e71d-4997-a52c-baeee78e4156", R),
                PipelineEvents.config("timestamp-listings", "", R),
                PipelineEvents.article("Posts/ARP", "Re-engineering ARP", List.of("mirageos", "protocol"),
                        "ARP *again*", R, "h-arp", PipelineEvents.T1, PipelineEvents.T2),
                PipelineEvents.article("Posts/Evil", "<script>alert('x')</script> & \"quotes\"",
                        List.of("package signing", "a/b", "../../etc"), "evil", R, "h-evil", PipelineEvents.T2,
                        PipelineEvents.T3),
                PipelineEvents.article("About", "About", List.of("background"), null, R, "h-about",
                        PipelineEvents.T1, PipelineEvents.T1),
                PipelineEvents.redirect("Posts/About", "/About", R),
                PipelineEvents.asset("static/css/style.css", TestSnapshots.CSS_HASH, "text/css",
                        TestSnapshots.CSS.length(), R)));
        List<Object> all = new ArrayList<>(entries);
        for (Entry e : entries) {
            if (e.article() != null) {
                all.add(PipelineEvents.fragment(e, "<h2>Section</h2>\n<p>Text of " + e.path()
                        + " with &quot;quotes&quot;.</p>\n<ul>\n<li>one\n</li>\n<li>two\n</li>\n</ul>\n"
                        + "<pre><code class=\"language-OCaml\">let x = 1\n</code></pre>\n"));
            }
        }
        all.add(PipelineEvents.atom(R));
        all.add(PipelineEvents.marker(R, null, entries.stream().map(Entry::path).toList(), List.of(),
                entries.size(), PipelineEvents.T3));
        return all;
    }

    static SiteSnapshot assemble(List<Object> events) {
        return assemble(new SiteAssembler(), events);
    }

    /** Hands every event to {@code assembler} in order and returns the complete snapshot. */
    static SiteSnapshot assemble(SiteAssembler assembler, List<Object> events) {
        for (Object o : events) {
            if (o instanceof Entry e) {
                assembler.entry(e.path(), e);
            } else if (o instanceof Fragment f) {
                assembler.fragment(f.path(), f);
            } else if (o instanceof FeedDocument d) {
                assembler.feed(d.feedPath(), d);
            } else if (o instanceof RevisionMarker m) {
                assembler.marker(m);
            }
        }
        return assembler.completeSnapshot().orElseThrow(() ->
                new AssertionError("not complete: " + assembler.status().missing()));
    }

    @BeforeEach
    void serve() {
        snapshot = assemble(events());
        holder.swap(snapshot);
    }

    private static byte[] get(String path) {
        return given().config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .urlEncodingEnabled(false).get(path).then().extract().asByteArray();
    }

    /** Validation errors of a page, with the seed's known ones removed and counted. */
    static List<String> errors(byte[] html, String name, int[] seedErrors) throws Exception {
        EmbeddedValidator validator = new EmbeddedValidator();
        validator.setOutputFormat(EmbeddedValidator.OutputFormat.JSON);
        validator.setNoLangDetect(true);
        String json = validator.validate(new ByteArrayInputStream(html));
        JsonNode messages = new ObjectMapper().readTree(json).path("messages");
        List<String> errors = new ArrayList<>();
        for (JsonNode m : messages) {
            String type = m.path("type").asText();
            if (type.equals("error") || type.equals("non-document-error")) {
                String text = m.path("message").asText();
                if (text.equals(SEED_P_IN_P)) {
                    seedErrors[0]++;
                } else if (text.startsWith("Bad value “/tags/") && text.endsWith(SEED_RAW_SPACE)
                        && text.contains(" ") && m.path("extract").asText().contains("href=\"/tags/")) {
                    seedErrors[1]++;
                } else {
                    errors.add(name + ": " + text + " [" + m.path("extract").asText() + "]");
                }
            }
        }
        return errors;
    }

    @Test
    void everyPageKindPassesTheHtmlChecker() throws Exception {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("article", "/Posts/ARP");
        kinds.put("article with hostile title and tags", "/Posts/Evil");
        kinds.put("article without abstract", "/About");
        kinds.put("listing", "/Posts");
        kinds.put("index", "/");
        kinds.put("tag page", "/tags/mirageos");
        kinds.put("tag page of a tag with a slash", "/tags/a%2Fb");
        kinds.put("tag overview", "/tags");
        kinds.put("404", "/no/such/page");
        List<String> errors = new ArrayList<>();
        Map<String, Integer> seedErrorsByKind = new TreeMap<>();
        Map<String, Integer> rawSpacesByKind = new TreeMap<>();
        for (Map.Entry<String, String> kind : kinds.entrySet()) {
            int[] seed = {0, 0};
            errors.addAll(errors(get(kind.getValue()), kind.getKey(), seed));
            seedErrorsByKind.put(kind.getKey(), seed[0]);
            rawSpacesByKind.put(kind.getKey(), seed[1]);
        }
        assertEquals(List.of(), errors);
        // the seed's p-in-p appears exactly once per listed article that has an abstract, nowhere else
        assertEquals(0, seedErrorsByKind.get("article"));
        assertEquals(0, seedErrorsByKind.get("tag overview"));
        assertEquals(0, seedErrorsByKind.get("404"));
        assertEquals(2, seedErrorsByKind.get("listing"));
        assertEquals(1, seedErrorsByKind.get("tag page"));
        // the raw space: only where a tag with a space is linked (the Evil article and the overview)
        assertEquals(1, rawSpacesByKind.get("article with hostile title and tags"));
        assertEquals(1, rawSpacesByKind.get("tag overview"));
        assertEquals(0, rawSpacesByKind.get("article"));
        LOG.infof("Nu HTML Checker: no errors except the seed's own markup: <p> in <p> of listing entries %s,"
                + " raw spaces in tag hrefs %s", seedErrorsByKind, rawSpacesByKind);
    }

    @Test
    void hostileTextIsEscapedInEveryPage() {
        String evil = new String(get("/Posts/Evil"), java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(evil.contains("<script>alert"), evil);
        assertTrue(evil.contains("&lt;script&gt;"), evil);
        String listing = new String(get("/Posts"), java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(listing.contains("<script>alert"));
        assertFalse(listing.contains("<b>bold</b>"));
    }

    @Test
    void livePagesEqualTheExportedFiles() throws Exception {
        byte[] tgz = get("/api/export");
        Map<String, byte[]> files = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(new ByteArrayInputStream(tgz)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isFile()) {
                    files.put(e.getName(), tar.readAllBytes());
                }
            }
        }
        assertTrue(files.containsKey("index.html") && files.containsKey("Posts/index.html")
                && files.containsKey("Posts/ARP") && files.containsKey("atom"), files.keySet().toString());
        assertFalse(files.containsKey("Posts/About"));
        assertFalse(files.containsKey("tags/index.html"));
        assertFalse(files.keySet().stream().anyMatch(n -> n.startsWith(".config")
                || List.of(n.split("/")).contains("..") || List.of(n.split("/")).contains(".")), files.keySet().toString());
        assertTrue(files.containsKey("tags/a%2Fb") && files.containsKey("tags/..%2F..%2Fetc"), files.keySet().toString());
        int compared = 0;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String name = f.getKey();
            if (name.startsWith("static/")) {
                continue;
            }
            String url = name.equals("index.html") ? "/"
                    : name.endsWith("/index.html") ? "/" + name.substring(0, name.length() - "/index.html".length())
                    : "/" + name;
            // a tag file is named by TagPaths.segment, which is also its URL path segment
            url = url.replace(" ", "%20");
            assertArrayEquals(f.getValue(), get(url), name + " differs from GET " + url);
            compared++;
        }
        assertTrue(compared >= 8, "compared only " + compared);
        assertArrayEquals(TestSnapshots.CSS.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                files.get("static/css/style.css"));
    }

    @Test
    void replicasComposeByteIdenticalPagesWhateverTheEventOrder() {
        List<Object> reversed = new ArrayList<>(events());
        Object marker = reversed.remove(reversed.size() - 1);
        Collections.reverse(reversed);
        reversed.add(0, marker);
        SiteSnapshot other = assemble(reversed);
        assertEquals(snapshot.pages().keySet(), other.pages().keySet());
        for (Map.Entry<String, Page> p : snapshot.pages().entrySet()) {
            Page q = other.pages().get(p.getKey());
            assertArrayEquals(p.getValue().body(), q.body(), p.getKey());
            assertEquals(p.getValue().etag(), q.etag(), p.getKey());
            assertEquals(p.getValue().lastModified(), q.lastModified(), p.getKey());
        }
        assertArrayEquals(snapshot.notFound().body(), other.notFound().body());
    }
}
