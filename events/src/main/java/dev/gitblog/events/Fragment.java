package dev.gitblog.events;

import java.util.List;

/**
 * The value on {@link Topics#RENDER_FRAGMENTS}: one article rendered to HTML.
 *
 * @param path         the article path (Kafka key)
 * @param revision     the entry revision this was rendered from
 * @param contentHash  the entry's content hash this was rendered from
 * @param renderKey    renderer version + options (flavor, safe mode); a change re-renders
 * @param bodyHtml     the body, rendered
 * @param abstractHtml the abstract, rendered (null when the article has none)
 * @param excerpt      plain text of the start of the body
 * @param headings     the headings, for a table of contents
 * @param localLinks   site-local link targets of the body (for broken-link reports)
 * @param localImages  site-local image sources of the body
 * @param error        null, or why rendering failed (the body is then a notice)
 */
public record Fragment(
        int schemaVersion,
        String path,
        String revision,
        String contentHash,
        String renderKey,
        String bodyHtml,
        String abstractHtml,
        String excerpt,
        List<Heading> headings,
        List<String> localLinks,
        List<String> localImages,
        String error) {

    public static final int SCHEMA_VERSION = 1;

    public Fragment {
        headings = headings == null ? List.of() : List.copyOf(headings);
        localLinks = localLinks == null ? List.of() : List.copyOf(localLinks);
        localImages = localImages == null ? List.of() : List.copyOf(localImages);
    }

    /** @param level 1-6; @param text plain text of the heading */
    public record Heading(int level, String text) {
    }
}
