package dev.gitblog.gateway.preview;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Preview pages: noindex and the reload script go into the head, once, and nothing else changes. */
class PreviewPageComposerTest {

    @Test
    void theHeadGetsNoindexAndTheReloadScript() {
        String page = "<!DOCTYPE html><html><head><title>T</title></head><body><p>x</p></body></html>";
        String preview = PreviewPageComposer.withPreviewHead(page);
        assertTrue(preview.startsWith("<!DOCTYPE html><html><head><title>T</title><meta name=\"robots\" content=\"noindex\"/>"),
                preview);
        assertTrue(preview.endsWith("</script></head><body><p>x</p></body></html>"), preview);
        assertEquals(1, preview.split("/_preview/revision", -1).length - 1, "one poll URL");
        assertEquals(preview.replace(PreviewPageComposer.HEAD, ""), page);
    }

    @Test
    void aPageWithoutHeadIsLeftAlone() {
        assertEquals("<p>fragment</p>", PreviewPageComposer.withPreviewHead("<p>fragment</p>"));
    }
}
