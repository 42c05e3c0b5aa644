package dev.gitblog.content.ingest;

import dev.gitblog.content.frontmatter.EntryClassifier;
import dev.gitblog.content.frontmatter.EntryClassifier.Classified;
import dev.gitblog.content.frontmatter.TextDecoding;
import dev.gitblog.content.history.HistoryWalker.History;
import dev.gitblog.content.history.HistoryWalker.PathDates;
import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entries of a walked head (revision field left null): each live path classified from its blob, with its
 * dates. Classifications are cached by (path, blob, flavor), so a push re-reads only the blobs it changed.
 */
public final class EntryBuilder {

    /** Article candidates larger than this are not read into memory. */
    static final int MAX_ARTICLE_BYTES = 16 * 1024 * 1024;

    private record Key(String path, ObjectId blob, String flavor) {
    }

    private Map<Key, Classified> cache = new HashMap<>();

    /** Blobs actually read by the last {@link #build} call (the rest came from the cache). */
    private int lastReads;

    public int lastReads() {
        return lastReads;
    }

    public Map<String, Entry> build(ObjectReader reader, History history) throws IOException {
        String flavor = EntryClassifier.markdownFlavor(configValue(reader, history, EntryClassifier.MARKDOWN_CONFIG));
        Map<Key, Classified> nextCache = new HashMap<>();
        Map<String, Entry> entries = new TreeMap<>();
        int reads = 0;
        for (var e : history.headBlobs().entrySet()) {
            String path = e.getKey();
            ObjectId blob = e.getValue();
            boolean candidate = !EntryClassifier.isStatic(path) && !EntryClassifier.isConfig(path);
            Key key = new Key(path, blob, candidate ? flavor : null);
            Classified c = cache.get(key);
            if (c == null) {
                c = classify(reader, path, blob, flavor);
                reads++;
            }
            nextCache.put(key, c);
            PathDates dates = history.paths().get(path);
            entries.put(path, c.toEntry(path, null, blob.name(), dates.created(), dates.updated()));
        }
        cache = nextCache;
        lastReads = reads;
        return entries;
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
            return new Classified(EntryKind.INVALID, null, null, null, null,
                    new Entry.Invalid("file larger than " + MAX_ARTICLE_BYTES / (1024 * 1024)
                            + " MiB: too large for an article; move it under static/", null), List.of());
        }
        return EntryClassifier.classify(path, bytes, flavor);
    }

    private static String configValue(ObjectReader reader, History history, String path) throws IOException {
        ObjectId blob = history.headBlobs().get(path);
        if (blob == null) {
            return null;
        }
        return TextDecoding.decodeLenient(reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(64 * 1024)).strip();
    }
}
