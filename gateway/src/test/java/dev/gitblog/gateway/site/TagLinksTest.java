package dev.gitblog.gateway.site;

import dev.gitblog.gateway.site.PageComposer.TagLink;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Links to tag pages, made once per tag. */
class TagLinksTest {

    @Test
    void aTagLinksToItsPage() {
        TagLinks links = new TagLinks();
        assertEquals(new TagLink("package signing", "/tags/package signing"), links.of("package signing"));
        assertEquals(new TagLink("a/b", "/tags/a%2Fb"), links.of("a/b"));
        assertEquals(List.of(links.of("x"), links.of("y")), links.of(List.of("x", "y")));
    }

    @Test
    void aLinkIsMadeOncePerTag() {
        TagLinks links = new TagLinks();
        assertSame(links.of("mirageos"), links.of("mirageos"));
    }

    @Test
    void theCacheIsEmptiedWhenFull() {
        TagLinks links = new TagLinks();
        TagLink first = links.of("t0");
        for (int i = 1; i <= TagLinks.MAX_CACHED + 1; i++) {
            links.of("t" + i);
        }
        assertNotSame(first, links.of("t0"));
        assertEquals(first, links.of("t0"));
    }
}
