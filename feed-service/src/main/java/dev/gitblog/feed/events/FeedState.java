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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    /**
     * The body HTML of the fragments of {@link #candidates}, deflated; the fragments in {@link #site} are kept
     * without it.
     */
    private final Map<String, byte[]> bodies = new HashMap<>();
    /** How the candidates follow from the articles ({@link #keepCandidates}); null: every body is kept. */
    private Function<List<FeedInput.Article>, Set<String>> candidatesOf;
    /** The articles whose bodies are kept ({@link #keepsBody}), as of the entries when they were taken. */
    private Set<String> candidates;
    /** An entry came since the candidates were taken: they are taken again when next asked for. */
    private boolean candidatesStale = true;
    /** Paths whose fragment is here without its body: read back ({@link #restoreBody}) once one is featured. */
    private final Set<String> omitted = new HashSet<>();
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
        candidatesStale = true;
        site.entry(path, entry == null ? null : entry.withoutMarkdown());
    }

    /** A fragment, or a tombstone ({@code fragment == null}) for {@code path}; its body is kept deflated. */
    public void fragment(String path, Fragment fragment) {
        omitted.remove(path);
        if (fragment == null || fragment.bodyHtml() == null) {
            bodies.remove(path);
        } else {
            bodies.put(path, DeflatedText.deflate(fragment.bodyHtml()));
        }
        site.fragment(path, fragment == null ? null : withoutBody(fragment));
    }

    /**
     * Whether the body of {@code path}'s next fragment is kept: it is one of the {@link #candidates}, or its entry
     * is not here yet (a catch-up may read a fragment before its entry), or no candidates are known yet. The
     * caller reads a fragment whose body is not kept without decoding the body, and gives it to
     * {@link #fragmentWithoutBody}.
     */
    public boolean keepsBody(String path) {
        if (candidatesOf == null) {
            return true;
        }
        if (candidatesStale) {
            refreshCandidates();
        }
        return candidates.contains(path) || !site.entries().containsKey(path);
    }

    /** A fragment whose body was left out (see {@link #keepsBody}); it is read back if the article is featured. */
    public void fragmentWithoutBody(String path, Fragment fragment) {
        bodies.remove(path);
        omitted.add(path);
        site.fragment(path, withoutBody(fragment));
    }

    /**
     * From now on only the bodies of the candidates are kept: {@code candidatesOf} names them among the articles
     * (the newest two feeds' worth of the site and of each tag, {@code FeedBuilder#candidates}). They are taken
     * from the entries again when a body is next asked about after an entry came (once per poll of fragments in a
     * burst, not per record), and the bodies of the others are dropped then.
     */
    public void keepCandidates(Function<List<FeedInput.Article>, Set<String>> candidatesOf) {
        this.candidatesOf = candidatesOf;
        this.candidatesStale = true;
    }

    private void refreshCandidates() {
        candidatesStale = false;
        candidates = Set.copyOf(candidatesOf.apply(articles()));
        for (var i = bodies.keySet().iterator(); i.hasNext(); ) {
            String path = i.next();
            if (!keepsBody(path)) {
                i.remove();
                omitted.add(path);
            }
        }
    }

    /** The articles {@code featuredOf} names among the current ones (what a build writes with their bodies). */
    public Set<String> featured(Function<List<FeedInput.Article>, Set<String>> featuredOf) {
        return featuredOf.apply(articles());
    }

    /**
     * The articles of {@code featured} (from {@link #featured}; null: every article) whose bodies must be read back
     * before {@link #input} can write them.
     */
    public Set<String> bodiesToReadBack(Set<String> featured) {
        Set<String> missing = new HashSet<>();
        for (String path : omitted) {
            if (featured == null || featured.contains(path)) {
                missing.add(path);
            }
        }
        return missing;
    }

    /**
     * A fragment read back from the fragments topic for a path whose body was left out: its body is kept if it is
     * the fragment this state holds (same content hash and render key); false if it is not (the topic is ahead or
     * behind this state), and the body is still missing.
     */
    public boolean restoreBody(String path, Fragment readBack) {
        Fragment held = site.fragments().get(path);
        if (!omitted.contains(path) || held == null || readBack == null || readBack.bodyHtml() == null
                || !Objects.equals(held.contentHash(), readBack.contentHash())
                || !Objects.equals(held.renderKey(), readBack.renderKey())) {
            return false;
        }
        bodies.put(path, DeflatedText.deflate(readBack.bodyHtml()));
        omitted.remove(path);
        return true;
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
        List<FeedInput.Article> articles = articles();
        Set<String> withBody = featured.apply(articles);
        for (String path : omitted) {
            if (withBody == null || withBody.contains(path)) {
                throw new IllegalStateException("the body of " + path + " is featured but not read back");
            }
        }
        Map<String, Inflated> kept = new HashMap<>();
        articles.replaceAll(a -> withBody == null || withBody.contains(a.path()) ? withBody(a, kept) : a);
        inflated = kept;
        FeedInput.Site siteInput = new FeedInput.Site(config(BLOG_NAME), config(ROOT), config(UUID));
        return new FeedInput(siteInput, newest.commitTime(), articles);
    }

    /** Every article of the entries, with its abstract and without a body. */
    private List<FeedInput.Article> articles() {
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
        return articles;
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
