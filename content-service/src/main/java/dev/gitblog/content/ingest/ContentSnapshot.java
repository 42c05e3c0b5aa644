package dev.gitblog.content.ingest;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The published state of one revision, immutable; swapped in whole after its marker was acknowledged. */
public record ContentSnapshot(String revision, String previousRevision, Instant commitTime, Instant publishedAt,
                              Map<String, Entry> entries, Map<String, Entry> staticByHash) {

    public static ContentSnapshot of(String revision, String previousRevision, Instant commitTime,
                                     Instant publishedAt, Map<String, Entry> entries) {
        Map<String, Entry> byHash = new HashMap<>();
        for (Entry e : entries.values()) {
            if (e.kind() == EntryKind.STATIC && e.contentHash() != null) {
                byHash.putIfAbsent(e.contentHash(), e);
            }
        }
        return new ContentSnapshot(revision, previousRevision, commitTime, publishedAt,
                Collections.unmodifiableMap(new TreeMap<>(entries)), Collections.unmodifiableMap(byHash));
    }

    public Map<EntryKind, Integer> countsByKind() {
        Map<EntryKind, Integer> counts = new EnumMap<>(EntryKind.class);
        for (EntryKind k : EntryKind.values()) {
            counts.put(k, 0);
        }
        entries.values().forEach(e -> counts.merge(e.kind(), 1, Integer::sum));
        return counts;
    }
}
