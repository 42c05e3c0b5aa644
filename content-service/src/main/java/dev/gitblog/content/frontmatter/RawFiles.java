package dev.gitblog.content.frontmatter;

import java.util.Locale;
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
 * Markup extensions ({@code .md}, {@code .markdown}, {@code .html}, {@code .htm}) and names without an
 * extension never qualify, so no Canopy post changes kind.
 */
public final class RawFiles {

    public static final String WELL_KNOWN = ".well-known/";

    /** Extensions of markup: a header-less file of these is an article that failed, as before. */
    private static final Set<String> MARKUP = Set.of("md", "markdown", "html", "htm");

    private RawFiles() {
    }

    /** Under {@code .well-known/} at the root of the blog: always a static file. */
    public static boolean isWellKnown(String path) {
        return path.startsWith(WELL_KNOWN) && path.length() > WELL_KNOWN.length();
    }

    /** The file name's extension names a known media type that is not markup. */
    public static boolean hasMediaExtension(String path) {
        String extension = extension(path);
        return extension != null && !MARKUP.contains(extension)
                && !MediaTypes.DEFAULT.equals(MediaTypes.of(path));
    }

    private static String extension(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return null;
        }
        return name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
