package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.events.NameUuids;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The configuration of a build: docs/FORMAT.md §1.7 defaults and the values as written. */
class SiteConfigTest {

    @Test
    void defaultsWithoutConfiguration() {
        List<String> warnings = new ArrayList<>();
        SiteConfig c = SiteConfig.read(Map.of(), warnings);
        assertEquals("Canopy", c.blogName());
        assertEquals("Index", c.indexPage());
        assertEquals("http://localhost", c.root());
        assertFalse(c.timestamps());
        assertNull(c.header());
        assertEquals(SiteOptions.NONE, c.options());
        String derived = "urn:uuid:" + NameUuids.v5(NameUuids.NAMESPACE_URL, "http://localhost");
        assertEquals(derived, c.feedId());
        assertEquals(List.of("missing .config/uuid: the feed id is derived from the root (" + derived + ")"), warnings);
    }

    @Test
    void valuesAreStrippedAndTheIndexPageLosesItsSlashes() {
        SiteConfig c = Builds.config("blog_name", "  full stack engineer \n", "index_page", " /Posts/ ",
                "root", "https://hannes.robur.coop", "uuid", "981361ca-e71d-4997-a52c-baeee78e4156",
                "timestamp-listings", "", "header", "Posts\nAbout\n");
        assertEquals("full stack engineer", c.blogName());
        assertEquals("Posts", c.indexPage());
        assertEquals("https://hannes.robur.coop", c.root());
        assertEquals("urn:uuid:981361ca-e71d-4997-a52c-baeee78e4156", c.feedId());
        assertTrue(c.timestamps(), "timestamp-listings counts by its presence");
        assertEquals("Posts\nAbout\n", c.header());
    }

    @Test
    void blankValuesFallBackToTheDefaults() {
        SiteConfig c = Builds.config("blog_name", "  ", "index_page", "");
        assertEquals("Canopy", c.blogName());
        assertEquals("Index", c.indexPage());
    }

    @Test
    void onlyConfigurationEntriesCount() {
        Entry article = Events.article(".config/blog_name", "r1", "h", "Not a name", "a", List.of(), null,
                SiteAssemblerTest.T0, SiteAssemblerTest.T0);
        SiteConfig c = SiteConfig.read(Map.of(article.path(), article), new ArrayList<>());
        assertEquals("Canopy", c.blogName());
    }

    @Test
    void optionWarningsComeBeforeTheFeedIdWarning() {
        List<String> warnings = new ArrayList<>();
        Entry size = Events.config("page_size", "ten", "r1");
        SiteConfig c = SiteConfig.read(Map.of(size.path(), size), warnings);
        assertEquals(0, c.options().pageSize());
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(0).startsWith(".config/page_size is not a positive whole number"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("missing .config/uuid"), warnings.get(1));
    }
}
