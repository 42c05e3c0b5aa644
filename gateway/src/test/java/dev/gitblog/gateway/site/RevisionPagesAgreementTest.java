package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.events.RevisionPages;
import dev.gitblog.events.TagPaths;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.gitblog.gateway.site.Events.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * content-service's link report looks links up in {@link RevisionPages}, the pages a revision's entries make;
 * the gateway's in its snapshot. Both must name the same pages, or the two reports would differ.
 */
@QuarkusTest
class RevisionPagesAgreementTest {

    /** The snapshot of {@code entries} with every feed feed-service writes for them. */
    static SiteSnapshot build(List<Entry> entries) {
        SiteAssembler assembler = new SiteAssembler();
        Set<String> tags = new LinkedHashSet<>();
        for (Entry e : entries) {
            assembler.entry(e.path(), e);
            if (e.article() != null) {
                assembler.fragment(e.path(), fragment(e.path(), "r1", e.contentHash(), "<p>x</p>\n", null));
                e.article().tags().forEach(t -> tags.add(t.strip()));
            }
        }
        tags.remove("");
        assembler.feed("rss.xml", feed("rss.xml", "r1", "application/rss+xml", "<rss/>"));
        assembler.feed("feed.json", feed("feed.json", "r1", "application/feed+json", "{}"));
        for (String tag : tags) {
            for (String name : List.of("atom", "rss.xml", "feed.json")) {
                String path = TagPaths.tagPage(tag) + "/" + name;
                assembler.feed(path, feed(path, "r1", "application/atom+xml", "<feed/>"));
            }
        }
        assembler.feed("atom", atom("r1", "<feed/>"));
        List<String> paths = entries.stream().map(Entry::path).distinct().toList();
        assembler.marker(marker("r1", null, OpenWebPagesTest.T, paths, List.of(), paths.size()));
        return assembler.completeSnapshot().orElseThrow(() -> new AssertionError(assembler.status().missing()));
    }

    static void assertSamePages(List<Entry> entries) {
        SiteSnapshot s = build(entries);
        assertEquals(new TreeSet<>(s.pages().keySet()), new TreeSet<>(RevisionPages.of(entries).pageKeys()));
    }

    @Test
    void aPaginatedBlogWithFoldersTagsRedirectsAndStaticFiles() {
        List<Entry> entries = new ArrayList<>(PaginatedExportTest.blog());
        entries.add(article("Notes/Deep/d1", "r1", "d1", "Deep", "a", List.of(" web ", ""), null, OpenWebPagesTest.T,
                OpenWebPagesTest.T));
        entries.add(article("tags/web", "r1", "tw", "Shadowed by the tag page", "a", List.of(), null,
                OpenWebPagesTest.T, OpenWebPagesTest.T));
        entries.add(article("tags/old/x", "r1", "tx", "Under tags", "a", List.of(), null, OpenWebPagesTest.T,
                OpenWebPagesTest.T));
        entries.add(redirect("Notes/page/2", "/Notes", "r1"));
        entries.add(staticFile("robots.txt", "hr", "text/plain", 3, "r1", OpenWebPagesTest.T));
        entries.add(staticFile("Posts/image.png", "hp", "image/png", 3, "r1", OpenWebPagesTest.T));
        entries.add(invalid("Posts/Broken", "no header", "r1"));
        assertSamePages(entries);
    }

    @Test
    void withoutPageSizeAndWithAnIndexThatIsAnArticle() {
        List<Entry> entries = new ArrayList<>(PaginatedExportTest.blog());
        entries.removeIf(e -> e.path().equals(".config/page_size") || e.path().equals(".config/index_page"));
        entries.add(config("index_page", "/About/", "r1"));
        assertSamePages(entries);
        entries.removeIf(e -> e.path().equals(".config/index_page"));
        assertSamePages(entries); // no Index: no root page
    }
}
