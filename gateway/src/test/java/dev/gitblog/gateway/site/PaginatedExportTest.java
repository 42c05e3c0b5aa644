package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static dev.gitblog.gateway.site.Events.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The static export of a paginated blog ({@code .config/page_size}): every next page of the index's listing,
 * of another listing and of a tag page is a file, at {@code <page path>/page/<n>/index.html}, and no name is
 * both a file and a folder.
 */
@QuarkusTest
class PaginatedExportTest {

    static List<Entry> blog() {
        List<Entry> entries = OpenWebPagesTest.fivePosts(config("page_size", "2", "r1"));
        for (int i = 1; i <= 3; i++) {
            entries.add(article("Notes/n" + i, "r1", "n" + i, "Note " + i, "a", List.of("notes", "a/b"), null,
                    OpenWebPagesTest.T.plusSeconds(3600L * i), OpenWebPagesTest.T.plusSeconds(3600L * i)));
        }
        entries.add(article("About", "r1", "hA", "About", "a", List.of("me"), null, OpenWebPagesTest.T,
                OpenWebPagesTest.T));
        return entries;
    }

    static Map<String, byte[]> export(SiteSnapshot s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportArchive.write(s, ref -> new ByteArrayInputStream(new byte[0]), out);
        return ExportArchiveTest.unpack(out.toByteArray(), new ArrayList<>());
    }

    @Test
    void everyNextPageOfTheIndexListingsAndTagPagesIsExported() throws IOException {
        SiteSnapshot s = OpenWebPagesTest.build(blog());
        Map<String, byte[]> files = export(s);

        // index.html is page 1 of Posts; its next pages are the listing's
        assertArrayEquals(s.page("").orElseThrow().body(), files.get("index.html"));
        for (String page : List.of("Posts", "Posts/page/2", "Posts/page/3", "Notes", "Notes/page/2",
                "tags/web", "tags/web/page/2", "tags/web/page/3", "tags/notes", "tags/notes/page/2",
                "tags/a%2Fb", "tags/a%2Fb/page/2")) {
            assertArrayEquals(s.page(page).orElseThrow().body(), files.get(page + "/index.html"), page);
        }
        // a tag page of one page stays a file, as in Canopy's export
        assertArrayEquals(s.page("tags/me").orElseThrow().body(), files.get("tags/me"));

        // every next page the site serves is in the export
        TreeSet<String> served = new TreeSet<>();
        for (String key : s.pages().keySet()) {
            if (key.matches(".+/page/[0-9]+")) {
                served.add(key);
                assertTrue(files.containsKey(key + "/index.html"), key + " is not exported: " + files.keySet());
            }
        }
        assertEquals(7, served.size(), served.toString());
        // and no export name is a file and a folder at once
        for (String name : files.keySet()) {
            assertFalse(files.keySet().stream().anyMatch(other -> other.startsWith(name + "/")), name);
        }
    }

    @Test
    void withoutPageSizeTagPagesAreFilesAsInCanopy() throws IOException {
        List<Entry> entries = new ArrayList<>(blog());
        entries.removeIf(e -> e.path().equals(".config/page_size"));
        Map<String, byte[]> files = export(OpenWebPagesTest.build(entries));
        assertTrue(files.containsKey("tags/web"));
        assertTrue(files.containsKey("tags/a%2Fb"));
        assertTrue(files.containsKey("Posts/index.html"));
        assertTrue(files.keySet().stream().noneMatch(n -> n.contains("/page/")), files.keySet().toString());
    }
}
