package dev.gitblog.content.events;

import dev.gitblog.events.Entry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What to send for a revision, as a pure function of what is already published and what the revision
 * contains: every entry whose value differs (ignoring its {@code revision} field, which only says when it was
 * last published), a tombstone for every published path that is gone, nothing for the rest.
 * <p>
 * Values are compared without the article's markdown: the markdown is a function of the blob (the content hash)
 * and the flavor, both compared, so the published values and {@link #next()} are kept without it
 * ({@link Entry#withoutMarkdown()}). Entries in {@link #changed()} are as given, with or without markdown.
 *
 * @param changed   entries to publish, stamped with the new revision, in path order
 * @param removed   paths to tombstone, in path order
 * @param unchanged how many live entries keep their published value
 * @param next      the live entries after this revision (published values for the unchanged ones)
 */
public record PublishPlan(List<Entry> changed, List<String> removed, int unchanged, Map<String, Entry> next) {

    public PublishPlan {
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        next = Collections.unmodifiableMap(next);
    }

    /**
     * @param published the entries on the topic (path to value)
     * @param computed  the entries of the revision, revision field ignored
     * @param revision  the head commit id to stamp on changed entries
     */
    public static PublishPlan of(Map<String, Entry> published, Map<String, Entry> computed, String revision) {
        List<Entry> changed = new ArrayList<>();
        Map<String, Entry> next = new TreeMap<>();
        int unchanged = 0;
        for (Entry entry : new TreeMap<>(computed).values()) {
            Entry current = published.get(entry.path());
            if (current != null && sameValue(current, entry)) {
                next.put(entry.path(), current.withoutMarkdown());
                unchanged++;
            } else {
                Entry stamped = withRevision(entry, revision);
                changed.add(stamped);
                next.put(entry.path(), stamped.withoutMarkdown());
            }
        }
        List<String> removed = new ArrayList<>();
        for (String path : new TreeMap<>(published).keySet()) {
            if (!computed.containsKey(path)) {
                removed.add(path);
            }
        }
        return new PublishPlan(changed, removed, unchanged, next);
    }

    /**
     * The same plan as {@link #of}, computed from the paths that may have changed only: a push costs what it
     * changed, not the size of the blog.
     *
     * @param published the entries on the topic (path to value)
     * @param previous  the live entries of the last plan whose marker was sent ({@link #next()} of it)
     * @param computed  the entries of the revision, revision field ignored (only {@code changed} paths are read)
     * @param changed   every path whose computed entry may differ from {@code previous} or whose published
     *                  value may differ from it (paths of an unfinished earlier publish), in any order
     * @param revision  the head commit id to stamp on changed entries
     */
    public static PublishPlan incremental(Map<String, Entry> published, Map<String, Entry> previous,
                                          Map<String, Entry> computed, Set<String> changed, String revision) {
        List<Entry> sent = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Map<String, Entry> next = new TreeMap<>(previous);
        for (String path : new TreeSet<>(changed)) {
            Entry entry = computed.get(path);
            Entry current = published.get(path);
            if (entry == null) {
                next.remove(path);
                if (current != null) {
                    removed.add(path);
                }
            } else if (current != null && sameValue(current, entry)) {
                next.put(path, current.withoutMarkdown());
            } else {
                Entry stamped = withRevision(entry, revision);
                sent.add(stamped);
                next.put(path, stamped.withoutMarkdown());
            }
        }
        return new PublishPlan(sent, removed, next.size() - sent.size(), next);
    }

    public boolean isEmpty() {
        return changed.isEmpty() && removed.isEmpty();
    }

    public List<String> changedPaths() {
        return changed.stream().map(Entry::path).toList();
    }

    /** Whether two entries carry the same value: all but the revision stamp and the markdown compared. */
    public static boolean sameValue(Entry a, Entry b) {
        return withRevision(a.withoutMarkdown(), null).equals(withRevision(b.withoutMarkdown(), null));
    }

    public static Entry withRevision(Entry e, String revision) {
        return new Entry(e.schemaVersion(), e.path(), e.kind(), revision, e.contentHash(), e.created(), e.updated(),
                e.article(), e.redirect(), e.config(), e.staticAsset(), e.invalid(), e.warnings());
    }
}
