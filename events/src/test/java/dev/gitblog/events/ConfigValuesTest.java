package dev.gitblog.events;

import static dev.gitblog.events.RevisionPagesTest.article;
import static dev.gitblog.events.RevisionPagesTest.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading .config values: only configuration entries count, blank means unset, the index page loses its slashes. */
class ConfigValuesTest {

    @Test
    void onlyConfigurationEntriesHaveValues() {
        Map<String, Entry> entries = Map.of(
                ".config/blog_name", config("blog_name", "  My blog \n"),
                ".config/root", article(".config/root"));
        assertEquals("  My blog \n", ConfigValues.value(entries, "blog_name"));
        assertNull(ConfigValues.value(entries, "root"), "an article at a .config path is no setting");
        assertNull(ConfigValues.value(entries, "uuid"));
        assertTrue(ConfigValues.isConfig(entries.get(".config/blog_name")));
        assertFalse(ConfigValues.isConfig(entries.get(".config/root")));
    }

    @Test
    void blankValuesFallBack() {
        assertEquals("My blog", ConfigValues.nonBlank("  My blog \n", "Canopy"));
        assertEquals("Canopy", ConfigValues.nonBlank(" \n", "Canopy"));
        assertEquals("Canopy", ConfigValues.nonBlank(null, "Canopy"));
    }

    @Test
    void theIndexPageIsAPathWithoutOuterSlashes() {
        assertEquals("Index", ConfigValues.indexPage(Map.of()));
        assertEquals("Posts/Home", ConfigValues.indexPage(Map.of(".config/index_page", config("index_page", "//Posts/Home/\n"))));
        assertEquals("Index", ConfigValues.indexPage(Map.of(".config/index_page", config("index_page", "   "))));
    }
}
