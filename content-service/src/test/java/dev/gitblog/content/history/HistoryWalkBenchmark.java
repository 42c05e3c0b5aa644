package dev.gitblog.content.history;

import dev.gitblog.content.ingest.EntryBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.File;

/**
 * Not a test: {@code java -cp <test classpath> dev.gitblog.content.history.HistoryWalkBenchmark REPO [BRANCH]}
 * walks the whole history a few times and prints the times (compare with {@code git log --name-only}), then
 * the time to classify every live path and the heap in use.
 */
public final class HistoryWalkBenchmark {

    public static void main(String[] args) throws Exception {
        String branch = args.length > 1 ? args[1] : "main";
        if (System.getProperty("deltaCacheMb") != null) {
            org.eclipse.jgit.storage.file.WindowCacheConfig c = new org.eclipse.jgit.storage.file.WindowCacheConfig();
            c.setDeltaBaseCacheLimit(Integer.getInteger("deltaCacheMb") << 20);
            c.setPackedGitLimit(Integer.getInteger("packedMb", 10) << 20);
            c.install();
        }
        try (Repository repo = new FileRepositoryBuilder().setGitDir(new File(args[0])).setBare().build()) {
            ObjectId head = repo.resolve("refs/heads/" + branch);
            HistoryWalker.WalkResult result = null;
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                long c0 = mx.getCurrentThreadCpuTime();
                result = HistoryWalker.walk(repo, head, null, HistoryWalker.Progress.NONE);
                System.out.printf("full walk %d: %d commits, %d paths in %d ms (cpu %d ms)%n", i,
                        result.commitsWalked(), result.history().paths().size(),
                        (System.nanoTime() - t0) / 1_000_000, (mx.getCurrentThreadCpuTime() - c0) / 1_000_000);
            }
            EntryBuilder builder = new EntryBuilder();
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                int n;
                try (ObjectReader reader = repo.newObjectReader()) {
                    n = builder.build(reader, result.history()).size();
                }
                System.out.printf("classify %d: %d entries (%d blobs read) in %d ms%n", i, n, builder.lastReads(),
                        (System.nanoTime() - t0) / 1_000_000);
            }
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("heap in use after GC: %d MiB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
    }
}
