package dev.gitblog.events;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The link report's rule: which targets are local, what they resolve to, and whether the site has it. */
class LocalLinksTest {

    /** A site of fixed keys. */
    record Keys(Set<String> pages, Set<String> statics, Set<String> redirects) implements LocalLinks.Site {
        @Override
        public boolean hasPage(String key) {
            return pages.contains(key);
        }

        @Override
        public boolean hasStaticFile(String key) {
            return statics.contains(key);
        }

        @Override
        public boolean hasRedirect(String key) {
            return redirects.contains(key);
        }
    }

    static final Keys SITE = new Keys(
            Set.of("", "About", "Posts", "Posts/ARP", "Posts/BottomUp", "tags", "tags/web", "tags/a%2Fb", "atom",
                    "sitemap.xml", "robots.txt"),
            Set.of("static/img/a.png", "favicon.ico", "tags/web/page/2"),
            Set.of("Posts/Old", "tags/old"));

    @Test
    void localTargetsAreSitePaths() {
        for (String local : List.of("/About", "BottomUp", "../About#me", "./x?y", " /static/a.png ", "b/c")) {
            assertTrue(LocalLinks.isLocal(local), local);
        }
        for (String other : List.of("", "  ", "#intro", "//cdn.example.org/x.js", "https://example.org/",
                "mailto:me@example.org", "data:image/png;base64,AA", "javascript:alert(1)")) {
            assertFalse(LocalLinks.isLocal(other), other);
        }
        assertFalse(LocalLinks.isLocal(null));
    }

    @Test
    void targetsResolveFromTheArticleLikeABrowser() {
        assertEquals(Optional.of("/Posts/BottomUp"), LocalLinks.resolve("Posts/ARP", "BottomUp"));
        assertEquals(Optional.of("/Posts/BottomUp"), LocalLinks.resolve("Posts/ARP", "./BottomUp?x=1#top"));
        assertEquals(Optional.of("/About"), LocalLinks.resolve("Posts/ARP", "../About#me"));
        assertEquals(Optional.of("/About"), LocalLinks.resolve("About", "About"));
        assertEquals(Optional.of("/static/img/a.png"), LocalLinks.resolve("Posts/ARP", "/static/img/a.png"));
        assertEquals(Optional.of("/Posts"), LocalLinks.resolve("Posts/ARP", "/Posts/"));
        assertEquals(Optional.of("/"), LocalLinks.resolve("Posts/ARP", "/"));
        assertEquals(Optional.of("/Posts/ARP"), LocalLinks.resolve("Posts/ARP", "?page=2"));
        assertEquals(Optional.empty(), LocalLinks.resolve("Posts/ARP", "../../etc/passwd"));
    }

    @Test
    void aPathExistsWhenARequestForItWouldFindSomething() {
        for (String found : List.of("/", "/About", "/Posts/", "/Posts/Bottom%55p", "/Posts/Old", "/favicon.ico",
                "/tags", "/tags/web", "/tags/a%2Fb", "/atom", "/robots.txt")) {
            assertTrue(LocalLinks.exists(SITE, found), found);
        }
        // under tags only generated pages answer; an encoded slash only names a tag; invalid paths find nothing
        for (String missing : List.of("/Nowhere", "/tags/old", "/tags/web/page/2", "/Posts%2FARP", "/Posts//ARP",
                "/Posts/%zz", "/tags/web/extra/more/x")) {
            assertFalse(LocalLinks.exists(SITE, missing), missing);
        }
    }

    @Test
    void brokenTargetsPerArticleOnceEachWithWhereTheyPoint() {
        List<LocalLinks.Link> links = List.of(new LocalLinks.Link("Posts/ARP", "BottomUp"),
                new LocalLinks.Link("Posts/ARP", "Missing"), new LocalLinks.Link("Posts/ARP", "/static/gone.png"),
                new LocalLinks.Link("Posts/ARP", "Missing"), new LocalLinks.Link("About", "../../x"),
                new LocalLinks.Link("About", "/Posts/Old#a"));
        assertEquals(Map.of(
                "Posts/ARP", List.of(new LocalLinks.Broken("Missing", "/Posts/Missing"),
                        new LocalLinks.Broken("/static/gone.png", "/static/gone.png")),
                "About", List.of(new LocalLinks.Broken("../../x", null))), LocalLinks.broken(SITE, links));
        assertEquals(List.of("Posts/ARP", "About"), List.copyOf(LocalLinks.broken(SITE, links).keySet()));
    }
}
