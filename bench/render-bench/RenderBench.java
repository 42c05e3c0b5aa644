import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.Fragment;
import dev.gitblog.render.render.Flavor;
import dev.gitblog.render.render.FragmentRenderer;
import dev.gitblog.render.render.RenderSettings;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Render throughput: the render-service path against bare commonmark-java, on the articles of a
 * generated corpus (bench/generate.py). Single-threaded passes over all articles, variants
 * interleaved in a shuffled order every round so that a noisy machine hurts them alike.
 *
 *   java -cp "render-service/target/quarkus-app/app/*:render-service/target/quarkus-app/lib/main/*" \
 *        bench/render-bench/RenderBench.java CORPUS_DIR [ROUNDS] [WARMUP_PASSES]
 *
 * Variants (all on body + abstract, MB/s of markdown input):
 *   bare      Parser.builder().build() / HtmlRenderer.builder().build(), nothing else
 *   engine    FragmentRenderer.render: the configured engine (omd list items, percent-encoded URLs),
 *             document facts (excerpt, headings, links), limits, run on the guarded render thread
 *   path      what render-service does per record: EventCodec.entry(json), FragmentRenderer.fragment,
 *             EventCodec.encode(fragment)
 * Each pass is timed by the process's CPU time (all threads: the render thread of the engine, GC and
 * JIT included), which a shared, overloaded machine disturbs far less than wall time; wall-time
 * MB/s are printed too. Prints one line per variant and a last line "ratio engine/bare=… path/bare=…"
 * (medians of CPU-time MB/s).
 */
public class RenderBench {

    record Doc(String path, String body, String abstractText, long bytes, String entryJson) {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<Doc> docs = load(corpus);
        long total = docs.stream().mapToLong(Doc::bytes).sum();
        System.out.printf("render-bench: %d articles, %.1f MB of markdown, %d warm-up passes, %d rounds%n",
                docs.size(), total / 1e6, warmup, rounds);

        Parser parser = Parser.builder().build();
        HtmlRenderer renderer = HtmlRenderer.builder().build();
        FragmentRenderer fragments = new FragmentRenderer(RenderSettings.defaults());

        Map<String, Pass> variants = new LinkedHashMap<>();
        variants.put("bare", d -> {
            long n = renderer.render(parser.parse(d.body())).length();
            if (d.abstractText() != null) {
                n += renderer.render(parser.parse(d.abstractText())).length();
            }
            return n;
        });
        variants.put("engine", d -> {
            var r = fragments.render(d.body(), d.abstractText(), Flavor.COMMONMARK);
            if (r.error() != null) {
                throw new IllegalStateException(d.path() + ": " + r.error());
            }
            return r.bodyHtml().length() + (r.abstractHtml() == null ? 0 : r.abstractHtml().length());
        });
        variants.put("path", d -> {
            Entry e = EventCodec.entry(d.entryJson());
            Fragment f = fragments.fragment(e);
            return EventCodec.encode(f).length();
        });

        for (var v : variants.entrySet()) {
            for (int i = 0; i < warmup; i++) {
                pass(v.getValue(), docs);
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        Map<String, List<Double>> mbps = new LinkedHashMap<>();
        Map<String, List<Double>> wallMbps = new LinkedHashMap<>();
        variants.keySet().forEach(k -> mbps.put(k, new ArrayList<>()));
        variants.keySet().forEach(k -> wallMbps.put(k, new ArrayList<>()));
        List<String> order = new ArrayList<>(variants.keySet());
        Random shuffle = new Random(42);
        for (int r = 0; r < rounds; r++) {
            Collections.shuffle(order, shuffle);
            for (String k : order) {
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                pass(variants.get(k), docs);
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = (os.getProcessCpuTime() - c0) / 1e9;
                mbps.get(k).add(total / 1e6 / cpu);
                wallMbps.get(k).add(total / 1e6 / wall);
            }
        }
        Map<String, Double> median = new LinkedHashMap<>();
        for (var m : mbps.entrySet()) {
            double[] a = sorted(m.getValue());
            double[] w = sorted(wallMbps.get(m.getKey()));
            median.put(m.getKey(), median(a));
            System.out.printf("render-bench: %-6s median %.2f MB/s of CPU time (min %.2f, max %.2f); wall time: median %.2f MB/s"
                    + " (min %.2f, max %.2f); CPU rounds %s%n", m.getKey(), median(a), a[0], a[a.length - 1], median(w),
                    w[0], w[w.length - 1], Arrays.toString(Arrays.stream(a).map(x -> Math.round(x * 100) / 100.0).toArray()));
        }
        System.out.printf("ratio engine/bare=%.3f path/bare=%.3f%n", median.get("engine") / median.get("bare"),
                median.get("path") / median.get("bare"));
        fragments.close();
    }

    static double[] sorted(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    static double median(double[] a) {
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    interface Pass {
        long run(Doc d);
    }

    static long sink;

    static void pass(Pass p, List<Doc> docs) {
        long n = 0;
        for (Doc d : docs) {
            n += p.run(d);
        }
        sink += n;
    }

    /** Articles of the working tree: every file outside .git, .config and static with a --- header. */
    static List<Doc> load(Path corpus) throws IOException {
        List<Doc> docs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = corpus.relativize(f).toString().replace('\\', '/');
                if (rel.startsWith(".git/") || rel.startsWith(".config/") || rel.startsWith("static/")) {
                    continue;
                }
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (!text.startsWith("---\n")) {
                    continue;
                }
                int end = text.indexOf("\n---\n", 3);
                if (end < 0) {
                    continue;
                }
                String title = null, author = null, abs = null;
                List<String> tags = List.of();
                for (String line : text.substring(4, end).split("\n")) {
                    int i = line.indexOf(": ");
                    if (i < 0) {
                        continue;
                    }
                    String k = line.substring(0, i), v = line.substring(i + 2);
                    switch (k) {
                        case "title" -> title = v;
                        case "author" -> author = v;
                        case "abstract" -> abs = v;
                        case "tags" -> tags = Arrays.stream(v.split(",")).map(String::strip).toList();
                        default -> { }
                    }
                }
                String body = text.substring(end + 5);
                long bytes = body.getBytes(StandardCharsets.UTF_8).length
                        + (abs == null ? 0 : abs.getBytes(StandardCharsets.UTF_8).length);
                Entry e = new Entry(Entry.SCHEMA_VERSION, rel, EntryKind.ARTICLE, "0".repeat(40),
                        Integer.toHexString(text.hashCode()), Instant.EPOCH, Instant.EPOCH,
                        new Entry.Article(title, author, null, abs, tags, Map.of(), body, "commonmark"),
                        null, null, null, null, List.of());
                docs.add(new Doc(rel, body, abs, bytes, EventCodec.encode(e)));
            }
        }
        return docs;
    }
}
