package dev.gitblog.content.ingest;

import dev.gitblog.content.frontmatter.EntryClassifier;
import dev.gitblog.content.frontmatter.EntryClassifier.Classified;
import dev.gitblog.content.frontmatter.RawFiles;
import dev.gitblog.content.frontmatter.TextDecoding;
import dev.gitblog.content.history.HistoryWalker;
import dev.gitblog.content.history.HistoryWalker.History;
import dev.gitblog.content.history.HistoryWalker.PathDates;
import dev.gitblog.content.history.TreeDiff;
import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The entries of a walked head (revision field left null): each live path classified from its blob, with its
 * dates. Classifications are cached by path (blob and flavor checked), so a push re-reads only the blobs it
 * changed; given the set of changed paths ({@link HistoryWalker.WalkResult#changedPaths()}), a build touches only
 * those and keeps every other entry of the previous build as it is.
 * <p>
 * Memory: what the builder keeps between builds has no markdown ({@link Entry#withoutMarkdown()}; at 5,000 posts
 * the bodies are most of the heap). An entry read from the blob in this build has its markdown; one kept from
 * before has none, and {@link #withMarkdown} reads it back from its blob when it is to be published.
 */
public final class EntryBuilder {

    /** Article candidates larger than this are not read into memory. */
    static final int MAX_ARTICLE_BYTES = 16 * 1024 * 1024;

    /**
     * Markdown a read-ahead holds at most (characters): it is held while the walk still keeps its own caches, so
     * this bounds what the two add up to; a build reads whatever the read-ahead left. A 5,000-post history is about
     * 60 million characters, all read ahead.
     */
    static final long READ_AHEAD_CHARS = 64L << 20;

    private record Cached(ObjectId blob, String flavor, Classified classified) {
        Cached withoutMarkdown() {
            Classified c = classified;
            if (c.article() == null || c.article().markdown() == null) {
                return this;
            }
            Entry.Article a = c.article();
            return new Cached(blob, flavor, new Classified(c.kind(), new Entry.Article(a.title(), a.author(),
                    a.authorUrl(), a.abstractText(), a.tags(), a.extra(), null, a.markdownFlavor()), c.redirect(),
                    c.config(), c.staticAsset(), c.invalid(), c.warnings()));
        }
    }

    /**
     * {@code entry} with its markdown: as it is when it has it, else with the markdown read again from its blob
     * (its content hash) as {@link #build} had read it; every other field stays as it is (a preview may have
     * changed the kind or title of a draft). The markdown is a function of the blob alone.
     */
    public Entry withMarkdown(ObjectReader reader, Entry entry) throws IOException {
        Entry.Article a = entry.article();
        if (a == null || a.markdown() != null) {
            return entry;
        }
        ObjectId blob = ObjectId.fromString(entry.contentHash());
        Classified c = classify(reader, entry.path(), blob, a.markdownFlavor());
        if (c.article() == null || c.article().markdown() == null) {
            throw new IllegalStateException(entry.path() + ": blob " + entry.contentHash()
                    + " has no markdown body to publish");
        }
        return new Entry(entry.schemaVersion(), entry.path(), entry.kind(), entry.revision(), entry.contentHash(),
                entry.created(), entry.updated(), new Entry.Article(a.title(), a.author(), a.authorUrl(),
                a.abstractText(), a.tags(), a.extra(), c.article().markdown(), a.markdownFlavor()),
                entry.redirect(), entry.config(), entry.staticAsset(), entry.invalid(), entry.warnings());
    }

    /**
     * Classifications read ahead of a build ({@link #readAhead}): the blobs of a head's tree that the cache did not
     * hold, each for its path.
     */
    public static final class ReadAhead {
        /** Nothing read ahead: a build reads every blob it needs itself. */
        public static final ReadAhead NONE = new ReadAhead(Map.of());

        private final Map<String, Cached> classified;

        private ReadAhead(Map<String, Cached> classified) {
            this.classified = classified;
        }

        /** Blobs read ahead. */
        public int size() {
            return classified.size();
        }

        private Cached take(String path, ObjectId blob, String flavor) {
            Cached c = classified.get(path);
            return c != null && c.blob().equals(blob) && Objects.equals(c.flavor(), flavor) ? c : null;
        }
    }

    private Map<String, Cached> cache = new HashMap<>();
    /** The result of the last build and the flavor it used (null before the first build). */
    private Map<String, Entry> last;
    private String lastFlavor;

    /** Blobs actually read by the last {@link #build} call (the rest came from the cache). */
    private int lastReads;
    /** Of those, the ones a read-ahead had read. */
    private int lastReadAhead;
    /** Entries (re)built by the last call; the rest were kept from the previous build. */
    private int lastBuilt;
    private boolean rebuiltAll;

    public int lastReads() {
        return lastReads;
    }

    /** Of {@link #lastReads()}, the blobs that {@link #readAhead} had read before the build. */
    public int lastReadAhead() {
        return lastReadAhead;
    }

    public int lastBuilt() {
        return lastBuilt;
    }

    /**
     * Whether the last build looked at every path (first build, no change set, or the markdown flavor changed,
     * which changes every article): then the caller must compare every entry, not only the changed paths.
     */
    public boolean rebuiltAll() {
        return rebuiltAll;
    }

    /**
     * Reads ahead of the next build, while the history is still being walked: classifies every blob that
     * {@code headTree} has and {@code previousTree} has not (all of them when it is null), as the build would, unless
     * the cache already holds it for its path. The previous tree is the head the cache was built for, so an edit
     * reads only what it changed. It reads only the builder's cache, which nothing changes until the next
     * {@link #build}, so it may run on another thread than the builds (with its own reader) as long as that build
     * starts after it ended. It stops once it holds {@link #READ_AHEAD_CHARS} of markdown.
     */
    public ReadAhead readAhead(ObjectReader reader, ObjectId previousTree, ObjectId headTree) throws IOException {
        return readAhead(reader, previousTree, headTree, READ_AHEAD_CHARS);
    }

    /** As {@link #readAhead(ObjectReader, ObjectId, ObjectId)}, stopping once it holds {@code maxChars} of markdown. */
    ReadAhead readAhead(ObjectReader reader, ObjectId previousTree, ObjectId headTree, long maxChars)
            throws IOException {
        Map<String, ObjectId> blobs = new LinkedHashMap<>();
        TreeDiff.diff(reader, previousTree, headTree, (path, mode, blob) -> {
            if (HistoryWalker.isBlob(mode)) {
                blobs.put(path, blob);
            }
        });
        ObjectId config;
        try (TreeWalk walk = TreeWalk.forPath(reader, EntryClassifier.MARKDOWN_CONFIG, headTree)) {
            config = walk == null ? null : walk.getObjectId(0);
        }
        String flavor = EntryClassifier.markdownFlavor(configValue(reader, config));
        Map<String, Cached> classified = new HashMap<>();
        long chars = 0;
        for (var e : blobs.entrySet()) {
            if (chars >= maxChars) {
                break;
            }
            String path = e.getKey();
            ObjectId blob = e.getValue();
            if (lookup(path, blob, flavor) == null) {
                Cached c = read(reader, path, blob, flavor);
                classified.put(path, c);
                Entry.Article a = c.classified().article();
                chars += a == null || a.markdown() == null ? 0 : a.markdown().length();
            }
        }
        return new ReadAhead(classified);
    }

    /** Every entry of the head, each path looked at (blobs read only when not cached). */
    public Map<String, Entry> build(ObjectReader reader, History history) throws IOException {
        return build(reader, history, null, ReadAhead.NONE);
    }

    /** Every entry of the head, looking at {@code changed} only (null: every path), with nothing read ahead. */
    public Map<String, Entry> build(ObjectReader reader, History history, Set<String> changed) throws IOException {
        return build(reader, history, changed, ReadAhead.NONE);
    }

    /** The classification of {@code blob} at {@code path}: from the cache when it is still valid, else read (counted). */
    private Cached cachedOrClassified(ObjectReader reader, String path, ObjectId blob, String flavor,
                                      ReadAhead readAhead) throws IOException {
        Cached c = lookup(path, blob, flavor);
        if (c == null) {
            c = readAhead.take(path, blob, candidateFlavor(path, flavor));
            if (c == null) {
                c = read(reader, path, blob, flavor);
            } else {
                lastReadAhead++;
            }
            lastReads++;
        }
        return c;
    }

    /** {@code blob} at {@code path} read and classified, for the cache. */
    private static Cached read(ObjectReader reader, String path, ObjectId blob, String flavor) throws IOException {
        return new Cached(blob, candidateFlavor(path, flavor), classify(reader, path, blob, flavor));
    }

    /**
     * @param changed   the paths that may differ since the previous build (a superset is fine), or null when
     *                  anything may have changed: then every path is looked at
     * @param readAhead what {@link #readAhead} classified for this head since the previous build, or
     *                  {@link ReadAhead#NONE}
     */
    public Map<String, Entry> build(ObjectReader reader, History history, Set<String> changed, ReadAhead readAhead)
            throws IOException {
        String flavor = EntryClassifier.markdownFlavor(configValue(reader,
                history.headBlobs().get(EntryClassifier.MARKDOWN_CONFIG)));
        lastReads = 0;
        lastReadAhead = 0;
        int built = 0;
        Map<String, Entry> entries;
        rebuiltAll = changed == null || last == null || !Objects.equals(flavor, lastFlavor);
        if (rebuiltAll) {
            Map<String, Cached> nextCache = new HashMap<>();
            entries = new TreeMap<>();
            for (var e : history.headBlobs().entrySet()) {
                String path = e.getKey();
                ObjectId blob = e.getValue();
                Cached c = cachedOrClassified(reader, path, blob, flavor, readAhead);
                nextCache.put(path, c.withoutMarkdown());
                entries.put(path, toEntry(history, path, c));
                built++;
            }
            cache = nextCache;
        } else {
            entries = new TreeMap<>(last);
            for (String path : changed) {
                ObjectId blob = history.headBlobs().get(path);
                if (blob == null) {
                    entries.remove(path);
                    cache.remove(path);
                    continue;
                }
                Cached c = cachedOrClassified(reader, path, blob, flavor, readAhead);
                cache.put(path, c.withoutMarkdown());
                entries.put(path, toEntry(history, path, c));
                built++;
            }
        }
        Map<String, Entry> kept = new TreeMap<>(entries);
        kept.replaceAll((path, e) -> e.withoutMarkdown());
        last = kept;
        lastFlavor = flavor;
        lastBuilt = built;
        return entries;
    }

    private Cached lookup(String path, ObjectId blob, String flavor) {
        Cached c = cache.get(path);
        return c != null && c.blob().equals(blob) && Objects.equals(c.flavor(), candidateFlavor(path, flavor))
                ? c : null;
    }

    /** The flavor a classification depends on: only article candidates are rendered with it. */
    private static String candidateFlavor(String path, String flavor) {
        return EntryClassifier.isStatic(path) || EntryClassifier.isConfig(path) ? null : flavor;
    }

    private static Entry toEntry(History history, String path, Cached c) {
        PathDates dates = history.paths().get(path);
        return c.classified().toEntry(path, null, c.blob().name(), dates.created(), dates.updated());
    }
    private static Classified classify(ObjectReader reader, String path, ObjectId blob, String flavor)
            throws IOException {
        if (EntryClassifier.isStatic(path)) {
            return EntryClassifier.classifyStatic(path, reader.getObjectSize(blob, Constants.OBJ_BLOB));
        }
        byte[] bytes;
        try {
            bytes = reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(MAX_ARTICLE_BYTES);
        } catch (LargeObjectException e) {
            if (RawFiles.hasMediaExtension(path)) {
                return EntryClassifier.classifyStatic(path, reader.getObjectSize(blob, Constants.OBJ_BLOB));
            }
            return new Classified(EntryKind.INVALID, null, null, null, null,
                    new Entry.Invalid("file larger than " + MAX_ARTICLE_BYTES / (1024 * 1024)
                            + " MiB: too large for an article; move it under static/", null), List.of());
        }
        return EntryClassifier.classify(path, bytes, flavor);
    }

    /** The text of a config file's blob, stripped; null for no blob. */
    private static String configValue(ObjectReader reader, ObjectId blob) throws IOException {
        if (blob == null) {
            return null;
        }
        return TextDecoding.decodeLenient(reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(64 * 1024)).strip();
    }
}
