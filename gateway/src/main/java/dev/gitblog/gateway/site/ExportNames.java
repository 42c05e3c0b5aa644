package dev.gitblog.gateway.site;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * File names of the static export for pages that come in more than one file (docs/FORMAT.md §3.9,
 * docs/FORMAT-ADDITIONS.md). A tag page is the file {@code tags/<segment>}, as in Canopy's {@code pages}
 * branch, as long as it is one page. With {@code .config/page_size} cutting it into several, a file cannot
 * hold its next pages beside it, so the tag page is written like a listing: {@code tags/<segment>/index.html}
 * and {@code tags/<segment>/page/<n>/index.html}.
 */
final class ExportNames {

    private ExportNames() {
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
