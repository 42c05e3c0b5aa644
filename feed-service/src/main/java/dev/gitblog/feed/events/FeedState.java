package dev.gitblog.feed.events;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.RevisionMarker;
import dev.gitblog.feed.feed.FeedInput;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What feed-service knows from the topics: entries and fragments by path and the newest revision
 * marker; and the completeness rule of docs/PIPELINE.md (without the feed condition, which is ours
 * to fulfil). Plain Java, not thread-safe: the caller serialises every call.
 */
public final class FeedState {

    static final String BLOG_NAME = ".config/blog_name";
    static final String ROOT = ".config/root";
    static final String UUID = ".config/uuid";

    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Fragment> fragments = new HashMap<>();
    private RevisionMarker newest;

    /** An entry, or a tombstone ({@code entry == null}) for {@code path}. */
    public void entry(String path, Entry entry) {
        if (entry == null) {
            entries.remove(path);
        } else {
            entries.put(path, entry);
        }
    }

    /** A fragment, or a tombstone ({@code fragment == null}) for {@code path}. */
    public void fragment(String path, Fragment fragment) {
        if (fragment == null) {
            fragments.remove(path);
        } else {
            fragments.put(path, fragment);
        }
    }

    /** The newest marker seen (markers arrive in order on their single partition). */
    public void marker(RevisionMarker marker) {
        newest = Objects.requireNonNull(marker, "marker");
    }

    public RevisionMarker newest() {
        return newest;
    }

    public int entryCount() {
        return entries.size();
    }

    /** Why the newest marker is not complete yet, at most {@code limit} reasons; empty when it is. */
    public List<String> missing(int limit) {
        List<String> out = new ArrayList<>();
        RevisionMarker m = newest;
        if (m == null) {
            out.add("no revision marker received yet");
            return out;
        }
        if (entries.size() != m.entryCount()) {
            out.add("entries: holding " + entries.size() + " of " + m.entryCount());
        }
        for (String path : m.changedPaths()) {
            if (out.size() >= limit) {
                return out;
            }
            Entry e = entries.get(path);
            if (e == null || !Objects.equals(e.revision(), m.revision())) {
                out.add("entry " + path + " at revision " + m.revision());
            }
        }
        for (String path : m.removedPaths()) {
            if (out.size() >= limit) {
                return out;
            }
            if (entries.containsKey(path)) {
                out.add("removal of " + path);
            }
        }
        for (Entry e : entries.values()) {
            if (out.size() >= limit) {
                return out;
            }
            if (e.kind() == EntryKind.ARTICLE) {
                Fragment f = fragments.get(e.path());
                if (f == null || !Objects.equals(f.contentHash(), e.contentHash())) {
                    out.add("fragment of " + e.path() + " for content " + e.contentHash());
                }
            }
        }
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    public boolean complete() {
        return missing(1).isEmpty();
    }

    /** The feed input of the current state (call when {@link #complete()}). */
    public FeedInput input() {
        if (newest == null) {
            throw new IllegalStateException("no revision marker yet");
        }
        List<FeedInput.Article> articles = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.kind() != EntryKind.ARTICLE || e.article() == null) {
                continue;
            }
            Fragment f = fragments.get(e.path());
            Entry.Article a = e.article();
            articles.add(new FeedInput.Article(e.path(), a.title(), a.author(), a.authorUrl(), a.tags(),
                    e.created(), e.updated(), f == null ? "" : f.bodyHtml(), f == null ? null : f.abstractHtml()));
        }
        FeedInput.Site site = new FeedInput.Site(config(BLOG_NAME), config(ROOT), config(UUID));
        return new FeedInput(site, newest.commitTime(), articles);
    }

    private String config(String path) {
        Entry e = entries.get(path);
        return e == null || e.kind() != EntryKind.CONFIG || e.config() == null ? null : e.config().value();
    }
}
