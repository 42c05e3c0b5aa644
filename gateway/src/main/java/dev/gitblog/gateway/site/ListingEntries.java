package dev.gitblog.gateway.site;

import dev.gitblog.events.CanopyTime;
import dev.gitblog.gateway.site.PageComposer.ListingEntry;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The entry of each article in the listings and tag pages (docs/FORMAT.md §3.3), kept from build to build: an
 * entry depends only on the article's view and on {@code .config/timestamp-listings}, and a view stays the same
 * object while its article does not change ({@link ArticleViews}), so an article that is in a directory listing
 * and three tag pages gets one entry, made once until the article changes. The entries of the views a build no
 * longer lists are forgotten when the next one starts ({@link #nextBuild}).
 */
final class ListingEntries {

    /** The entries of the previous build and of this one, by view (identity). */
    private Map<SiteSnapshot.ArticleView, ListingEntry> previous = new IdentityHashMap<>();
    private Map<SiteSnapshot.ArticleView, ListingEntry> current = new IdentityHashMap<>();
    /** The {@code timestamps} the entries were made with. */
    private boolean timestamps;

    /**
     * The entry of {@code v}.
     *
     * @param timestamps the entry carries {@code <time>} (docs/DECISIONS.md Decision 10)
     */
    ListingEntry of(SiteSnapshot.ArticleView v, boolean timestamps) {
        if (timestamps != this.timestamps) {
            previous.clear();
            current.clear();
            this.timestamps = timestamps;
        }
        ListingEntry entry = current.get(v);
        if (entry == null) {
            entry = previous.get(v);
            if (entry == null) {
                entry = new ListingEntry(v.url(), v.title(), v.author(), timestamps ? CanopyTime.iso(v.created()) : null,
                        CanopyTime.display(v.created()), ArticleViews.blankToNull(v.abstractHtml()));
            }
            current.put(v, entry);
        }
        return entry;
    }

    /** Starts a build: the entries this one did not ask for are forgotten. */
    void nextBuild() {
        previous = current;
        current = new IdentityHashMap<>(previous.size() * 2);
    }
}
