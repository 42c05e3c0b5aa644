package dev.gitblog.content.ingest;

import dev.gitblog.content.events.PublishPlan;
import dev.gitblog.content.history.HistoryWalker;
import dev.gitblog.content.history.HistoryWalker.WalkResult;
import dev.gitblog.content.testing.TestRepo;
import dev.gitblog.events.Entry;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A push costs what it changed, and gives the same result as recomputing everything: after every commit of a
 * random history (adds, edits, deletions, re-adding an old blob, edit-and-revert within a push, the markdown
 * flavor switched, pushes of several commits), the incremental pipeline (walk of the new commits, classification
 * of the changed paths, plan over them) publishes exactly what the full pipeline (fresh walk, fresh classifier,
 * plan over all entries) publishes, and ends with the same live entries.
 */
class IncrementalPushTest {

    @TempDir
    Path dir;

    @Test
    void incrementalPushesEqualFullRecomputation() throws Exception {
        Random random = new Random(42);
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write(".config/blog_name", "b\n").write("Posts/p0", article("p0", 0)).commit("2020-01-01T00:00:00Z");
            EntryBuilder builder = new EntryBuilder();
            WalkResult walk = HistoryWalker.walk(repo.repository(), repo.head(), null, HistoryWalker.Progress.NONE);
            Map<String, Entry> published = new HashMap<>();
            PublishPlan plan;
            try (ObjectReader reader = repo.repository().newObjectReader()) {
                plan = PublishPlan.of(published, builder.build(reader, walk.history(), null), repo.head().name());
            }
            apply(published, plan);
            Map<String, Entry> snapshot = plan.next();
            Set<String> live = new HashSet<>(List.of("Posts/p0"));
            int day = 2;
            int readsAtMost = 0;
            int flavorSwitches = 0;
            for (int push = 0; push < 40; push++) {
                int commits = 1 + random.nextInt(3);
                for (int c = 0; c < commits; c++) {
                    int op = random.nextInt(10);
                    String path = "Posts/p" + random.nextInt(12);
                    if (op < 4 || live.isEmpty()) {
                        repo.write(path, article(path, random.nextInt(3))); // 3 bodies: re-adds reuse blobs
                        live.add(path);
                    } else if (op < 6) {
                        String gone = live.iterator().next();
                        repo.delete(gone);
                        live.remove(gone);
                    } else if (op < 7) {
                        repo.write(".config/markdown", random.nextBoolean() ? "gfm\n" : "commonmark\n");
                    } else if (op < 8) {
                        repo.write("static/s" + random.nextInt(3) + ".css", "s{" + random.nextInt(2) + "}");
                    } else {
                        repo.write(path, article(path, random.nextInt(3)));
                        live.add(path);
                    }
                    repo.commit(String.format("2020-01-%02dT%02d:00:00+02:00", Math.min(day, 28), c + 1));
                }
                day++;
                String head = repo.head().name();

                WalkResult next = HistoryWalker.walk(repo.repository(), repo.head(), walk.history(),
                        HistoryWalker.Progress.NONE);
                assertFalse(next.fullRecompute());
                WalkResult full = HistoryWalker.walk(repo.repository(), repo.head(), null, HistoryWalker.Progress.NONE);
                assertEquals(full.history().headBlobs(), next.history().headBlobs(), "head blobs, push " + push);
                assertEquals(full.history().paths(), next.history().paths(), "dates, push " + push);
                Set<String> removedByDiff = new HashSet<>(walk.history().headBlobs().keySet());
                removedByDiff.removeAll(next.history().headBlobs().keySet());
                assertEquals(removedByDiff, new HashSet<>(next.removedPaths()));

                PublishPlan incremental;
                PublishPlan reference;
                try (ObjectReader reader = repo.repository().newObjectReader()) {
                    Map<String, Entry> computed = builder.build(reader, next.history(), next.changedPaths());
                    assertTrue(builder.lastBuilt() <= next.changedPaths().size()
                                    || builder.lastBuilt() == next.history().headBlobs().size(),
                            "only changed paths are classified (or all, after a flavor switch)");
                    readsAtMost = Math.max(readsAtMost, builder.lastReads());
                    // as IngestService decides: everything is compared after the builder looked at everything
                    incremental = builder.rebuiltAll() ? PublishPlan.of(published, computed, head)
                            : PublishPlan.incremental(published, snapshot, computed, next.changedPaths(), head);
                    flavorSwitches += builder.rebuiltAll() ? 1 : 0;
                    Map<String, Entry> fresh = new EntryBuilder().build(reader, full.history(), null);
                    assertEquals(withoutMarkdown(fresh), withoutMarkdown(computed), "entries, push " + push);
                    reference = PublishPlan.of(published, fresh, head);
                    // what is sent has its markdown, read back from the blob where the builder kept none
                    List<Entry> sent = new java.util.ArrayList<>();
                    for (Entry e : incremental.changed()) {
                        sent.add(builder.withMarkdown(reader, e));
                    }
                    assertEquals(reference.changed(), sent, "sent, push " + push);
                    sent.forEach(e -> assertTrue(e.article() == null || e.article().markdown() != null));
                }
                assertEquals(reference.removed(), incremental.removed(), "tombstones, push " + push);
                assertEquals(reference.next(), incremental.next(), "live entries, push " + push);
                assertEquals(reference.unchanged(), incremental.unchanged());
                apply(published, incremental);
                snapshot = incremental.next();
                walk = next;
            }
            assertTrue(readsAtMost > 0);
            assertTrue(flavorSwitches > 0, "the random history switched the flavor at least once");
        }
    }

    private static Map<String, Entry> withoutMarkdown(Map<String, Entry> entries) {
        Map<String, Entry> slim = new java.util.TreeMap<>(entries);
        slim.replaceAll((path, e) -> e.withoutMarkdown());
        return slim;
    }

    private static void apply(Map<String, Entry> published, PublishPlan plan) {
        plan.changed().forEach(e -> published.put(e.path(), e.withoutMarkdown()));
        plan.removed().forEach(published::remove);
    }

    private static String article(String path, int variant) {
        return "---\ntitle: " + path + "\nauthor: a\n---\nbody " + variant + "\n";
    }
}
