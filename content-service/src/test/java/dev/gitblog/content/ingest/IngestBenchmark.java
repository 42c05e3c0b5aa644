package dev.gitblog.content.ingest;

import dev.gitblog.content.config.BlogConfig;
import dev.gitblog.content.events.ContentEventPublisher;
import dev.gitblog.content.history.HistoryWalker;
import dev.gitblog.events.Entry;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.RevisionMarker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.StartupEvent;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test: the content-service ingest benchmark of issue 3, run by {@code bench/content-ingest.sh}.
 * <pre>
 * IngestBenchmark walk REPO_DIR               full history walk (HistoryWalker) vs git log --name-only
 * IngestBenchmark ingest REPO_DIR MODE PUSHES  the production IngestService (MODE in-place or clone) on REPO_DIR:
 *                                             cold start to the last marker, heap and RSS, then PUSHES
 *                                             pushes of one commit each (git CLI), request to new snapshot
 * </pre>
 * The Kafka edge is replaced by a publisher that encodes every record with the real codec and acknowledges at
 * once, so the figures are content-service's own work (fetch, walk, classify, plan, encode) without the
 * broker's round trips. REPO_DIR is written to by the push phase: give it a throw-away clone.
 */
public final class IngestBenchmark {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "walk" -> walk(Path.of(args[1]));
            case "ingest" -> ingest(Path.of(args[1]), args[2], Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("walk or ingest, not " + args[0]);
        }
    }

    // ---------------------------------------------------------------------------------------------- walk

    private static void walk(Path repoDir) throws Exception {
        File gitDir = GitSource.localGitDir(repoDir);
        List<Long> gitWall = new ArrayList<>();
        List<Long> gitCpu = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long[] r = gitLog(repoDir);
            gitWall.add(r[0]);
            gitCpu.add(r[1]);
        }
        var mx = ManagementFactory.getThreadMXBean();
        List<Long> wall = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        HistoryWalker.WalkResult result = null;
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build()) {
            ObjectId head = repo.resolve("refs/heads/main");
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                long c0 = mx.getCurrentThreadCpuTime();
                result = HistoryWalker.walk(repo, head, null, HistoryWalker.Progress.NONE);
                wall.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                cpu.add(TimeUnit.NANOSECONDS.toMillis(mx.getCurrentThreadCpuTime() - c0));
            }
        }
        System.out.printf("git log --name-only: wall ms %s, cpu ms %s (best %d / %d)%n", gitWall, gitCpu,
                Collections.min(gitWall), Collections.min(gitCpu));
        System.out.printf("HistoryWalker full walk: %d commits, %d paths; wall ms %s, cpu ms %s (first %d / %d, "
                        + "best %d / %d)%n", result.commitsWalked(), result.history().paths().size(), wall, cpu,
                wall.get(0), cpu.get(0), Collections.min(wall), Collections.min(cpu));
        System.out.printf("walk/git ratio: best wall %.2fx, best cpu %.2fx, first (cold JVM) cpu %.2fx%n",
                (double) Collections.min(wall) / Collections.min(gitWall),
                (double) Collections.min(cpu) / Collections.min(gitCpu),
                (double) cpu.get(0) / Collections.min(gitCpu));
    }

    /** {wall ms, cpu ms (user + sys of git)} of one {@code git log --name-only} over the branch. */
    private static long[] gitLog(Path repoDir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                "git -C \"$1\" log --name-only --format='%H %aI' main > /dev/null; times", "bash",
                repoDir.toString()).redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("git log failed: " + out);
        }
        long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        // `times`: line 1 = the shell, line 2 = its children: "0m0.123s 0m0.045s"
        String[] lines = out.strip().split("\n");
        String[] child = lines[lines.length - 1].strip().split("\\s+");
        return new long[] {wall, seconds(child[0]) + seconds(child[1])};
    }

    private static long seconds(String t) {
        int m = t.indexOf('m');
        return Math.round((Long.parseLong(t.substring(0, m)) * 60
                + Double.parseDouble(t.substring(m + 1, t.length() - 1))) * 1000);
    }

    // -------------------------------------------------------------------------------------------- ingest

    private static void ingest(Path repoDir, String mode, int pushes) throws Exception {
        Path data = Files.createTempDirectory("content-ingest-bench-data");
        CountingPublisher publisher = new CountingPublisher();
        IngestService service = new IngestService();
        service.config = new Config(repoDir + "#main", data.toString(), mode);
        service.publisher = publisher;
        service.registry = new SimpleMeterRegistry();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        String head = git(repoDir, "rev-parse", "refs/heads/main");
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        service.onStart(new StartupEvent());
        awaitRevision(service, head, null, Duration.ofMinutes(30));
        long coldMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        long coldCpu = TimeUnit.NANOSECONDS.toMillis(os.getProcessCpuTime() - c0);
        IngestService.RunTimes cold = service.lastRun();
        System.out.printf("cold ingest (%s): %d entries, %d records (%d MB of JSON), start to last marker %d ms "
                        + "wall, %d ms process cpu; run breakdown: fetch %d, walk %d, classify + plan %d, "
                        + "publish %d ms%n", mode, service.snapshot().entries().size(), publisher.records.get(),
                publisher.bytes.get() >> 20, coldMs, coldCpu, cold.fetchMs(), cold.walkMs(), cold.buildMs(),
                cold.publishMs());
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("memory after cold ingest (%s): heap in use after GC %d MB (max %d MB), RSS %d MB%n",
                mode, (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20, rssMb());

        List<Long> total = new ArrayList<>();
        List<String> detail = new ArrayList<>();
        long recordsBefore = publisher.records.get();
        for (int i = 0; i < pushes; i++) {
            String path;
            if (i % 2 == 0) {
                path = "Posts/bench-push-" + i + "-" + System.nanoTime();
                Files.writeString(repoDir.resolve(path), "---\ntitle: Bench push " + i
                        + "\nauthor: bench\ntags: bench\n---\nA new post, number " + i + ".\n");
            } else {
                try (var files = Files.list(repoDir.resolve("Posts"))) {
                    path = "Posts/" + files.map(f -> f.getFileName().toString()).sorted()
                            .skip(17L * i % 4000).findFirst().orElseThrow();
                }
                Files.writeString(repoDir.resolve(path), "\nEdited by push " + i + ".\n",
                        java.nio.file.StandardOpenOption.APPEND);
            }
            git(repoDir, "add", "--", path);
            git(repoDir, "commit", "-q", "-m", "bench push " + i);
            String next = git(repoDir, "rev-parse", "refs/heads/main");
            IngestService.RunTimes previousRun = service.lastRun();
            long p0 = System.nanoTime();
            service.requestSync();
            awaitRevision(service, next, previousRun, Duration.ofMinutes(2));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - p0);
            IngestService.RunTimes r = service.lastRun();
            total.add(ms);
            detail.add(String.format("%d(f%d w%d c%d p%d)", ms, r.fetchMs(), r.walkMs(), r.buildMs(),
                    r.publishMs()));
        }
        if (pushes > 0) {
            List<Long> sorted = new ArrayList<>(total);
            Collections.sort(sorted);
            System.out.printf("one-commit pushes (%s): n=%d, request to new snapshot ms: p50 %d, p90 %d, max %d, "
                            + "last half p50 %d; records sent %d (%.1f per push)%n  per push total(fetch walk "
                            + "classify+plan publish): %s%n", mode, pushes, sorted.get(sorted.size() / 2),
                    sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.9))),
                    sorted.get(sorted.size() - 1), median(total.subList(pushes / 2, pushes)),
                    publisher.records.get() - recordsBefore,
                    (publisher.records.get() - recordsBefore) / (double) pushes, String.join(" ", detail));
        }
        service.onStop(null);
        System.exit(0);
    }

    private static long median(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    /** Until the snapshot is at {@code revision} and the run that published it has recorded its times. */
    private static void awaitRevision(IngestService service, String revision, IngestService.RunTimes previousRun,
                                      Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (service.snapshot() == null || !service.snapshot().revision().equals(revision)
                || service.lastRun() == null || service.lastRun() == previousRun) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("revision " + revision + " not published; status "
                        + service.status());
            }
            LockSupport.parkNanos(100_000);
        }
    }

    private static long rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
            }
        }
        return -1;
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("GIT_AUTHOR_NAME", "bench");
        pb.environment().put("GIT_AUTHOR_EMAIL", "bench@example.invalid");
        pb.environment().put("GIT_COMMITTER_NAME", "bench");
        pb.environment().put("GIT_COMMITTER_EMAIL", "bench@example.invalid");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IOException(cmd + " failed: " + out);
        }
        return out;
    }

    /** Encodes every record as the Kafka edge does and acknowledges at once. */
    static final class CountingPublisher extends ContentEventPublisher {
        final AtomicLong records = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        @Override
        public CompletableFuture<Void> entry(Entry entry) {
            records.incrementAndGet();
            bytes.addAndGet(EventCodec.encode(entry).length());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> tombstone(String path) {
            records.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> marker(RevisionMarker marker) {
            bytes.addAndGet(EventCodec.encode(marker).length());
            return CompletableFuture.completedFuture(null);
        }
    }

    /** The service's configuration as application.properties gives it, without read-back (no broker). */
    record Config(String repoValue, String dataDir, String mode) implements BlogConfig {
        @Override
        public Optional<String> repo() {
            return Optional.of(repoValue);
        }

        @Override
        public String data() {
            return dataDir;
        }

        @Override
        public Optional<String> hookSecret() {
            return Optional.of("bench");
        }

        @Override
        public String sourceId() {
            return "blog";
        }

        @Override
        public Hook hook() {
            return new Hook() {
                @Override
                public int maxBody() {
                    return 1 << 20;
                }

                @Override
                public Duration quietPeriod() {
                    return Duration.ofMillis(250);
                }
            };
        }

        @Override
        public boolean preview() {
            return false;
        }

        @Override
        public Git git() {
            return new Git() {
                @Override
                public String pollInterval() {
                    return "off";
                }

                @Override
                public Optional<String> sshKey() {
                    return Optional.empty();
                }

                @Override
                public Optional<String> sshKnownHosts() {
                    return Optional.empty();
                }

                @Override
                public String localMode() {
                    return mode;
                }

                @Override
                public boolean watch() {
                    return false;
                }

                @Override
                public Duration watchFallback() {
                    return Duration.ofSeconds(2);
                }

                @Override
                public Duration retryMin() {
                    return Duration.ofSeconds(1);
                }

                @Override
                public Duration retryMax() {
                    return Duration.ofSeconds(60);
                }
            };
        }

        @Override
        public Publish publish() {
            return new Publish() {
                @Override
                public boolean readBack() {
                    return false;
                }

                @Override
                public Duration readBackTimeout() {
                    return Duration.ofSeconds(30);
                }

                @Override
                public Duration ackTimeout() {
                    return Duration.ofSeconds(120);
                }
            };
        }
    }

    private IngestBenchmark() {
    }
}
