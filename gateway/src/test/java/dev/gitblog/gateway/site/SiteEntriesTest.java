package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.gitblog.gateway.site.Events.*;
import static dev.gitblog.gateway.site.SiteAssemblerTest.*;
import static org.junit.jupiter.api.Assertions.*;

/** A revision's entries sorted into articles, redirects and static files, with the entries' warnings. */
class SiteEntriesTest {

    private static Map<String, Entry> byPath(Entry... entries) {
        Map<String, Entry> out = new HashMap<>();
        for (Entry e : entries) {
            out.put(e.path(), e);
        }
        return out;
    }

    private static Entry draft(String path) {
        return new Entry(Entry.SCHEMA_VERSION, path, EntryKind.DRAFT, "r1", "h-" + path, T0, T0, null, null, null,
                null, null, List.of("a draft's warning"));
    }

    private static Entry withWarning(Entry e, String warning) {
        return new Entry(e.schemaVersion(), e.path(), e.kind(), e.revision(), e.contentHash(), e.created(),
                e.updated(), e.article(), e.redirect(), e.config(), e.staticAsset(), e.invalid(), List.of(warning));
    }

    @Test
    void articlesNewestFirstRedirectsAndStaticsInKeyOrder() {
        List<String> warnings = new ArrayList<>();
        SiteEntries s = SiteEntries.sort(byPath(
                article("About", "r1", "h1", "About", "a", List.of(), null, T0, T0),
                article("Posts/ARP", "r1", "h2", "ARP", "a", List.of(), null, T1, T1),
                article("Posts/Conex", "r1", "h3", "Conex", "a", List.of(), null, T2, T2),
                redirect("b", "/About", "r1"), redirect("a", "/About", "r1"),
                staticFile("static/x.css", "hx", "text/css", 3, "r1", T0),
                config("blog_name", "x", "r1")), warnings);
        assertEquals(List.of("Posts/Conex", "Posts/ARP", "About"), s.articles().stream().map(Entry::path).toList());
        assertEquals(List.of("a", "b"), List.copyOf(s.redirects().keySet()));
        assertEquals(new SiteSnapshot.StaticRef("static/x.css", "hx", "text/css", 3, T0), s.statics().get("static/x.css"));
        assertEquals(List.of(), warnings);
    }

    @Test
    void invalidEntriesAndEntryWarningsAreReportedButDraftsAreNot() {
        List<String> warnings = new ArrayList<>();
        SiteEntries s = SiteEntries.sort(byPath(
                invalid("Posts/Broken", "no title", "r1"),
                withWarning(article("Posts/ARP", "r1", "h2", "ARP", "a", List.of(), null, T1, T1), "odd header"),
                draft("Posts/Draft")), warnings);
        assertEquals(List.of("Posts/ARP: odd header", "Posts/Broken is not published: no title (line 2)"), warnings);
        assertEquals(1, s.articles().size());
    }

    @Test
    void theNavbarIsTheHeaderOrTheFirstSegments() {
        SiteEntries s = SiteEntries.sort(byPath(
                article("Posts/ARP", "r1", "h2", "ARP", "a", List.of(), null, T1, T1),
                article("About", "r1", "h1", "About", "a", List.of(), null, T0, T0),
                redirect("Archive/old", "/About", "r1")), new ArrayList<>());
        assertEquals(List.of("About", "Archive", "Posts"), s.navItems(null));
        assertEquals(List.of("Posts", "Links"), s.navItems(" Posts \r\n\n  \nLinks"));
    }

    @Test
    void anArticleWithoutHeaderIsNoArticle() {
        Entry headless = new Entry(Entry.SCHEMA_VERSION, "x", EntryKind.ARTICLE, "r1", "h", Instant.EPOCH,
                Instant.EPOCH, null, null, null, null, null, List.of());
        assertEquals(List.of(), SiteEntries.sort(byPath(headless), new ArrayList<>()).articles());
    }
}
