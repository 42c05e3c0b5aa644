package dev.gitblog.content.history;

import dev.gitblog.content.history.HistoryWalker.History;
import dev.gitblog.content.history.HistoryWalker.PathDates;
import dev.gitblog.content.history.HistoryWalker.WalkResult;
import dev.gitblog.content.testing.TestRepo;
import dev.gitblog.events.CanopyTime;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryWalkerTest {

    @TempDir
    Path dir;

    private static Instant t(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    private static WalkResult walk(TestRepo repo, ObjectId head, History previous) throws Exception {
        return HistoryWalker.walk(repo.repository(), head, previous, HistoryWalker.Progress.NONE);
    }

    @Test
    void linearEditsGiveFirstAndLastChange() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("Posts/a", "one").commit("2020-01-01T10:00:00Z");
            repo.write("Posts/a", "two").write("Posts/b", "b").commit("2020-02-01T10:00:00Z");
            repo.write("Posts/b", "b2").commit("2020-03-01T10:00:00Z");
            WalkResult result = walk(repo, repo.head(), null);
            PathDates a = result.history().paths().get("Posts/a");
            assertEquals(t("2020-01-01T10:00:00Z"), a.created());
            assertEquals(t("2020-02-01T10:00:00Z"), a.updated(), "a untouched by the third commit");
            PathDates b = result.history().paths().get("Posts/b");
            assertEquals(t("2020-02-01T10:00:00Z"), b.created());
            assertEquals(t("2020-03-01T10:00:00Z"), b.updated());
            assertEquals(3, result.commitsWalked());
            assertTrue(result.fullRecompute());
            assertEquals(Set.of("Posts/a", "Posts/b"), result.history().headBlobs().keySet());
        }
    }

    @Test
    void deleteAndReAddKeepsTheFirstCreatedDate() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("p", "v1").write("other", "x").commit("2016-04-01T18:41:56+02:00");
            repo.delete("p").commit("2016-04-20T11:02:40+02:00");
            repo.write("p", "v3").commit("2016-04-22T09:47:03+02:00");
            repo.write("p", "v4").commit("2016-05-01T12:00:00+02:00");
            PathDates p = walk(repo, repo.head(), null).history().paths().get("p");
            assertEquals(t("2016-04-01T16:41:56Z"), p.created());
            assertEquals(t("2016-05-01T10:00:00Z"), p.updated());
            assertEquals("2016-04-01T16:41:56-00:00", CanopyTime.machine(p.created()));
        }
    }

    @Test
    void reAddingTheSameBlobIsNotAnUpdate() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("p", "same").write("other", "x").commit("2020-01-01T00:00:00Z");
            repo.delete("p").commit("2020-01-02T00:00:00Z");
            repo.write("p", "same").commit("2020-01-03T00:00:00Z");
            PathDates p = walk(repo, repo.head(), null).history().paths().get("p");
            assertEquals(t("2020-01-01T00:00:00Z"), p.created());
            assertEquals(t("2020-01-01T00:00:00Z"), p.updated());
        }
    }

    @Test
    void renameGivesANewCreatedDate() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("Posts/old", "text").commit("2020-01-01T00:00:00Z");
            repo.delete("Posts/old").write("Posts/new", "text").commit("2021-06-01T00:00:00Z");
            WalkResult result = walk(repo, repo.head(), null);
            PathDates moved = result.history().paths().get("Posts/new");
            assertEquals(t("2021-06-01T00:00:00Z"), moved.created());
            assertEquals(t("2021-06-01T00:00:00Z"), moved.updated());
            assertEquals(Set.of("Posts/new"), result.history().headBlobs().keySet());
        }
    }

    @Test
    void authorDateNotCommitterDate() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("Posts/ARP", "x").commit("2016-07-12T17:40:22+02:00", "2016-07-13T09:12:44+02:00");
            PathDates p = walk(repo, repo.head(), null).history().paths().get("Posts/ARP");
            assertEquals(t("2016-07-12T15:40:22Z"), p.created());
            assertEquals("2016-07-12", CanopyTime.display(p.created()));
        }
    }

    @Test
    void plusTwoHoursAfterMidnightIsThePreviousUtcDay() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("Posts/BottomUp", "x").commit("2016-06-12T01:15:30+02:00");
            WalkResult result = walk(repo, repo.head(), null);
            PathDates p = result.history().paths().get("Posts/BottomUp");
            assertEquals("2016-06-11", CanopyTime.display(p.created()));
            assertEquals("2016-06-11T23:15:30-00:00", CanopyTime.machine(p.updated()));
            assertEquals(t("2016-06-11T23:15:30Z"), result.history().headTime());
        }
    }

    @Test
    void manyFilesInOneCommit() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            for (int i = 0; i < 300; i++) {
                repo.write("Posts/p" + i, "post " + i);
            }
            repo.commit("2020-01-01T00:00:00Z");
            for (int i = 0; i < 300; i += 3) {
                repo.write("Posts/p" + i, "edited " + i);
            }
            repo.commit("2020-02-01T00:00:00Z");
            History h = walk(repo, repo.head(), null).history();
            assertEquals(300, h.headBlobs().size());
            for (int i = 0; i < 300; i++) {
                PathDates p = h.paths().get("Posts/p" + i);
                assertEquals(t("2020-01-01T00:00:00Z"), p.created(), "p" + i);
                assertEquals(i % 3 == 0 ? t("2020-02-01T00:00:00Z") : t("2020-01-01T00:00:00Z"), p.updated(),
                        "p" + i);
            }
        }
    }

    @Test
    void mergesAreVisitedAndNeverMoveCreated() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            RevCommit base = repo.write("x", "x0").write("w", "w0").commit("2020-01-01T00:00:00Z");
            repo.git().branchCreate().setName("side").setStartPoint(base).call();
            repo.git().checkout().setName("side").call();
            RevCommit side = repo.write("z", "z-side").commit("2020-01-02T00:00:00Z");
            repo.git().checkout().setName("main").call();
            repo.write("x", "x-main").commit("2020-01-03T00:00:00Z");
            repo.git().merge().include(side).setCommit(false).call();
            repo.write("w", "w-merge").commit("2020-01-04T00:00:00Z");
            RevCommit merge = repo.git().log().setMaxCount(1).call().iterator().next();
            assertEquals(2, merge.getParentCount());

            WalkResult result = walk(repo, repo.head(), null);
            History h = result.history();
            assertEquals(4, result.commitsWalked());
            assertEquals(Set.of("x", "w", "z"), h.headBlobs().keySet());
            assertEquals(t("2020-01-02T00:00:00Z"), h.paths().get("z").created());
            assertEquals(t("2020-01-01T00:00:00Z"), h.paths().get("x").created());
            // the merge itself changed w: whatever the order of the two sides, w was updated by the merge
            assertEquals(t("2020-01-04T00:00:00Z"), h.paths().get("w").updated());
            // x changed on main only: updated is main's commit, or the merge when side (with the old x) is
            // visited after main (docs/FORMAT.md §2.1: the fold compares with the previously visited commit)
            Instant xUpdated = h.paths().get("x").updated();
            assertTrue(xUpdated.equals(t("2020-01-03T00:00:00Z")) || xUpdated.equals(t("2020-01-04T00:00:00Z")),
                    "x updated " + xUpdated);
            assertEquals(h.headBlobs().get("x"), h.paths().get("x").lastBlob());
        }
    }

    @Test
    void incrementalWalkEqualsFullWalk() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            List<ObjectId> heads = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                repo.write("Posts/p" + i, "v" + i);
                if (i % 3 == 2) {
                    repo.write("Posts/p" + (i - 2), "edit " + i);
                }
                if (i == 7) {
                    repo.delete("Posts/p1");
                }
                heads.add(repo.commit(String.format("2020-01-%02dT12:00:00+05:00", i + 1)));
            }
            WalkResult first = walk(repo, heads.get(5), null);
            WalkResult incremental = walk(repo, heads.get(11), first.history());
            WalkResult full = walk(repo, heads.get(11), null);
            assertFalse(incremental.fullRecompute());
            assertEquals(6, incremental.commitsWalked());
            assertEquals(full.history().paths(), incremental.history().paths());
            assertEquals(full.history().headBlobs(), incremental.history().headBlobs());
            assertEquals(full.history().head(), incremental.history().head());
            assertEquals(List.of("Posts/p1"), incremental.removedPaths());

            WalkResult again = walk(repo, heads.get(11), full.history());
            assertEquals(0, again.commitsWalked());
            assertEquals(full.history().paths(), again.history().paths());
        }
    }

    @Test
    void runsDiffedOnOtherThreadsGiveTheWalkOfOneThread() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (TestRepo repo = TestRepo.init(dir)) {
            List<ObjectId> heads = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                repo.write("Posts/p" + i, "v" + i).write("tags/t" + (i % 4), "t" + i);
                if (i % 5 == 4) {
                    repo.write("Posts/p" + (i - 3), "edit " + i);
                }
                if (i == 11) {
                    repo.delete("Posts/p2");
                }
                if (i == 19) {
                    repo.write("Posts/p2", "v2"); // back with its first blob
                }
                if (i == 23) {
                    repo.delete("Posts/p7").write("Posts/p7/index.md", "p7 became a directory");
                }
                heads.add(repo.commit(String.format("2020-01-%02dT12:00:00Z", i + 1)));
            }
            List<Integer> counted = new ArrayList<>();
            HistoryWalker.Progress progress = new HistoryWalker.Progress() {
                @Override
                public void starting(int commits) {
                    counted.add(commits);
                }

                @Override
                public void walked(int done, int total) {
                }
            };
            WalkResult one = walk(repo, heads.get(29), null);
            // runs of 4 commits on three threads: eight runs, the last one of 2 commits
            WalkResult runs = HistoryWalker.walk(repo.repository(), heads.get(29), null, progress, threads, 4);
            assertEquals(List.of(30), counted, "told the commits before diffing them");
            assertEquals(one.history().paths(), runs.history().paths());
            assertEquals(one.history().headBlobs(), runs.history().headBlobs());
            assertEquals(30, runs.commitsWalked());

            WalkResult first = walk(repo, heads.get(9), null);
            WalkResult incremental = HistoryWalker.walk(repo.repository(), heads.get(29), first.history(), progress,
                    threads, 4);
            WalkResult incrementalOne = walk(repo, heads.get(29), first.history());
            assertEquals(incrementalOne.history().paths(), incremental.history().paths());
            assertEquals(incrementalOne.history().headBlobs(), incremental.history().headBlobs());
            assertEquals(incrementalOne.changedPaths(), incremental.changedPaths());
            assertEquals(incrementalOne.removedPaths(), incremental.removedPaths());
            assertEquals(List.of("Posts/p7"), incremental.removedPaths());
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void forcePushRecomputesAndReportsDisappearedPaths() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            RevCommit first = repo.write("a", "a1").write("b", "b1").commit("2020-01-01T00:00:00Z");
            repo.write("a", "a2").commit("2020-02-01T00:00:00Z");
            WalkResult before = walk(repo, repo.head(), null);

            // rewrite history: reset to the first commit, drop b, change a differently
            repo.git().reset().setMode(ResetCommand.ResetType.HARD).setRef(first.name()).call();
            repo.delete("b").write("a", "a-rewritten").write("c", "c1");
            RevCommit rewritten = repo.commit("2020-03-01T00:00:00Z");

            WalkResult after = walk(repo, rewritten, before.history());
            assertTrue(after.fullRecompute());
            assertEquals(2, after.commitsWalked());
            assertEquals(List.of("b"), after.removedPaths());
            assertEquals(Set.of("a", "c"), after.history().headBlobs().keySet());
            assertEquals(t("2020-03-01T00:00:00Z"), after.history().paths().get("a").updated(),
                    "the dropped commit of 2020-02-01 no longer counts");
            assertEquals(t("2020-01-01T00:00:00Z"), after.history().paths().get("a").created());
            assertNull(after.history().headBlobs().get("b"));
        }
    }
}
