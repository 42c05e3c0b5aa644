package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.FeedDocument;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.RevisionMarker;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps what the four topics say (entries, fragments, feeds, the newest revision marker) and, when the
 * newest marker is complete (docs/PIPELINE.md), composes the {@link SiteSnapshot} of that revision.
 * Pages whose model did not change since the previous snapshot are reused as they are (same bytes,
 * gzip and ETag), so a push recomposes only what it touched.
 *
 * <p>Plain Java and not thread-safe: the caller serialises every call (one lock or one thread).
 */
public final class SiteAssembler {

    private static final Logger LOG = Logger.getLogger(SiteAssembler.class);

    /** How many "missing" items {@link #status()} lists at most. */
    public static final int STATUS_MISSING_LIMIT = 20;

    /** The feed whose revision tells that feed-service has finished a revision (PIPELINE.md). */
    public static final String ATOM = "atom";

    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Fragment> fragments = new HashMap<>();
    private final Map<String, FeedDocument> feeds = new HashMap<>();
    /** ARTICLE paths whose fragment is missing or was rendered from another content hash. */
    private final Set<String> awaitingFragment = new HashSet<>();
    private final SnapshotBuilder builder;

    private RevisionMarker newest;
    private SiteSnapshot last;
    private SnapshotBuilder.Stats lastStats = new SnapshotBuilder.Stats(0, 0, 0);

    /** With the Qute {@link PageComposer} (needs the Quarkus application). */
    public SiteAssembler() {
        this(new PageComposer());
    }

    /** With any composer (tests use a plain one). */
    public SiteAssembler(PageComposer composer) {
        this.builder = new SnapshotBuilder(Objects.requireNonNull(composer, "composer"));
    }

    /** An entry of {@code content.entries}; null is a tombstone (the path was deleted). */
    public void entry(String path, Entry entryOrNull) {
        if (entryOrNull == null) {
            entries.remove(path);
        } else {
            entries.put(path, slim(entryOrNull));
        }
        refreshFragmentState(path);
    }

    /** A fragment of {@code render.fragments}; null is a tombstone. */
    public void fragment(String path, Fragment fragmentOrNull) {
        if (fragmentOrNull == null) {
            fragments.remove(path);
        } else {
            fragments.put(path, slim(fragmentOrNull));
        }
        refreshFragmentState(path);
    }

    /** A document of {@code feed.documents}, keyed by feed path; null is a tombstone. */
    public void feed(String feedPath, FeedDocument docOrNull) {
        if (docOrNull == null) {
            feeds.remove(feedPath);
        } else {
            feeds.put(feedPath, docOrNull);
        }
    }

    /** A marker of {@code content.revisions}: the newest one seen is the one aimed at. */
    public void marker(RevisionMarker marker) {
        if (marker == null) {
            return;
        }
        if (newest != null && !Objects.equals(newest.revision(), marker.revision())) {
            String served = last == null ? null : last.revision();
            if (!Objects.equals(newest.revision(), served)) {
                LOG.infof("revision %s superseded by %s before it was complete", shortRev(newest.revision()),
                        shortRev(marker.revision()));
            }
        }
        newest = marker;
    }

    /**
     * The snapshot of the newest marker if it is complete (docs/PIPELINE.md, including the atom
     * condition) and differs from the last one returned; empty otherwise. Reuses unchanged pages of the
     * previous one.
     */
    public Optional<SiteSnapshot> completeSnapshot() {
        if (newest == null || (last != null && Objects.equals(last.revision(), newest.revision()))) {
            return Optional.empty();
        }
        if (!missing(1).isEmpty()) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        SnapshotBuilder.Result result = builder.build(newest, entries, fragments, feeds);
        long millis = (System.nanoTime() - start) / 1_000_000;
        lastStats = new SnapshotBuilder.Stats(result.recomposed(), result.reused(), millis);
        last = result.snapshot();
        // DEBUG: the serving side logs the swap at INFO with these numbers (AssemblyStatus)
        LOG.debugf("composed revision %s: %d pages recomposed, %d unchanged, %d articles, %d changed and %d removed"
                        + " paths in %d ms", shortRev(newest.revision()), result.recomposed(), result.reused(),
                last.articles().size(), newest.changedPaths().size(), newest.removedPaths().size(), millis);
        return Optional.of(last);
    }

    /** For health and /api/site: newest marker revision, served revision, what is still missing. */
    public AssemblyStatus status() {
        List<String> missing = newest == null ? List.of("no revision marker received yet") : missing(STATUS_MISSING_LIMIT);
        return new AssemblyStatus(
                newest == null ? null : newest.revision(),
                newest == null ? null : newest.publishedAt(),
                last == null ? null : last.revision(),
                entries.size(),
                newest == null ? -1 : newest.entryCount(),
                missing,
                lastStats.recomposed(), lastStats.reused(), lastStats.millis());
    }

    /** The last snapshot returned, if any. */
    public Optional<SiteSnapshot> lastSnapshot() {
        return Optional.ofNullable(last);
    }

    /** The completeness rule of docs/PIPELINE.md for the newest marker: what is missing, at most {@code limit}. */
    private List<String> missing(int limit) {
        List<String> out = new ArrayList<>();
        RevisionMarker m = newest;
        if (m == null) {
            out.add("no revision marker received yet");
            return out;
        }
        if (entries.size() != m.entryCount()) {
            out.add("entries: holding " + entries.size() + " of " + m.entryCount());
            if (out.size() >= limit) {
                return out;
            }
        }
        FeedDocument atom = feeds.get(ATOM);
        if (atom == null || !Objects.equals(atom.revision(), m.revision())) {
            out.add("atom feed for revision " + shortRev(m.revision())
                    + (atom == null ? " (no atom feed yet)" : " (have " + shortRev(atom.revision()) + ")"));
            if (out.size() >= limit) {
                return out;
            }
        }
        for (String path : m.changedPaths()) {
            Entry e = entries.get(path);
            if (e == null || !Objects.equals(e.revision(), m.revision())) {
                out.add("entry " + path + " at revision " + shortRev(m.revision()));
                if (out.size() >= limit) {
                    return out;
                }
            }
        }
        for (String path : m.removedPaths()) {
            if (entries.containsKey(path)) {
                out.add("removal of " + path);
                if (out.size() >= limit) {
                    return out;
                }
            }
        }
        for (String path : awaitingFragment) {
            out.add("fragment of " + path);
            if (out.size() >= limit) {
                return out;
            }
        }
        return out;
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

    /** Drops the markdown body of an article entry: pages come from the fragment, and 5,000 posts add up. */
    private static Entry slim(Entry e) {
        Entry.Article a = e.article();
        if (a == null || a.markdown() == null) {
            return e;
        }
        Entry.Article slimArticle = new Entry.Article(a.title(), a.author(), a.authorUrl(), a.abstractText(), a.tags(),
                a.extra(), null, a.markdownFlavor());
        return new Entry(e.schemaVersion(), e.path(), e.kind(), e.revision(), e.contentHash(), e.created(), e.updated(),
                slimArticle, e.redirect(), e.config(), e.staticAsset(), e.invalid(), e.warnings());
    }

    /** Keeps what pages and the API use of a fragment (not the excerpt, headings and link lists). */
    private static Fragment slim(Fragment f) {
        if (f.excerpt() == null && f.headings().isEmpty() && f.localLinks().isEmpty() && f.localImages().isEmpty()) {
            return f;
        }
        return new Fragment(f.schemaVersion(), f.path(), f.revision(), f.contentHash(), f.renderKey(), f.bodyHtml(),
                f.abstractHtml(), null, null, null, null, f.error());
    }

    static String shortRev(String revision) {
        if (revision == null) {
            return "(none)";
        }
        return revision.length() > 12 ? revision.substring(0, 12) : revision;
    }
}
