package dev.gitblog.content.history;

import dev.gitblog.content.testing.SeedBlogRepository;
import dev.gitblog.events.CanopyTime;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The golden fixture: replaying history.tsv must give exactly the dates of its NOTES.md table. */
@EnabledIf(value = "dev.gitblog.content.testing.SeedBlogRepository#present",
        disabledReason = "the seed fixture (shared/fixtures/seed-blog) is not beside this checkout")
class SeedBlogHistoryTest {

    /** NOTES.md, "history.tsv and the dates": page, created (machine form), updated. */
    private static final Map<String, String[]> EXPECTED = Map.of(
            "About", new String[] {"2016-04-01T16:41:56-00:00", "2021-11-19T14:33:08-00:00"},
            "Posts/BadRecordMac", new String[] {"2016-05-03T12:27:09-00:00", "2021-11-19T14:33:08-00:00"},
            "Posts/BottomUp", new String[] {"2016-06-11T23:15:30-00:00", "2021-11-19T14:33:08-00:00"},
            "Posts/ARP", new String[] {"2016-07-12T15:40:22-00:00", "2021-11-19T14:33:08-00:00"},
            "Posts/Conex", new String[] {"2017-02-16T15:20:31-00:00", "2021-11-19T14:33:08-00:00"},
            "Posts/Albatross", new String[] {"2022-11-17T09:14:05-00:00", "2022-11-17T15:48:30-00:00"});

    @TempDir
    Path dir;

    @Test
    void replayGivesTheSeedDates() throws Exception {
        ObjectId head = SeedBlogRepository.create(dir);
        try (Git git = Git.open(dir.toFile())) {
            HistoryWalker.WalkResult result =
                    HistoryWalker.walk(git.getRepository(), head, null, HistoryWalker.Progress.NONE);
            assertEquals(11, result.commitsWalked());
            for (var e : EXPECTED.entrySet()) {
                HistoryWalker.PathDates dates = result.history().paths().get(e.getKey());
                assertEquals(e.getValue()[0], CanopyTime.machine(dates.created()), e.getKey() + " created");
                assertEquals(e.getValue()[1], CanopyTime.machine(dates.updated()), e.getKey() + " updated");
            }
            assertEquals("2022-11-17T15:48:30-00:00", CanopyTime.machine(result.history().headTime()));
            // the final tree equals content/ (the check make-repo.sh does)
            Path content = SeedBlogRepository.fixtureDir().resolve("content");
            Set<String> files;
            try (Stream<Path> walk = Files.walk(content)) {
                files = walk.filter(Files::isRegularFile).map(p -> content.relativize(p).toString())
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            assertEquals(files, result.history().headBlobs().keySet());
            for (String f : files) {
                assertArrayEquals(Files.readAllBytes(content.resolve(f)),
                        git.getRepository().open(result.history().headBlobs().get(f)).getBytes(), f);
            }
        }
    }

    @Test
    void draftsDropTheirLastLines() {
        byte[] text = "a\nb\nc\n".getBytes();
        assertArrayEquals("a\nb\n".getBytes(), dropLines(text, 1));
        assertArrayEquals(new byte[0], dropLines(text, 5));
    }

    private static byte[] dropLines(byte[] bytes, int n) {
        try {
            var m = SeedBlogRepository.class.getDeclaredMethod("withoutLastLines", byte[].class, int.class);
            m.setAccessible(true);
            return (byte[]) m.invoke(null, bytes, n);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
