package dev.gitblog.gateway.site;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which file names the static export (docs/FORMAT.md §3.9, docs/FORMAT-ADDITIONS.md) holds: a name never leaves
 * the export root, and an article does not take the name of a file the engine generates there. A tag page is the
 * file {@code tags/<segment>}, as in Canopy's {@code pages} branch, as long as it is one page. With
 * {@code .config/page_size} cutting it into several, a file cannot hold its next pages beside it, so the tag page
 * is written like a listing: {@code tags/<segment>/index.html} and {@code tags/<segment>/page/<n>/index.html}.
 */
final class ExportNames {

    /** Top-level export names the engine generates; an article of that name is not exported. */
    private static final Set<String> GENERATED_FILES = Set.of("index.html", "atom", "rss.xml", "feed.json", "tags");

    private ExportNames() {
    }

    /** An export file name never leaves the export root: no empty, {@code .} or {@code ..} segment, no backslash. */
    static boolean exportable(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0) {
            return false;
        }
        for (String s : path.split("/", -1)) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                return false;
            }
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * The article at {@code path} is exported under its path: the name is {@link #exportable} and none the
     * engine writes (the index, the feeds, the tag pages under {@code tags/}, a listing's {@code index.html}).
     */
    static boolean articleExported(String path) {
        return exportable(path) && !GENERATED_FILES.contains(path) && !path.startsWith("tags/")
                && !path.endsWith("/index.html");
    }

    /**
     * @param tagKey    the tag page's key, {@code tags/<segment>}
     * @param first     its page 1
     * @param nextPages its next pages by key ({@code tags/<segment>/page/<n>}), empty when it has one page
     * @return export file name to page
     */
    static Map<String, Page> tagPages(String tagKey, Page first, Map<String, Page> nextPages) {
        Map<String, Page> files = new LinkedHashMap<>();
        if (nextPages.isEmpty()) {
            files.put(tagKey, first);
            return files;
        }
        files.put(tagKey + "/index.html", first);
        nextPages.forEach((key, page) -> files.put(key + "/index.html", page));
        return files;
    }
}
