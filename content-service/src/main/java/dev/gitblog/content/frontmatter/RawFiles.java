package dev.gitblog.content.frontmatter;

import java.util.Set;

/**
 * Files outside {@code static/} that are served raw at their own path rather than read as articles
 * (docs/FORMAT-ADDITIONS.md, "Files that are not posts"):
 * <ul>
 *   <li>everything under the top-level {@code .well-known/} folder (RFC 8615: security.txt, Mastodon and
 *       ACME files), whatever its bytes;</li>
 *   <li>a file, anywhere in the tree, whose extension names a non-markup media type ({@code robots.txt},
 *       {@code favicon.ico}, {@code site.webmanifest}, ...) <em>and</em> that is no article: a file with a
 *       valid header (or a redirect line) stays what it was, whatever its name.</li>
 * </ul>
 * Markup ({@code .md}, {@code .markdown}, {@code .html}, {@code .htm}, {@code .shtml}, {@code .xhtml}: every
 * extension of a markdown, HTML or XHTML media type) and names without an extension never qualify, so no
 * Canopy post changes kind.
 */
public final class RawFiles {

    public static final String WELL_KNOWN = ".well-known/";

    /** Media types of markup: a header-less file of these is an article that failed, as before. */
    private static final Set<String> MARKUP = Set.of("text/markdown", "text/html", "application/xhtml+xml");

    private RawFiles() {
    }

    /** Under {@code .well-known/} at the root of the blog: always a static file. */
    public static boolean isWellKnown(String path) {
        return path.startsWith(WELL_KNOWN) && path.length() > WELL_KNOWN.length();
    }

    /** The file name's extension names a known media type that is not markup. */
    public static boolean hasMediaExtension(String path) {
        String mediaType = MediaTypes.of(path);
        return !MediaTypes.DEFAULT.equals(mediaType) && !MARKUP.contains(mediaType);
    }
}
