package dev.gitblog.gateway.site;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Names of the static export. */
class ExportNamesTest {

    @Test
    void aNameStaysInTheExportRoot() {
        assertTrue(ExportNames.exportable("Posts/ARP"));
        assertTrue(ExportNames.exportable("tags/package signing"));
        for (String bad : new String[]{"", "/etc/passwd", "a/../b", "..", "./a", "a//b", "a/", "a\\b", "a\nb", "a\u007fb"}) {
            assertFalse(ExportNames.exportable(bad), bad);
        }
    }

    @Test
    void anArticleDoesNotTakeAGeneratedName() {
        assertTrue(ExportNames.articleExported("About"));
        assertTrue(ExportNames.articleExported("Posts/atom"));
        for (String generated : new String[]{"index.html", "atom", "rss.xml", "feed.json", "tags", "tags/x",
                "Posts/index.html", "../x"}) {
            assertFalse(ExportNames.articleExported(generated), generated);
        }
    }
}
