package dev.gitblog.gateway.site;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The 404 page in the site's layout. */
class NotFoundPageTest {

    @Test
    void theSitesLayoutDatedFromTheCommit() {
        Page page = NotFoundPage.of(Builds.context(Builds.config("blog_name", "full stack engineer"),
                new Builds.PlainComposer()));
        assertEquals("NOTFOUND full stack engineer nav=[Posts]", Builds.text(page));
        assertEquals(BuildContext.HTML, page.contentType());
        assertEquals(Builds.COMMIT, page.lastModified());
    }

    @Test
    void composedOnceWhileTheLayoutStays() {
        Builds.PlainComposer composer = new Builds.PlainComposer();
        SiteConfig config = Builds.config();
        PageMemo first = PageMemo.first(ContentStore.IN_HEAP);
        NotFoundPage.of(Builds.context(config, composer, Map.of(), Map.of(), first));
        NotFoundPage.of(Builds.context(config, composer, Map.of(), Map.of(), first.next()));
        assertEquals(1, composer.calls);
    }
}
