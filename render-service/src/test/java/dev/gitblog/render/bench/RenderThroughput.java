package dev.gitblog.render.bench;

import dev.gitblog.render.render.Flavor;
import dev.gitblog.render.render.FragmentRenderer;
import dev.gitblog.render.render.RenderSettings;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Benchmark, not a test (issue 4, "Performance"): MB/s of the service's render path
 * ({@link FragmentRenderer#render}: guard thread, limits, facts, omd list items) against bare
 * commonmark-java on the same generated posts. Run with the test classpath:
 * {@code java -cp target/test-classes:target/classes:<deps> dev.gitblog.render.bench.RenderThroughput [posts] [rounds]}.
 */
public final class RenderThroughput {

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> posts = PostGenerator.posts(count, 42);
        long bytes = posts.stream().mapToLong(p -> p.getBytes(StandardCharsets.UTF_8).length).sum();
        Parser parser = Parser.builder().build();
        HtmlRenderer html = HtmlRenderer.builder().build();
        try (FragmentRenderer service = new FragmentRenderer(RenderSettings.defaults())) {
            System.out.printf("%d posts, %.1f MB of markdown, %d rounds each (first round is warm-up)%n", count,
                    bytes / 1e6, rounds);
            for (int round = 0; round < rounds; round++) {
                long sink = 0;
                long bare = 0;
                long svc = 0;
                // alternate which one runs first, so that JIT warm-up and machine noise hit both alike
                for (int pass = 0; pass < 2; pass++) {
                    boolean bareNow = (pass + round) % 2 == 0;
                    long t0 = System.nanoTime();
                    for (String p : posts) {
                        sink += bareNow ? html.render(parser.parse(p)).length()
                                : service.render(p, null, Flavor.COMMONMARK).bodyHtml().length();
                    }
                    if (bareNow) {
                        bare = System.nanoTime() - t0;
                    } else {
                        svc = System.nanoTime() - t0;
                    }
                }
                double bareMbs = bytes / 1e6 / (bare / 1e9);
                double svcMbs = bytes / 1e6 / (svc / 1e9);
                System.out.printf("round %d: bare commonmark-java %.1f MB/s, service render path %.1f MB/s, ratio %.2f (%d)%n",
                        round + 1, bareMbs, svcMbs, svcMbs / bareMbs, sink % 10);
            }
        }
    }
}
