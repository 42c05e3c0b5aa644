package dev.gitblog.content.links;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.LocalLinks;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Local links and images of a markdown body, and the report they make over a revision's entries. */
class MarkdownLinksTest {

    @Test
    void localLinksAndImagesInDocumentOrderOnceEach() {
        MarkdownLinks.Targets t = MarkdownLinks.of("""
                # [Title](/About)

                - [a](BottomUp) and [again](BottomUp)
                  > [quoted](../x "title") [ref][r]

                [![badge](/static/b.svg)](https://example.org/) <https://example.org/auto> [in page](#top)
                [mail](mailto:me@example.org) [proto](//cdn.example.org/x) `[code](/not)` [spaced](</My Post>)

                    [indented code](/not)

                <a href="/raw-html">not read here</a>

                [r]: /Posts/Ref?x=1
                """);
        assertEquals(List.of("/About", "BottomUp", "../x", "/Posts/Ref?x=1", "/My Post"), t.links());
        assertEquals(List.of("/static/b.svg"), t.images());
        assertEquals(List.of("/About", "BottomUp", "../x", "/Posts/Ref?x=1", "/My Post", "/static/b.svg"), t.all());
    }

    @Test
    void deepNestingIsWalkedWithoutRecursion() {
        String quotes = ">".repeat(20_000) + " [deep](/Deep)\n\n" + "- ".repeat(5_000) + "[listed](/Listed)\n";
        assertEquals(List.of("/Deep", "/Listed"), MarkdownLinks.of(quotes).links());
    }

    static Entry article(String path) {
        return new Entry(1, path, EntryKind.ARTICLE, "r1", "h-" + path, Instant.EPOCH, Instant.EPOCH,
                new Entry.Article(path, null, null, null, List.of("web"), null, null, "commonmark"), null, null, null,
                null, null);
    }

    @Test
    void theReportOfARevisionNamesTheArticlesAndWhereTheirLinksPoint() {
        Entry arp = article("Posts/ARP");
        Entry about = article("About");
        Entry png = new Entry(1, "static/a.png", EntryKind.STATIC, "r1", "h", Instant.EPOCH, Instant.EPOCH, null,
                null, null, new Entry.StaticAsset("image/png", 4), null, null);
        Map<String, List<String>> bodies = Map.of(
                "Posts/ARP", MarkdownLinks.of("[a](../About) [b](Gone) ![c](/static/a.png) [t](/tags/web) [d](/Posts)"
                        + " ![e](/static/b.png) [f](../../up)").all(),
                "About", MarkdownLinks.of("[x](Posts/ARP) [y](Posts/page/2)").all());
        Map<String, List<LocalLinks.Broken>> report = BrokenLinks.of(List.of(arp, about, png),
                e -> bodies.get(e.path()));
        assertEquals(Map.of(
                "About", List.of(new LocalLinks.Broken("Posts/page/2", "/Posts/page/2")),
                "Posts/ARP", List.of(new LocalLinks.Broken("Gone", "/Posts/Gone"),
                        new LocalLinks.Broken("../../up", null), new LocalLinks.Broken("/static/b.png", "/static/b.png"))),
                report);
        assertEquals("the link Gone (/Posts/Gone) points to no page, static file or redirect",
                BrokenLinks.warning(report.get("Posts/ARP").get(0)));
        assertEquals("the link ../../up (above the site root) points to no page, static file or redirect",
                BrokenLinks.warning(report.get("Posts/ARP").get(1)));
    }
}
