package dev.gitblog.systemtests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitblog.systemtests.LocalSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Load during change (issue 9, item 3), run with {@code -Preliability}: 256 concurrent connections for 60 s on a
 * mix of pages (index, listing, articles, tag page, feed, API, static file, conditional requests) while 10 pushes
 * land. Every push changes the title and text of {@code Posts/Probe} to its generation number, so each page that
 * shows the probe can be checked against its {@code X-Blog-Revision}: a page that mixes two revisions (header of
 * one, text of another, or two generations in one body) is counted. Expected: only 2xx/3xx/304 answers, no
 * transport errors, no mixed page, and the last push served at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadDuringPushesSoak {

    static final Path WORK = LocalSystem.PROJECT_ROOT.resolve("system-tests/target/it/reliability-load");
    static final int BASE_PORT = 18580;
    static final int CONNECTIONS = 256;
    static final Duration LOAD = Duration.ofSeconds(60);
    static final int PUSHES = 10;
    static final Pattern GENERATION = Pattern.compile("Probe generation (\\d+)");

    LocalSystem system;
    BlogRepo repo;
    final Map<String, Integer> generationOf = new ConcurrentHashMap<>();

    @BeforeAll
    void start() throws Exception {
        Rig.deleteTree(WORK);
        repo = BlogRepo.create(WORK.resolve("blog.git"));
        Rig.seedBlog(repo, "Load blog", "load-seed");
        for (int i = 0; i < 20; i++) {
            repo.put("Posts/P" + i, Rig.article("Post " + i, "Text of post " + i + ". ".repeat(200), "load, t" + (i % 3)));
        }
        repo.put("static/css/site.css", "body { color: #333 }\n".repeat(200));
        probe(0);
        String first = repo.commit("load blog, generation 0");
        generationOf.put(first, 0);
        system = Rig.start(repo.dir() + "#main", WORK, BASE_PORT, "load-secret-" + UUID.randomUUID());
        Rig.awaitServedRevision(system, "/Posts/Probe", first, Duration.ofMinutes(2));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            assertEquals(List.of(), Rig.stop(system), "processes left behind");
        } finally {
            repo.close();
        }
    }

    void probe(int generation) throws Exception {
        repo.put("Posts/Probe", Rig.article("Probe generation " + generation,
                "This is Probe generation " + generation + " of the load test.", "load, probe"));
    }

    @Test
    void loadOf256ConnectionsWhileTenPushesLand() throws Exception {
        String base = system.gateway();
        List<String> mix = List.of("/", "/Posts", "/Posts/Probe", "/Posts/P1", "/Posts/P7", "/Posts/P13", "/tags/load",
                "/tags/probe", "/atom", "/api/articles", "/api/articles?tag=probe", "/static/css/site.css", "/About",
                "/Posts/Probe?cond");
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        LongAdder requests = new LongAdder();
        LongAdder checkedPages = new LongAdder();
        Set<Integer> seenGenerations = ConcurrentHashMap.newKeySet();
        Map<String, String> etags = new ConcurrentHashMap<>();
        Instant end = Instant.now().plus(LOAD);

        AtomicInteger pushed = new AtomicInteger();
        List<String> commits = new ArrayList<>();
        ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor();
        pusher.scheduleAtFixedRate(() -> {
            int g = pushed.get() + 1;
            if (g > PUSHES) {
                return;
            }
            try {
                probe(g);
                repo.put("Posts/P" + (g % 20), Rig.article("Post " + (g % 20), "Edited in push " + g, "load"));
                String c = repo.commit("load push " + g);
                generationOf.put(c, g);
                commits.add(c);
                pushed.set(g);
                int status = Rig.notifyPush(system, c);
                if (status != 202) {
                    failures.add("push " + g + ": hook answered " + status);
                }
            } catch (Exception e) {
                failures.add("push " + g + ": " + e);
            }
        }, 3, 5, TimeUnit.SECONDS);

        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < CONNECTIONS; t++) {
            int seed = t;
            Thread th = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                while (Instant.now().isBefore(end)) {
                    String path = mix.get(random.nextInt(mix.size()));
                    boolean conditional = path.endsWith("?cond");
                    String real = conditional ? path.substring(0, path.length() - 5) : path;
                    try {
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + real)).timeout(Duration.ofSeconds(60));
                        if (conditional && etags.containsKey(real)) {
                            b.header("If-None-Match", etags.get(real));
                        }
                        HttpResponse<String> r = Rig.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
                        requests.increment();
                        statuses.computeIfAbsent(r.statusCode(), s -> new LongAdder()).increment();
                        if (r.statusCode() >= 400) {
                            failures.add(real + " -> " + r.statusCode());
                            continue;
                        }
                        r.headers().firstValue("ETag").ifPresent(e -> etags.put(real, e));
                        String revision = r.headers().firstValue("X-Blog-Revision").orElse(null);
                        Matcher m = GENERATION.matcher(r.body());
                        Set<Integer> inBody = new TreeSet<>();
                        while (m.find()) {
                            inBody.add(Integer.parseInt(m.group(1)));
                        }
                        if (inBody.size() > 1) {
                            failures.add(real + ": one body shows generations " + inBody);
                        } else if (inBody.size() == 1 && revision != null) {
                            checkedPages.increment();
                            Integer g = generationOf.get(revision);
                            int shown = inBody.iterator().next();
                            seenGenerations.add(shown);
                            if (g == null || g != shown) {
                                failures.add(real + ": X-Blog-Revision " + revision + " (generation " + g
                                        + ") but the page shows generation " + shown);
                            }
                        }
                    } catch (Exception e) {
                        failures.add(real + ": " + e);
                    }
                }
            }, "load-" + t);
            th.setDaemon(true);
            th.start();
            clients.add(th);
        }
        for (Thread th : clients) {
            th.join(LOAD.plusMinutes(3).toMillis());
        }
        pusher.shutdown();
        assertTrue(pusher.awaitTermination(2, TimeUnit.MINUTES));
        String last = commits.get(commits.size() - 1);
        Rig.awaitServedRevision(system, "/Posts/Probe", last, Duration.ofMinutes(3));

        System.out.printf("[load] %d requests in %s over %d connections (%.0f/s), statuses %s, %d pages checked "
                        + "against their revision, generations seen %s, %d pushes, %d failures%n",
                requests.sum(), LOAD, CONNECTIONS, requests.sum() / (double) LOAD.toSeconds(), statuses, checkedPages.sum(),
                new TreeSet<>(seenGenerations), pushed.get(), failures.size());
        List<String> sample = failures.stream().limit(30).toList();
        assertEquals(List.of(), sample, failures.size() + " failures");
        assertEquals(PUSHES, pushed.get());
        assertTrue(seenGenerations.size() > 1, "the load saw the site change: " + seenGenerations);
    }
}
