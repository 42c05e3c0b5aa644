package dev.gitblog.gateway.events;

import dev.gitblog.gateway.site.AssemblyStatus;
import dev.gitblog.gateway.site.SiteSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The snapshot being served, swapped atomically when a newer revision is complete. Readers take one
 * reference per request and use only it, so no request ever mixes two revisions. Also remembers the
 * newest revision marker seen, so that health and {@code /api/site} can tell "served" from "newest".
 */
@ApplicationScoped
public class SnapshotHolder {

    private final AtomicReference<SiteSnapshot> current = new AtomicReference<>();
    private volatile String newestMarkerRevision;
    private volatile Supplier<AssemblyStatus> statusSource = () -> null;
    private volatile boolean everCaughtUp;

    @Inject
    Instance<SwapListener> swapListeners;

    /** Told after each swap, on the composing thread (change notifications); must not block. */
    public interface SwapListener {
        /** {@code previous} is null for the first snapshot; {@code publishedAt} is the marker's, or null. */
        void swapped(SiteSnapshot previous, SiteSnapshot next, Instant publishedAt);
    }

    /** Tells every {@link SwapListener} that {@code next} is now served; a failing listener is logged and skipped. */
    public void announce(SiteSnapshot previous, SiteSnapshot next, Instant publishedAt) {
        if (swapListeners == null) {
            return;
        }
        for (SwapListener l : swapListeners) {
            try {
                l.swapped(previous, next, publishedAt);
            } catch (RuntimeException e) {
                Logger.getLogger(SnapshotHolder.class).warnf(e, "a listener failed on revision %s", next.revision());
            }
        }
    }

    /** The snapshot to serve, empty before the first complete revision. */
    public Optional<SiteSnapshot> current() {
        return Optional.ofNullable(current.get());
    }

    /** Swaps {@code next} in; returns the one it replaced (or null). */
    public SiteSnapshot swap(SiteSnapshot next) {
        return current.getAndSet(next);
    }

    /** The revision of the newest marker the consumers have seen, or null. */
    public String newestMarkerRevision() {
        return newestMarkerRevision;
    }

    public void markerSeen(String revision) {
        this.newestMarkerRevision = revision;
    }

    /** The revision being served, or null. */
    public String servedRevision() {
        SiteSnapshot s = current.get();
        return s == null ? null : s.revision();
    }

    /** True when a snapshot is served and it is the one of the newest marker seen. */
    public boolean caughtUp() {
        String served = servedRevision();
        boolean now = served != null && served.equals(newestMarkerRevision);
        if (now) {
            everCaughtUp = true;
        }
        return now;
    }

    /**
     * Ready to take traffic: a snapshot is served and this process has caught up with the newest
     * marker at least once. A gateway started late stays unready until it has; afterwards a newer
     * revision that cannot complete (render- or feed-service down) does not take it out of service,
     * it keeps serving the last complete one ("degrade, don't fail").
     */
    public boolean ready() {
        return caughtUp() || (everCaughtUp && servedRevision() != null);
    }

    /** The assembler's status report (for health details and /api/site), or null when there is no assembler. */
    public AssemblyStatus assemblyStatus() {
        return statusSource.get();
    }

    public void statusSource(Supplier<AssemblyStatus> source) {
        this.statusSource = source;
    }
}
