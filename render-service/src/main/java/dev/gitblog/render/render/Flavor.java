package dev.gitblog.render.render;

import java.util.Locale;

/** Which markdown dialect an article is written in ({@code .config/markdown}, docs/DECISIONS.md Decision 9). */
public enum Flavor {
    /** CommonMark core, as in the seed. */
    COMMONMARK("commonmark"),
    /** CommonMark plus GFM tables, strikethrough, autolinks and task lists. */
    GFM("gfm");

    private final String key;

    Flavor(String key) {
        this.key = key;
    }

    /** The name used in render keys and in {@code Entry.Article#markdownFlavor}. */
    public String key() {
        return key;
    }

    /** {@code gfm} (any case, surrounding blanks ignored) is GFM; anything else, null included, is CommonMark. */
    public static Flavor of(String name) {
        if (name != null && name.strip().toLowerCase(Locale.ROOT).equals(GFM.key)) {
            return GFM;
        }
        return COMMONMARK;
    }
}
