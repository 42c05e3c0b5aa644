package dev.gitblog.content.ingest;

import dev.gitblog.content.history.HistoryWalker;
import dev.gitblog.content.testing.TestRepo;
import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Preview's view of a work tree: uncommitted edits, untracked posts, deletions, scratch files ignored. */
class WorkTreeOverlayTest {

    @TempDir
    Path dir;

    private Instant now = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void theWorkTreeIsServedAsItIsOnDisk() throws Exception {
        Path blog = dir.resolve("blog");
        try (TestRepo repo = TestRepo.init(blog)) {
            repo.write("Posts/A", "---\ntitle: A\n---\nfirst\n").write("static/s.css", "s{}")
                    .commit("2020-01-01T00:00:00Z");
            ObjectId head = repo.head();
            HistoryWalker.History history = HistoryWalker.walk(repo.repository(), head, null, (d, t) -> { }).history();
            Map<String, Entry> committed;
            try (ObjectReader reader = repo.repository().newObjectReader()) {
                committed = new EntryBuilder().build(reader, history);
            }
            try (WorkTreeOverlay overlay = new WorkTreeOverlay(blog, () -> now)) {
                WorkTreeOverlay.Overlaid clean = overlay.overlay(head, history, committed);
                assertEquals(head.name(), clean.revision(), "nothing changed: HEAD itself");
                assertEquals(committed, clean.entries());

                Files.writeString(blog.resolve("Posts/A"), "---\ntitle: A\n---\nedited, not committed\n");
                Files.writeString(blog.resolve("Posts/New"), "---\ntitle: New\ndraft: true\n---\nuntracked\n");
                Files.writeString(blog.resolve("Posts/.A.swp"), "scratch");
                Files.createDirectories(blog.resolve(".blog-data/logs"));
                Files.writeString(blog.resolve(".blog-data/logs/gateway.log"), "log");
                Files.writeString(blog.resolve("static/new.css"), "n{}");
                Files.delete(blog.resolve("static/s.css"));

                WorkTreeOverlay.Overlaid edited = overlay.overlay(head, history, committed);
                assertNotEquals(head.name(), edited.revision());
                Entry a = edited.entries().get("Posts/A");
                assertTrue(a.article().markdown().contains("edited, not committed"));
                assertEquals(Instant.parse("2020-01-01T00:00:00Z"), a.created(), "a tracked file keeps its created");
                assertEquals(now, a.updated(), "uncommitted: updated now");
                Entry fresh = edited.entries().get("Posts/New");
                assertEquals(EntryKind.DRAFT, fresh.kind());
                assertEquals(now, fresh.created());
                assertFalse(edited.entries().containsKey("static/s.css"), "deleted on disk");
                assertFalse(edited.entries().keySet().stream().anyMatch(p -> p.contains(".swp") || p.contains(".blog-data")),
                        edited.entries().keySet().toString());
                Entry css = edited.entries().get("static/new.css");
                assertEquals(blog.resolve("static/new.css"), overlay.file(css.contentHash()));

                Instant firstSeen = now;
                now = now.plusSeconds(60);
                WorkTreeOverlay.Overlaid again = overlay.overlay(head, history, committed);
                assertEquals(edited.revision(), again.revision(), "the same state, the same revision");
                assertEquals(firstSeen, again.entries().get("Posts/A").updated(), "dates: when first seen");

                Files.writeString(blog.resolve("Posts/A"), "---\ntitle: A\n---\nfirst\n");
                Files.delete(blog.resolve("Posts/New"));
                Files.delete(blog.resolve("static/new.css"));
                Files.writeString(blog.resolve("static/s.css"), "s{}");
                WorkTreeOverlay.Overlaid reverted = overlay.overlay(head, history, committed);
                assertEquals(head.name(), reverted.revision(), "saved back: HEAD again");
                assertEquals(committed, reverted.entries());
                assertNull(overlay.file(css.contentHash()));
            }
        }
    }

    @Test
    void previewShowsDraftsMarkedAndUnparsablePostsWithTheirReason() {
        Entry draft = new Entry(1, "Posts/D", EntryKind.DRAFT, null, "h", null, null,
                new Entry.Article("Soon", "a", null, null, java.util.List.of("t"), Map.of(), "body", "commonmark"),
                null, null, null, null, null);
        Entry invalid = new Entry(1, "Posts/X", EntryKind.INVALID, null, "h", null, null, null, null, null, null,
                new Entry.Invalid("line 2: expected `key: value` in the header, found `<script>`", 2), null);
        Entry staticInvalid = new Entry(1, "static/x", EntryKind.STATIC, null, "h", null, null, null, null, null,
                new Entry.StaticAsset("text/css", 1), null, null);
        Map<String, Entry> shown = PreviewEntries.shown(Map.of("Posts/D", draft, "Posts/X", invalid,
                "static/x", staticInvalid));
        assertEquals(EntryKind.ARTICLE, shown.get("Posts/D").kind());
        assertEquals("[draft] Soon", shown.get("Posts/D").article().title());
        assertEquals(EntryKind.ARTICLE, shown.get("Posts/X").kind());
        assertEquals("[does not parse] Posts/X", shown.get("Posts/X").article().title());
        String md = shown.get("Posts/X").article().markdown();
        assertTrue(md.contains("(line 2)") && md.contains("\n    line 2: expected `key: value` in the header, found `<script>`\n"),
                md);
        assertEquals(staticInvalid, shown.get("static/x"));
    }

    @Test
    void scratchAndHiddenFilesAreNoPosts() {
        assertTrue(WorkTreeOverlay.isScratch("Posts/.A.swp"));
        assertTrue(WorkTreeOverlay.isScratch("Posts/A~"));
        assertTrue(WorkTreeOverlay.isScratch(".blog-data/logs/x.log"));
        assertTrue(WorkTreeOverlay.isScratch(".DS_Store"));
        assertFalse(WorkTreeOverlay.isScratch(".config/blog_name"));
        assertFalse(WorkTreeOverlay.isScratch("Posts/A"));
        assertFalse(WorkTreeOverlay.isScratch("static/css/style.css"));
    }
}
