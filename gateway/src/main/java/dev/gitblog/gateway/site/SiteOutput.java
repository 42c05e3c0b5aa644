package dev.gitblog.gateway.site;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The output of one build as the page builders fill it in, in order: the served pages by site path, the
 * static export's files by name (docs/FORMAT.md §3.9) and the site's warnings. A generated page that takes the
 * path of one made before it ({@link #shadow}) wins, and a warning says so (docs/FORMAT.md §3.8).
 */
final class SiteOutput {

    private final Map<String, Page> pages = new HashMap<>();
    private final Map<String, Page> exportFiles = new TreeMap<>();
    private final List<String> warnings;

    /** @param warnings the build's warnings so far; this adds to it */
    SiteOutput(List<String> warnings) {
        this.warnings = warnings;
    }

    Page get(String key) {
        return pages.get(key);
    }

    boolean has(String key) {
        return pages.containsKey(key);
    }

    void serve(String key, Page page) {
        pages.put(key, page);
    }

    /** Serves {@code page} at {@code key}, hiding what was there with a warning. */
    void shadow(String key, Page page) {
        if (pages.put(key, page) != null) {
            warn("/" + key + " is served by the engine and hides the article or listing of the same name");
        }
    }

    void export(String name, Page page) {
        exportFiles.put(name, page);
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    /** The served pages by site path (mutable: the builders' own map). */
    Map<String, Page> pages() {
        return pages;
    }

    /** The export files by name, sorted (mutable: the builders' own map). */
    Map<String, Page> exportFiles() {
        return exportFiles;
    }

    List<String> warnings() {
        return warnings;
    }
}
