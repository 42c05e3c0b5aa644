package dev.gitblog.gateway.http;

import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.pages.SitePages;
import dev.gitblog.gateway.site.Page;
import dev.gitblog.gateway.site.SiteAssembler;
import dev.gitblog.gateway.site.SiteSnapshot;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * For tests of serving from the page store: each test serves {@link ComposedSiteTest#events()} composed into the
 * page store ({@link #stored}), has the same site composed in the heap to compare with ({@link #inHeap}), starts
 * with an empty hot cache, and leaves the snapshot that was served before.
 */
abstract class ServesStoredSite {

    @Inject
    SnapshotHolder holder;

    @Inject
    SitePages pages;

    SiteSnapshot stored;
    SiteSnapshot inHeap;
    private SiteSnapshot before;

    @BeforeEach
    void serveFromTheStore() {
        before = holder.current().orElse(null);
        stored = ComposedSiteTest.assemble(new SiteAssembler(pages.contentStore()), ComposedSiteTest.events());
        inHeap = ComposedSiteTest.assemble(new SiteAssembler(), ComposedSiteTest.events());
        holder.swap(stored);
        pages.hot().clear();
    }

    /** GET /{@code path} answers 200 with the bytes and headers of the same page composed in the heap. */
    void assertServedLikeTheHeapPage(String path, String message) {
        Page heap = inHeap.page(path).orElseThrow();
        Response r = SiteRoutesTest.plain().get("/" + path);
        r.then().statusCode(200)
                .header("ETag", heap.etag())
                .header("Last-Modified", Validators.httpDate(heap.lastModified()))
                .header("Content-Type", heap.contentType())
                .header("Content-Length", Integer.toString(heap.body().length))
                .header("Vary", "Accept-Encoding")
                .header("Content-Encoding", nullValue());
        assertArrayEquals(heap.body(), r.asByteArray(), message);
    }

    @AfterEach
    void restore() {
        if (before != null) {
            holder.swap(before);
        }
    }
}
