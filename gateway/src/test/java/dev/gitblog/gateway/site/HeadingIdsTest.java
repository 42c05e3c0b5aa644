package dev.gitblog.gateway.site;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Heading ids and the table of contents, on rendered bodies as render-service writes them. */
class HeadingIdsTest {

    @Test
    void idsAreSlugsMadeUniqueInDocumentOrder() {
        HeadingIds.Result r = HeadingIds.apply("<h2>What is ARP?</h2>\n<p>x</p>\n<h3>Über <code>arp</code> &amp; you</h3>\n"
                + "<h2>What is ARP?</h2>\n<h2>!!!</h2>\n<h2 class=\"raw\">raw html</h2>\n");
        assertEquals("<h2 id=\"what-is-arp\">What is ARP?</h2>\n<p>x</p>\n"
                + "<h3 id=\"über-arp-you\">Über <code>arp</code> &amp; you</h3>\n"
                + "<h2 id=\"what-is-arp-2\">What is ARP?</h2>\n<h2 id=\"section\">!!!</h2>\n"
                + "<h2 class=\"raw\">raw html</h2>\n", r.html());
        assertEquals(List.of(new HeadingIds.TocEntry(2, "what-is-arp", "What is ARP?"),
                new HeadingIds.TocEntry(3, "über-arp-you", "Über arp & you"),
                new HeadingIds.TocEntry(2, "what-is-arp-2", "What is ARP?"),
                new HeadingIds.TocEntry(2, "section", "!!!")), r.toc());
    }

    @Test
    void tableOfContentsEscapesTheHeadingText() {
        HeadingIds.Result r = HeadingIds.apply("<h2>a &lt;b&gt; &amp; &quot;c&quot;</h2>\n");
        assertEquals("<nav class=\"toc\"><ul><li class=\"toc-h2\"><a href=\"#a-b-c\">a &lt;b&gt; &amp; &quot;c&quot;</a>"
                + "</li></ul></nav>\n", HeadingIds.tocHtml(r.toc()));
        assertEquals("", HeadingIds.tocHtml(List.of()));
    }
}
