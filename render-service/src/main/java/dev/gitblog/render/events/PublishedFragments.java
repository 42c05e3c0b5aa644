package dev.gitblog.render.events;

import dev.gitblog.events.Fragment;
import dev.gitblog.render.config.RenderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is on render.fragments as far as this process knows: per path the (content hash, render key)
 * of the last fragment, loaded from the topic on start and updated on every publish; plus the last
 * fragments this process published (the newest {@code blog.render.keep-fragments}) for the API.
 */
@ApplicationScoped
public class PublishedFragments {

    /** The identity of a published fragment: same identity, same HTML. */
    record Stamp(String contentHash, String renderKey) {
    }

    private final Map<String, Stamp> stamps = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Map<String, Fragment> recent;

    @Inject
    public PublishedFragments(RenderConfig config) {
        int keep = Math.max(1, config.keepFragments());
        this.recent = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Fragment> eldest) {
                return size() > keep;
            }
        };
    }

    /** True when the last fragment for the path has this content hash and render key. */
    public boolean isCurrent(String path, String contentHash, String renderKey) {
        Stamp s = stamps.get(path);
        return s != null && s.equals(new Stamp(contentHash, renderKey));
    }

    /** True when the topic holds a (non-tombstone) fragment for the path. */
    public boolean has(String path) {
        return stamps.containsKey(path);
    }

    /** A fragment seen on the topic during catch-up. */
    void loaded(String path, String contentHash, String renderKey) {
        stamps.put(path, new Stamp(contentHash, renderKey));
    }

    /** A tombstone seen on the topic during catch-up. */
    void loadedTombstone(String path) {
        stamps.remove(path);
    }

    /** A fragment this process published (acknowledged by the broker). */
    void published(Fragment fragment) {
        stamps.put(fragment.path(), new Stamp(fragment.contentHash(), fragment.renderKey()));
        synchronized (recent) {
            recent.put(fragment.path(), fragment);
        }
    }

    /** A tombstone this process published. */
    void removed(String path) {
        stamps.remove(path);
        synchronized (recent) {
            recent.remove(path);
        }
    }

    /** The last fragment this process published for the path, if it is still kept. */
    public Optional<Fragment> lastPublished(String path) {
        synchronized (recent) {
            return Optional.ofNullable(recent.get(path));
        }
    }

    public int size() {
        return stamps.size();
    }

    /** Completes once render.fragments has been read to its end (at once when catch-up is off). */
    public CompletionStage<Void> caughtUp() {
        return caughtUp;
    }

    public boolean isCaughtUp() {
        return caughtUp.isDone();
    }

    void markCaughtUp() {
        caughtUp.complete(null);
    }
}
