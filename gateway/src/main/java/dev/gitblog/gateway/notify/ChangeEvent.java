package dev.gitblog.gateway.notify;

import java.time.Instant;
import java.util.List;

/**
 * What one revision changed on the site, as this gateway served it: the pages, static files and redirects
 * that differ from the snapshot it replaced, and the feeds among them. The same value goes out as a
 * server-sent event, a webhook body and (its feeds) as WebSub pings.
 *
 * @param revision         the commit id now served
 * @param previousRevision the revision this one replaced at this gateway
 * @param publishedAt      when content-service published the revision (the same on every replica), or null
 * @param changed          site paths that are new or have other bytes (or another redirect target)
 * @param removed          site paths that are gone
 * @param feeds            the feeds among {@code changed}
 * @param truncated        true when {@code changed} or {@code removed} were cut at the size limit: a client
 *                         should refetch what it mirrors
 */
public record ChangeEvent(String revision, String previousRevision, Instant publishedAt, List<ChangedPath> changed,
                          List<ChangedPath> removed, List<ChangedPath> feeds, boolean truncated) {

    public ChangeEvent {
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        feeds = List.copyOf(feeds);
    }

    /**
     * One site path and its absolute URL.
     *
     * @param path the site path with a leading slash ({@code /}, {@code /Posts/ARP}, {@code /tags/mirageos/atom})
     * @param url  the blog's root followed by the percent-encoded path
     */
    public record ChangedPath(String path, String url) {
    }
}
