package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.events.FeedDocument;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.RevisionMarker;
import dev.gitblog.events.SiteState;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    /** Entries, fragments, the newest marker and the completeness rule shared with feed-service. */
    private final SiteState state = new SiteState();
    /** The feeds by feed path: each document without its text, which is a page in the store. */
    private final Map<String, SnapshotBuilder.StoredFeed> feeds = new HashMap<>();
    /** The fragments' body HTML by path, in the store (the fragments in {@link #state} come without it). */
    private final Map<String, Content> bodies = new HashMap<>();
    private final ContentStore store;
    private final SnapshotBuilder builder;

    private SiteSnapshot last;
    private SnapshotBuilder.Stats lastStats = new SnapshotBuilder.Stats(0, 0, 0);

    /** With the Qute {@link PageComposer} (needs the Quarkus application). */
    public SiteAssembler() {
        this(new PageComposer());
    }

    /** With the Qute {@link PageComposer}, pages and bodies kept in {@code store}. */
    public SiteAssembler(ContentStore store) {
        this(new PageComposer(), store);
    }

    /** With any composer (tests use a plain one), everything in the heap. */
    public SiteAssembler(PageComposer composer) {
        this(composer, ContentStore.IN_HEAP);
    }

    public SiteAssembler(PageComposer composer, ContentStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.builder = new SnapshotBuilder(Objects.requireNonNull(composer, "composer"), store);
    }

    /** An entry of {@code content.entries}; null is a tombstone (the path was deleted). */
    public void entry(String path, Entry entryOrNull) {
        // pages come from the fragment: the markdown body is not kept (5,000 posts add up)
        state.entry(path, entryOrNull == null ? null : entryOrNull.withoutMarkdown());
    }

    /** A fragment of {@code render.fragments}; null is a tombstone. */
    public void fragment(String path, Fragment fragmentOrNull) {
        if (fragmentOrNull == null) {
            bodies.remove(path);
            state.fragment(path, null);
            return;
        }
        String html = fragmentOrNull.bodyHtml() == null ? "" : fragmentOrNull.bodyHtml();
        bodies.put(path, store.putBytes(html.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        state.fragment(path, slim(fragmentOrNull));
    }

    /** A document of {@code feed.documents}, keyed by feed path; null is a tombstone. */
    public void feed(String feedPath, FeedDocument docOrNull) {
        if (docOrNull == null) {
            feeds.remove(feedPath);
        } else {
            String body = docOrNull.body() == null ? "" : docOrNull.body();
            feeds.put(feedPath, new SnapshotBuilder.StoredFeed(slim(docOrNull),
                    store.putPage(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
    }

    /** A marker of {@code content.revisions}: the newest one seen is the one aimed at. */
    public void marker(RevisionMarker marker) {
        if (marker == null) {
            return;
        }
        RevisionMarker newest = state.newest();
        if (newest != null && !Objects.equals(newest.revision(), marker.revision())) {
            String served = last == null ? null : last.revision();
            if (!Objects.equals(newest.revision(), served)) {
                LOG.infof("revision %s superseded by %s before it was complete", shortRev(newest.revision()),
                        shortRev(marker.revision()));
            }
        }
        state.marker(marker);
    }

    /**
     * The snapshot of the newest marker if it is complete (docs/PIPELINE.md, including the atom
     * condition) and differs from the last one returned; empty otherwise. Reuses unchanged pages of the
     * previous one.
     */
    public Optional<SiteSnapshot> completeSnapshot() {
        RevisionMarker newest = state.newest();
        if (newest == null || (last != null && Objects.equals(last.revision(), newest.revision()))) {
            return Optional.empty();
        }
        if (!state.complete() || !atomReady(newest)) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        SnapshotBuilder.Result result = builder.build(newest, state.entries(), state.fragments(), bodies, feeds);
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
        RevisionMarker newest = state.newest();
        List<String> missing = newest == null ? List.of("no revision marker received yet") : missing(STATUS_MISSING_LIMIT);
        return new AssemblyStatus(
                newest == null ? null : newest.revision(),
                newest == null ? null : newest.publishedAt(),
                last == null ? null : last.revision(),
                state.entries().size(),
                newest == null ? -1 : newest.entryCount(),
                missing,
                lastStats.recomposed(), lastStats.reused(), lastStats.millis(), null);
    }

    /**
     * The store files this assembler still needs: the last snapshot's (the next build reuses its pages) and
     * the fragments' bodies.
     */
    public java.util.Set<String> liveContentNames() {
        java.util.Set<String> names = last == null ? new java.util.HashSet<>() : last.contentNames();
        for (Content c : bodies.values()) {
            names.add(c.name());
        }
        for (SnapshotBuilder.StoredFeed f : feeds.values()) {
            names.add(f.files().identity().name());
            if (f.files().gzip() != null) {
                names.add(f.files().gzip().name());
            }
        }
        return names;
    }

    /** The last snapshot returned, if any. */
    public Optional<SiteSnapshot> lastSnapshot() {
        return Optional.ofNullable(last);
    }

    /**
     * The completeness rule of docs/PIPELINE.md for the newest marker, with the gateway's atom condition
     * after the entry count: what is missing, at most {@code limit}.
     */
    private List<String> missing(int limit) {
        RevisionMarker m = state.newest();
        List<String> out = new ArrayList<>(state.missing(limit));
        if (m == null || atomReady(m)) {
            return out;
        }
        FeedDocument atom = feeds.containsKey(FeedDocument.LAST_FEED_PATH) ? feeds.get(FeedDocument.LAST_FEED_PATH).doc() : null;
        int at = out.isEmpty() || !out.get(0).startsWith("entries: ") ? 0 : 1;
        out.add(at, "atom feed for revision " + shortRev(m.revision())
                + (atom == null ? " (no atom feed yet)" : " (have " + shortRev(atom.revision()) + ")"));
        return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
    }

    private boolean atomReady(RevisionMarker m) {
        FeedDocument atom = feeds.containsKey(FeedDocument.LAST_FEED_PATH) ? feeds.get(FeedDocument.LAST_FEED_PATH).doc() : null;
        return atom != null && Objects.equals(atom.revision(), m.revision());
    }

    /**
     * Keeps what pages and the API use of a fragment, without the body HTML (kept in the store, see
     * {@link #bodies}), the excerpt, headings and link lists.
     */
    private static FeedDocument slim(FeedDocument d) {
        return new FeedDocument(d.schemaVersion(), d.feedPath(), d.revision(), d.mediaType(), null, d.entryCount(),
                d.warnings());
    }

    private static Fragment slim(Fragment f) {
        // the local links and images stay: the link report looks them up in the whole revision
        return new Fragment(f.schemaVersion(), f.path(), f.revision(), f.contentHash(), f.renderKey(), null,
                f.abstractHtml(), null, null, f.localLinks(), f.localImages(), f.error());
    }

    static String shortRev(String revision) {
        return SiteState.shortRevision(revision);
    }
}
