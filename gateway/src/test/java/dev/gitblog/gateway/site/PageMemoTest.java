package dev.gitblog.gateway.site;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/** Page reuse between builds: the same model under the same id gives the same page, anything else a new one. */
class PageMemoTest {

    static final Instant T1 = Instant.parse("2016-07-12T15:40:22Z");
    static final Instant T2 = Instant.parse("2017-02-16T15:20:31Z");
    static final String HTML = BuildContext.HTML;

    @Test
    void anEqualModelReusesThePageWithTheNewDate() {
        PageMemo first = PageMemo.first(ContentStore.IN_HEAP);
        Page a = first.page("article:x", "model", HTML, T1, () -> "one");
        assertEquals(1, first.recomposed());
        PageMemo second = first.next();
        Page b = second.page("article:x", "model", HTML, T2, () -> fail("an equal model is not composed again"));
        assertEquals(a.etag(), b.etag());
        assertEquals(T2, b.lastModified());
        assertEquals(1, second.reused());
        assertEquals(0, second.recomposed());
    }

    @Test
    void aChangedModelOrMediaTypeComposesAgain() {
        PageMemo first = PageMemo.first(ContentStore.IN_HEAP);
        first.page("a", "model", HTML, T1, () -> "one");
        first.page("b", "model", HTML, T1, () -> "one");
        PageMemo second = first.next();
        assertEquals("two", Builds.text(second.page("a", "other model", HTML, T1, () -> "two")));
        assertEquals("text/plain", second.page("b", "model", "text/plain", T1, () -> "one").contentType());
        assertEquals(2, second.recomposed());
        assertEquals(0, second.reused());
    }

    @Test
    void aBuildForgetsThePagesItDidNotMake() {
        PageMemo first = PageMemo.first(ContentStore.IN_HEAP);
        first.page("a", "model", HTML, T1, () -> "one");
        PageMemo second = first.next(); // a build without page a
        PageMemo third = second.next();
        third.page("a", "model", HTML, T1, () -> "one");
        assertEquals(1, third.recomposed());
    }

    @Test
    void storedPagesAreTakenAsTheyAre() {
        PageMemo memo = PageMemo.first(ContentStore.IN_HEAP);
        ContentStore.PageFiles files = ContentStore.IN_HEAP.putPage(new byte[]{'f'});
        Page page = memo.storedPage("feed:atom", "m", "application/atom+xml", T1, () -> files);
        assertSame(files.identity(), page.identity());
        assertSame(files.gzip(), page.gzip());
    }
}
