package dev.gitblog.content.ingest;

import dev.gitblog.content.history.HistoryWalker;
import dev.gitblog.content.testing.TestRepo;
import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EntryBuilderTest {

    @TempDir
    Path dir;

    @Test
    void onlyChangedBlobsAreReadAndTheFlavorSwitchTouchesEveryArticle() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("Posts/a", "---\ntitle: A\n---\na\n").write("Posts/b", "---\ntitle: B\n---\nb\n")
                    .write("static/x.css", "x{}").write(".config/blog_name", " Blog \n")
                    .commit("2020-01-01T00:00:00Z");
            EntryBuilder builder = new EntryBuilder();
            HistoryWalker.WalkResult first = HistoryWalker.walk(repo.repository(), repo.head(), null,
                    HistoryWalker.Progress.NONE);
            Map<String, Entry> entries = build(repo, builder, first.history());
            assertEquals(4, builder.lastReads());
            assertEquals("commonmark", entries.get("Posts/a").article().markdownFlavor());
            assertEquals("Blog", entries.get(".config/blog_name").config().value());
            assertEquals(EntryKind.STATIC, entries.get("static/x.css").kind());
            assertEquals(repo.repository().resolve("HEAD:Posts/a").name(), entries.get("Posts/a").contentHash());
            assertNull(entries.get("Posts/a").revision(), "the revision is stamped when published");

            repo.write("Posts/b", "---\ntitle: B2\n---\nb\n").commit("2020-02-01T00:00:00Z");
            HistoryWalker.WalkResult second = HistoryWalker.walk(repo.repository(), repo.head(), first.history(),
                    HistoryWalker.Progress.NONE);
            entries = build(repo, builder, second.history());
            assertEquals(1, builder.lastReads(), "only the changed blob is read again");
            assertEquals("B2", entries.get("Posts/b").article().title());

            repo.write(".config/markdown", "gfm\n").commit("2020-03-01T00:00:00Z");
            HistoryWalker.WalkResult third = HistoryWalker.walk(repo.repository(), repo.head(), second.history(),
                    HistoryWalker.Progress.NONE);
            entries = build(repo, builder, third.history());
            assertEquals(3, builder.lastReads(), "both articles and the new config file");
            assertEquals("gfm", entries.get("Posts/a").article().markdownFlavor());
            assertEquals("gfm", entries.get("Posts/b").article().markdownFlavor());
        }
    }

    @Test
    void aBuildTakesWhatWasReadAheadForItsHeadAndNothingElse() throws Exception {
        try (TestRepo repo = TestRepo.init(dir); ObjectReader reader = repo.repository().newObjectReader()) {
            repo.write("Posts/a", "---\ntitle: A\n---\na\n").write("Posts/b", "---\ntitle: B\n---\nb\n")
                    .write("static/x.css", "x{}").write(".config/markdown", "gfm\n");
            RevCommit first = repo.commit("2020-01-01T00:00:00Z");
            EntryBuilder ahead = new EntryBuilder();
            EntryBuilder plain = new EntryBuilder();
            HistoryWalker.WalkResult walk = HistoryWalker.walk(repo.repository(), repo.head(), null,
                    HistoryWalker.Progress.NONE);
            EntryBuilder.ReadAhead read = ahead.readAhead(reader, null, first.getTree());
            assertEquals(4, read.size(), "nothing is cached yet: every blob of the head");
            Map<String, Entry> entries = ahead.build(reader, walk.history(), null, read);
            assertEquals(plain.build(reader, walk.history(), null), entries);
            assertEquals(4, ahead.lastReads());
            assertEquals(4, ahead.lastReadAhead(), "every blob came from the read-ahead");
            assertEquals("gfm", entries.get("Posts/a").article().markdownFlavor());

            repo.write("Posts/b", "---\ntitle: B2\n---\nb\n").write("Posts/c", "---\ntitle: C\n---\nc\n");
            RevCommit second = repo.commit("2020-02-01T00:00:00Z");
            HistoryWalker.WalkResult next = HistoryWalker.walk(repo.repository(), repo.head(), walk.history(),
                    HistoryWalker.Progress.NONE);
            read = ahead.readAhead(reader, first.getTree(), second.getTree());
            assertEquals(2, read.size(), "only what the push changed: the changed and the new post");
            assertEquals(2, ahead.readAhead(reader, null, second.getTree()).size(),
                    "listed whole, the head has only those two that the cache does not hold");
            assertEquals(2, new EntryBuilder().readAhead(reader, first.getTree(), second.getTree()).size(),
                    "with nothing cached, still only the paths the two trees differ in");
            entries = ahead.build(reader, next.history(), next.changedPaths(), read);
            assertEquals(plain.build(reader, next.history(), next.changedPaths()), entries);
            assertEquals(2, ahead.lastReadAhead());
            assertEquals("B2", entries.get("Posts/b").article().title());

            // read ahead for another head: its older blob of Posts/b is not taken for the new one
            EntryBuilder.ReadAhead stale = ahead.readAhead(reader, null, first.getTree());
            assertEquals(1, stale.size(), "Posts/b as it was in the first commit");
            repo.write("Posts/b", "---\ntitle: B3\n---\nb\n").commit("2020-03-01T00:00:00Z");
            HistoryWalker.WalkResult third = HistoryWalker.walk(repo.repository(), repo.head(), next.history(),
                    HistoryWalker.Progress.NONE);
            entries = ahead.build(reader, third.history(), third.changedPaths(), stale);
            assertEquals("B3", entries.get("Posts/b").article().title());
            assertEquals(1, ahead.lastReads());
            assertEquals(0, ahead.lastReadAhead(), "the read-ahead held another blob of that path");
        }
    }

    @Test
    void aReadAheadStopsAtItsBoundAndTheBuildReadsTheRest() throws Exception {
        try (TestRepo repo = TestRepo.init(dir); ObjectReader reader = repo.repository().newObjectReader()) {
            for (int i = 0; i < 10; i++) {
                repo.write("Posts/p" + i, "---\ntitle: P" + i + "\n---\n" + "text ".repeat(20) + "\n");
            }
            RevCommit head = repo.commit("2020-01-01T00:00:00Z");
            HistoryWalker.WalkResult walk = HistoryWalker.walk(repo.repository(), repo.head(), null,
                    HistoryWalker.Progress.NONE);
            EntryBuilder builder = new EntryBuilder();
            EntryBuilder.ReadAhead read = builder.readAhead(reader, null, head.getTree(), 250);
            assertEquals(3, read.size(), "101 characters of markdown each: the third passes 250");
            Map<String, Entry> entries = builder.build(reader, walk.history(), null, read);
            assertEquals(new EntryBuilder().build(reader, walk.history()), entries);
            assertEquals(10, builder.lastReads());
            assertEquals(3, builder.lastReadAhead());
        }
    }

    private static Map<String, Entry> build(TestRepo repo, EntryBuilder builder, HistoryWalker.History h)
            throws Exception {
        try (ObjectReader reader = repo.repository().newObjectReader()) {
            return builder.build(reader, h);
        }
    }
}
