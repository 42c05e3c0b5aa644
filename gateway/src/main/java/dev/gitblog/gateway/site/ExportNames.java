package dev.gitblog.gateway.site;

import java.util.Set;

/**
 * Which file names the static export (docs/FORMAT.md §3.9) may hold: a name never leaves the export root, and
 * an article does not take the name of a file the engine generates there.
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
}
