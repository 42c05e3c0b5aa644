package dev.gitblog.feed.events;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.RevisionMarker;
import dev.gitblog.events.SiteState;
import dev.gitblog.feed.feed.DeflatedText;
import dev.gitblog.feed.feed.FeedInput;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What feed-service knows from the topics (entries and fragments by path, the newest revision marker,
 * kept by the shared {@link SiteState} with its completeness rule, docs/PIPELINE.md, without the feed
 * condition, which is ours to fulfil), and the feed input made of it. Plain Java, not thread-safe: the
 * caller serialises every call.
 */
public final class FeedState {

    static final String BLOG_NAME = ".config/blog_name";
    static final String ROOT = ".config/root";
    static final String UUID = ".config/uuid";

    private final SiteState site = new SiteState();
    /** The body HTML of each fragment, deflated; the fragments in {@link #site} are kept without it. */
    private final Map<String, byte[]> bodies = new HashMap<>();
    /**
     * The bodies the last {@link #input} inflated, by path, with the deflated bytes they came from: a build
     * whose featured article did not change gets the very same string, so comparing it with the previous
     * build's feed is one reference check instead of a walk over its text, and nothing is inflated again.
     */
    private Map<String, Inflated> inflated = new HashMap<>();

    private record Inflated(byte[] deflated, String text) {
    }

    /** An entry, or a tombstone ({@code entry == null}) for {@code path}; the markdown is not kept. */
    public void entry(String path, Entry entry) {
        site.entry(path, entry == null ? null : entry.withoutMarkdown());
    }

    /** A fragment, or a tombstone ({@code fragment == null}) for {@code path}; its body is kept deflated. */
    public void fragment(String path, Fragment fragment) {
        if (fragment == null || fragment.bodyHtml() == null) {
            bodies.remove(path);
        } else {
            bodies.put(path, DeflatedText.deflate(fragment.bodyHtml()));
        }
        site.fragment(path, fragment == null ? null : withoutBody(fragment));
    }

    /** The newest marker seen (markers arrive in order on their single partition). */
    public void marker(RevisionMarker marker) {
        site.marker(marker);
    }

    public RevisionMarker newest() {
        return site.newest();
    }

    public int entryCount() {
        return site.entries().size();
    }

    /** Why the newest marker is not complete yet, at most {@code limit} reasons; empty when it is. */
    public List<String> missing(int limit) {
        return site.missing(limit);
    }

    public boolean complete() {
        return site.complete();
    }

    /** The feed input of the current state with every article's body (call when {@link #complete()}). */
    public FeedInput input() {
        return input(articles -> null);
    }

    /**
     * The feed input of the current state (call when {@link #complete()}), with the bodies of the articles
     * {@code featured} names (all when it answers null); the others have an empty body.
     */
    public FeedInput input(Function<List<FeedInput.Article>, Set<String>> featured) {
        RevisionMarker newest = site.newest();
        if (newest == null) {
            throw new IllegalStateException("no revision marker yet");
        }
        Map<String, Fragment> fragments = site.fragments();
        List<FeedInput.Article> articles = new ArrayList<>();
        for (Entry e : site.entries().values()) {
            if (e.kind() != EntryKind.ARTICLE || e.article() == null) {
                continue;
            }
            Fragment f = fragments.get(e.path());
            Entry.Article a = e.article();
            articles.add(new FeedInput.Article(e.path(), a.title(), a.author(), a.authorUrl(), a.tags(),
                    e.created(), e.updated(), "", f == null ? null : f.abstractHtml()));
        }
        Set<String> withBody = featured.apply(articles);
        Map<String, Inflated> kept = new HashMap<>();
        articles.replaceAll(a -> withBody == null || withBody.contains(a.path()) ? withBody(a, kept) : a);
        inflated = kept;
        FeedInput.Site siteInput = new FeedInput.Site(config(BLOG_NAME), config(ROOT), config(UUID));
        return new FeedInput(siteInput, newest.commitTime(), articles);
    }

    /** {@code a} with its body, inflated unless the last build did that for the same bytes; noted in {@code kept}. */
    private FeedInput.Article withBody(FeedInput.Article a, Map<String, Inflated> kept) {
        byte[] body = bodies.get(a.path());
        if (body == null) {
            return a;
        }
        Inflated before = inflated.get(a.path());
        Inflated now = before != null && before.deflated() == body ? before
                : new Inflated(body, DeflatedText.inflate(body));
        kept.put(a.path(), now);
        return new FeedInput.Article(a.path(), a.title(), a.author(), a.authorUrl(), a.tags(),
                a.created(), a.updated(), now.text(), a.abstractHtml());
    }

    private static Fragment withoutBody(Fragment f) {
        return new Fragment(f.schemaVersion(), f.path(), f.revision(), f.contentHash(), f.renderKey(), null,
                f.abstractHtml(), null, null, null, null, f.error());
    }

    private String config(String path) {
        Entry e = site.entries().get(path);
        return e == null || e.kind() != EntryKind.CONFIG || e.config() == null ? null : e.config().value();
    }
}
