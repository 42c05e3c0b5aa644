package dev.gitblog.gateway.site;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The build's output: served pages, export files and warnings. */
class SiteOutputTest {

    static Page page(String text) {
        return Page.of(BuildContext.HTML, text.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }

    @Test
    void shadowingReplacesWithAWarning() {
        List<String> warnings = new ArrayList<>(List.of("earlier"));
        SiteOutput out = new SiteOutput(warnings);
        out.shadow("atom", page("feed"));
        assertEquals(List.of("earlier"), warnings, "nothing was hidden");
        Page feed = page("feed 2");
        out.serve("tags", page("article"));
        out.shadow("tags", feed);
        assertSame(feed, out.get("tags"));
        assertEquals(List.of("earlier",
                "/tags is served by the engine and hides the article or listing of the same name"), out.warnings());
    }

    @Test
    void exportFilesAreSortedByName() {
        SiteOutput out = new SiteOutput(new ArrayList<>());
        out.export("b", page("b"));
        out.export("a", page("a"));
        assertEquals(List.of("a", "b"), List.copyOf(out.exportFiles().keySet()));
        assertFalse(out.has("a"), "exported is not served");
    }
}
