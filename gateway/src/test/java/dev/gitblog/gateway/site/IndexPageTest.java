package dev.gitblog.gateway.site;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The index page: the page at index_page, again at the root and as index.html. */
class IndexPageTest {

    @Test
    void thePageAtIndexPageIsServedAtTheRootAndExported() {
        SiteOutput out = new SiteOutput(new ArrayList<>());
        Page posts = SiteOutputTest.page("listing");
        out.serve("Posts", posts);
        IndexPage.add(Builds.context(Builds.config("index_page", "/Posts/"), new Builds.PlainComposer()), out);
        assertSame(posts, out.get(""));
        assertSame(posts, out.get("Posts"));
        assertSame(posts, out.exportFiles().get("index.html"));
    }

    @Test
    void withoutSuchAPageThereIsNoIndex() {
        List<String> warnings = new ArrayList<>();
        SiteOutput out = new SiteOutput(warnings);
        IndexPage.add(Builds.context(Builds.config(), new Builds.PlainComposer()), out);
        assertFalse(out.has(""));
        assertTrue(out.exportFiles().isEmpty());
        assertEquals(List.of("the index page /Index is neither an article nor a directory with articles"), warnings);
    }
}
