package dev.gitblog.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a consumer holds from {@code content.entries}, {@code render.fragments} and {@code content.revisions}
 * (entries and fragments by path, the newest revision marker), and the "revision complete" rule of
 * docs/PIPELINE.md over it, without the gateway's feed condition.
 *
 * <p>The rule is kept up to date record by record, so asking {@link #missing(int)} costs no more than the
 * answer: a cold start of 5,000 posts checks completeness after every record without rescanning the site.
 * A path counts as done when its entry carries exactly the marker's revision (a later one waits for its own
 * marker, so a snapshot never mixes two revisions).
 *
 * <p>Plain Java and not thread-safe: the caller serialises every call.
 */
public final class SiteState {

    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Fragment> fragments = new HashMap<>();
    /** ARTICLE paths whose fragment is missing or was rendered from another content hash. */
    private final Set<String> awaitingFragment = new TreeSet<>();

    private RevisionMarker newest;
    private Set<String> markerChanged = Set.of();
    private Set<String> markerRemoved = Set.of();
    /** Paths of the newest marker's changedPaths whose entry is not at its revision yet. */
    private final Set<String> pendingChanged = new TreeSet<>();
    /** Paths of the newest marker's removedPaths that are still live. */
    private final Set<String> pendingRemoved = new TreeSet<>();

    /** An entry of {@code content.entries}; null is a tombstone (the path was deleted). */
    public void entry(String path, Entry entryOrNull) {
        if (entryOrNull == null) {
            entries.remove(path);
        } else {
            entries.put(path, entryOrNull);
        }
        refreshFragmentState(path);
        refreshMarkerState(path);
    }

    /** A fragment of {@code render.fragments}; null is a tombstone. */
    public void fragment(String path, Fragment fragmentOrNull) {
        if (fragmentOrNull == null) {
            fragments.remove(path);
        } else {
            fragments.put(path, fragmentOrNull);
        }
        refreshFragmentState(path);
    }

    /** A marker of {@code content.revisions}: the newest one seen is the one aimed at. */
    public void marker(RevisionMarker marker) {
        newest = Objects.requireNonNull(marker, "marker");
        markerChanged = new HashSet<>(marker.changedPaths());
        markerRemoved = new HashSet<>(marker.removedPaths());
        pendingChanged.clear();
        pendingRemoved.clear();
        for (String path : markerChanged) {
            refreshMarkerState(path);
        }
        for (String path : markerRemoved) {
            refreshMarkerState(path);
        }
    }

    /** The newest marker seen, or null. */
    public RevisionMarker newest() {
        return newest;
    }

    /** The live entries by path (a read-only view). */
    public Map<String, Entry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** The fragments by path (a read-only view). */
    public Map<String, Fragment> fragments() {
        return Collections.unmodifiableMap(fragments);
    }

    /** Why the newest marker is not complete yet, at most {@code limit} reasons, in a stable order; empty when it is. */
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
        String rev = shortRevision(m.revision());
        addUpTo(out, limit, pendingChanged, path -> "entry " + path + " at revision " + rev);
        addUpTo(out, limit, pendingRemoved, path -> "removal of " + path);
        addUpTo(out, limit, awaitingFragment, path -> "fragment of " + path + " for content " + entries.get(path).contentHash());
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    /** The newest marker is complete (without any feed condition). */
    public boolean complete() {
        return newest != null && entries.size() == newest.entryCount() && pendingChanged.isEmpty()
                && pendingRemoved.isEmpty() && awaitingFragment.isEmpty();
    }

    /** The first 12 characters of a revision id, for messages; "(none)" for null. */
    public static String shortRevision(String revision) {
        if (revision == null) {
            return "(none)";
        }
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
    }

    private static void addUpTo(List<String> out, int limit, Set<String> paths,
            java.util.function.Function<String, String> reason) {
        for (String path : paths) {
            if (out.size() >= limit) {
                return;
            }
            out.add(reason.apply(path));
        }
    }

    private void refreshFragmentState(String path) {
        Entry e = entries.get(path);
        if (e == null || e.kind() != EntryKind.ARTICLE) {
            awaitingFragment.remove(path);
            return;
        }
        Fragment f = fragments.get(path);
        if (f != null && Objects.equals(f.contentHash(), e.contentHash())) {
            awaitingFragment.remove(path);
        } else {
            awaitingFragment.add(path);
        }
    }

    private void refreshMarkerState(String path) {
        if (newest == null) {
            return;
        }
        Entry e = entries.get(path);
        if (markerChanged.contains(path)) {
            if (e != null && Objects.equals(e.revision(), newest.revision())) {
                pendingChanged.remove(path);
            } else {
                pendingChanged.add(path);
            }
        }
        if (markerRemoved.contains(path)) {
            if (e == null) {
                pendingRemoved.remove(path);
            } else {
                pendingRemoved.add(path);
            }
        }
    }
}
