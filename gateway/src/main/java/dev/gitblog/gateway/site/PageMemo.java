package dev.gitblog.gateway.site;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The pages of one build, each described by a model (a value) under a page id ({@code article:Posts/ARP},
 * {@code listing:Posts}, {@code tags}, ...): a page whose model and media type equal those of the previous
 * build's page of the same id is reused with its bytes, gzip and ETag (only its Last-Modified is set again);
 * any other is composed and stored (a model that is the previous one itself is equal without being compared:
 * builders that keep models from build to build hand them back when their inputs did not change). One memo per
 * build: {@link #next()} starts the following build with this
 * one's pages, and the pages of ids this build did not make are forgotten.
 */
final class PageMemo {

    private record Memo(Object model, Page page) {
    }

    private final ContentStore store;
    private final Map<String, Memo> previous;
    private final Map<String, Memo> current = new HashMap<>();
    private int recomposed;
    private int reused;

    private PageMemo(ContentStore store, Map<String, Memo> previous) {
        this.store = store;
        this.previous = previous;
    }

    /** The memo of a first build: every page is composed. */
    static PageMemo first(ContentStore store) {
        return new PageMemo(store, Map.of());
    }

    /** The memo of the next build, which reuses the pages of this one. */
    PageMemo next() {
        return new PageMemo(store, current);
    }

    /** The page for {@code model}: the previous build's if its model is equal, else {@code render}ed and stored. */
    Page page(String id, Object model, String contentType, Instant lastModified, Supplier<String> render) {
        return storedPage(id, model, contentType, lastModified, () -> store(render));
    }

    /** {@code render}s a page and stores its bytes (and gzip variant); safe to call from several threads. */
    ContentStore.PageFiles store(Supplier<String> render) {
        return store.putPage(render.get().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@link #storedPage} would take the previous build's page of {@code id}: nothing to compose. */
    boolean reuses(String id, Object model, String contentType) {
        Memo old = previous.get(id);
        return old != null && (old.model() == model || old.model().equals(model))
                && old.page().contentType().equals(contentType);
    }

    /** The page of {@code id}: the previous one when its model is unchanged, else {@code files} (stored). */
    Page storedPage(String id, Object model, String contentType, Instant lastModified,
                    Supplier<ContentStore.PageFiles> files) {
        Memo old = previous.get(id);
        Page page;
        if (reuses(id, model, contentType)) {
            reused++;
            page = old.page().withLastModified(lastModified);
        } else {
            recomposed++;
            page = Page.of(contentType, files.get(), lastModified);
        }
        current.put(id, new Memo(model, page));
        return page;
    }

    /** Pages of this build composed anew. */
    int recomposed() {
        return recomposed;
    }

    /** Pages of this build taken from the previous one. */
    int reused() {
        return reused;
    }
}
