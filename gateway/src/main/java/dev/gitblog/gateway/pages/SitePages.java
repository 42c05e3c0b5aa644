package dev.gitblog.gateway.pages;

import dev.gitblog.gateway.config.GatewayConfig;
import dev.gitblog.gateway.site.ContentStore;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The gateway's page storage as configured ({@code blog.page-store.*}): the {@link PageStore} in this process'
 * own folder (or the heap when it is turned off) and the {@link HotCache} of the serving side. Sweeps are
 * asked for by the composing thread after a swap and run at most once per interval; between swaps, when a
 * replaced snapshot's files have outlived the grace period ({@link #sweepRetired}).
 */
@ApplicationScoped
public class SitePages {

    private static final Logger LOG = Logger.getLogger(SitePages.class);

    private final PageStore store;
    private final HotCache hot;
    private final OpenPageFiles openFiles;
    private final long sweepIntervalMillis;
    private final Clock clock = Clock.systemUTC();
    private long lastSweep;

    public SitePages(GatewayConfig config) {
        GatewayConfig.PageStore c = config.pageStore();
        this.hot = new HotCache(c.hotCacheBytes(), c.hotMaxEntryBytes());
        this.sweepIntervalMillis = c.sweepInterval().toMillis();
        this.openFiles = new OpenPageFiles(c.maxOpenFiles());
        if (c.enabled()) {
            Path base = Path.of(c.dir()).toAbsolutePath().normalize();
            int stale = PageStore.removeStale(base);
            this.store = new PageStore(base.resolve(Long.toString(ProcessHandle.current().pid())), c.grace(), clock,
                    c.filesPerBuild(), c.gzipPerBuild());
            LOG.infof("page store at %s (grace %s, hot cache %d bytes)%s", store.dir(), c.grace(), c.hotCacheBytes(),
                    stale == 0 ? "" : ", removed " + stale + " folders of stopped gateways");
        } else {
            this.store = null;
            LOG.infof("page store off: pages are kept in the heap");
        }
    }

    /** Where the assembler keeps pages and bodies. */
    public ContentStore contentStore() {
        return store == null ? ContentStore.IN_HEAP : store;
    }

    public Optional<PageStore> pageStore() {
        return Optional.ofNullable(store);
    }

    public HotCache hot() {
        return hot;
    }

    /** Page-store files held open for sendfile; the sweep closes the ones it deletes. */
    public OpenPageFiles openFiles() {
        return openFiles;
    }

    /**
     * Keeps {@code names} on disk until the returned handle is closed, even after their snapshot was replaced
     * and the grace period passed (an export streams a snapshot for as long as the client reads).
     */
    public PageStore.Pin pin(Set<String> names) {
        return store == null ? PageStore.Pin.NONE : store.pin(names);
    }

    /** A snapshot was replaced: its files stay for the grace period from now. */
    public synchronized void retired(Set<String> names) {
        if (store != null) {
            store.retire(names);
        }
    }

    /** Removes files nothing needs any more, if the last sweep was long enough ago. */
    public synchronized void maybeSweep(Supplier<Set<String>> live) {
        if (store == null) {
            return;
        }
        long now = clock.millis();
        if (now - lastSweep >= sweepIntervalMillis) {
            sweep(live, now);
        }
    }

    /**
     * Sweeps if a replaced snapshot's files have outlived the grace period and no sweep has removed them yet
     * ({@link PageStore#retiredPastGrace()}): what a gateway that serves no new revision runs now and then, so
     * that a site replaced by the last push does not stay on disk (and its index in the heap) until the next.
     *
     * @return how many files were deleted and bodies dropped
     */
    public synchronized int sweepRetired(Supplier<Set<String>> live) {
        if (store == null || !store.retiredPastGrace()) {
            return 0;
        }
        return sweep(live, clock.millis());
    }

    /** The interval between sweeps ({@code page-store.sweep-interval}). */
    public long sweepIntervalMillis() {
        return sweepIntervalMillis;
    }

    private int sweep(Supplier<Set<String>> live, long now) {
        lastSweep = now;
        int deleted = store.sweep(live.get(), openFiles::forget);
        if (deleted > 0) {
            LOG.debugf("page store: removed %d unreferenced files; %d files, %d bytes remain", deleted,
                    store.fileCount(), store.bytesOnDisk());
        }
        return deleted;
    }

    void stop(@Observes ShutdownEvent event) {
        openFiles.close();
        if (store != null) {
            store.close();
        }
    }
}
