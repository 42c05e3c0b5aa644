package dev.gitblog.events;

import java.nio.charset.StandardCharsets;

/**
 * How a tag appears in a URL or an export file name (docs/DECISIONS.md Decision 12): shown as written, but every
 * {@code /}, {@code \}, {@code %}, control character, and a segment that is only dots, is
 * percent-encoded; spaces and other characters stay raw ({@code tags/package signing}, as the seed).
 * Nothing a tag says can create a directory or leave the export root.
 */
public final class TagPaths {

    private TagPaths() {
    }

    /** The single path segment for {@code tag}. */
    public static String segment(String tag) {
        StringBuilder out = new StringBuilder(tag.length() + 8);
        boolean onlyDots = !tag.isEmpty() && tag.chars().allMatch(c -> c == '.');
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c == '/' || c == '\\' || c == '%' || c < 0x20 || c == 0x7f || (onlyDots && c == '.')) {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The site path of a tag page: {@code tags/<segment>}. */
    public static String tagPage(String tag) {
        return "tags/" + segment(tag);
    }

    /** The site path of a tag's Atom feed: {@code tags/<segment>/atom}. */
    public static String tagFeed(String tag) {
        return "tags/" + segment(tag) + "/atom";
    }
}
