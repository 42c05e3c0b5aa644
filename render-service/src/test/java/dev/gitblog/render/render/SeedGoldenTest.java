package dev.gitblog.render.render;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden test against the seed: renders the six articles of {@code ../../shared/fixtures/seed-blog/content},
 * wraps each in the page skeleton of docs/FORMAT.md §3.1/§3.2 (dates from the fixture's NOTES.md table)
 * and requires the fixture's own {@code check.py} to report no MISMATCH for them. The page skeleton
 * here is test scaffolding (the gateway owns the real one); what is under test is the body HTML.
 */
@EnabledIf(value = "fixturePresent", disabledReason = "the seed fixture (shared/fixtures/seed-blog) is not beside this checkout")
class SeedGoldenTest {

    private static final Path FIXTURE = Path.of(System.getProperty("user.dir"))
            .resolve("../../shared/fixtures/seed-blog").normalize();
    private static final List<String> ARTICLES =
            List.of("About", "Posts/ARP", "Posts/Albatross", "Posts/BadRecordMac", "Posts/BottomUp", "Posts/Conex");
    private static final String BLOG_NAME = "full stack engineer";
    private static final String INDEX_PAGE = "Posts";
    private static final List<String> NAV = List.of("About", "Posts");

    private static FragmentRenderer renderer;

    static boolean fixturePresent() {
        return Files.isRegularFile(FIXTURE.resolve("check.py"));
    }

    @BeforeAll
    static void open() {
        renderer = new FragmentRenderer(RenderSettings.defaults());
    }

    @AfterAll
    static void close() {
        if (renderer != null) {
            renderer.close();
        }
    }

    @Test
    void renderedArticlesMatchTheSeedPages(@TempDir Path export) throws Exception {
        Map<String, String> shownDates = shownDates();
        for (String article : ARTICLES) {
            writePage(export, article, page(article, shownDates.get(article)));
        }
        List<String> report = checkPy(export);
        List<String> mismatches = report.stream().filter(l -> l.startsWith("MISMATCH")).collect(Collectors.toList());
        assertTrue(mismatches.isEmpty(), () -> String.join("\n", mismatches));
        assertTrue(report.get(report.size() - 1).startsWith("passed "), () -> String.join("\n", report));

        // the seed strings of docs/FORMAT.md §6 check 8, byte for byte (check.py forgives the \n before </li>)
        String arp = Files.readString(export.resolve("Posts/ARP"));
        assertTrue(arp.contains("mac address.\n</li>"), "omd-style tight list item in Posts/ARP");
        String bottomUp = Files.readString(export.resolve("Posts/BottomUp"));
        assertTrue(bottomUp.contains("<pre><code class=\"language-OCaml\">module Main"));
        assertTrue(bottomUp.contains("C.log_s c &quot;hello world&quot;"));
        assertFalse(arp.contains("<h2 id="));
    }

    @Test
    void checkPyCatchesABrokenBody(@TempDir Path export) throws Exception {
        // the control experiment: the same pages with one unescaped quote must fail the check
        Map<String, String> shownDates = shownDates();
        for (String article : ARTICLES) {
            String page = page(article, shownDates.get(article));
            if (article.equals("Posts/BottomUp")) {
                page = page.replace("&quot;hello world&quot;", "\"hello world\"");
            }
            writePage(export, article, page);
        }
        List<String> report = checkPy(export);
        assertEquals(1, report.stream().filter(l -> l.startsWith("MISMATCH Posts/BottomUp")).count(),
                () -> String.join("\n", report));
    }

    private static String page(String article, String shown) throws IOException {
        String text = Files.readString(FIXTURE.resolve("content").resolve(article), StandardCharsets.UTF_8);
        List<String> lines = Arrays.asList(text.split("\n", -1));
        assertEquals("---", lines.get(0), article + " starts with a header");
        int close = lines.subList(1, lines.size()).indexOf("---") + 1;
        assertTrue(close > 0, article + " has a closing ---");
        Map<String, String> header = new LinkedHashMap<>();
        for (String line : lines.subList(1, close)) {
            int colon = line.indexOf(": ");
            header.put(line.substring(0, colon), line.substring(colon + 2));
        }
        String body = String.join("\n", lines.subList(close + 1, lines.size()));
        RenderedMarkdown r = renderer.render(body, header.get("abstract"), Flavor.COMMONMARK);
        assertEquals(null, r.error(), article);

        String[] dates = shown.split(" / ");
        String title = header.get("title");
        StringBuilder tags = new StringBuilder();
        List<String> tagList = Arrays.stream(header.getOrDefault("tags", "").split(","))
                .map(String::strip).filter(t -> !t.isEmpty()).collect(Collectors.toList());
        if (!tagList.isEmpty()) {
            tags.append("<div class=\"tags\">Classified under: ");
            for (String tag : tagList) {
                tags.append("<a href=\"/tags/").append(esc(tag)).append("\" class=\"tag\">").append(esc(tag)).append("</a>");
            }
            tags.append("</div>");
        }
        String content = "<div class=\"post\"><h2>" + esc(title) + "</h2><span class=\"author\">Written by "
                + esc(header.get("author")) + "</span><br/>" + tags + "<span class=\"date\">Published: " + dates[0]
                + " (last updated: " + dates[1] + ")</span><article>" + r.bodyHtml() + "</article></div>";
        StringBuilder nav = new StringBuilder();
        for (String item : NAV) {
            nav.append("<li><a href=\"/").append(esc(item)).append("\"><span>").append(esc(item)).append("</span></a></li>");
        }
        return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>" + esc(title)
                + "</title><meta charset=\"UTF-8\"/><link rel=\"stylesheet\" href=\"/static/css/style.css\"/>"
                + "<link rel=\"stylesheet\" href=\"/static/css/highlight.css\"/><script src=\"/static/js/highlight.pack.js\">"
                + "</script><script>hljs.initHighlightingOnLoad();</script><link rel=\"alternate\" href=\"/atom\" title=\""
                + esc(title) + "\" type=\"application/atom+xml\"/><meta name=\"viewport\" content=\"width=device-width, "
                + "initial-scale=1, viewport-fit=cover\"/></head><body><nav class=\"navbar navbar-default navbar-fixed-top\">"
                + "<div class=\"container\"><div class=\"navbar-header\"><a class=\"navbar-brand\" href=\"/" + esc(INDEX_PAGE)
                + "\">" + esc(BLOG_NAME) + "</a></div><div class=\"collapse navbar-collapse collapse\">"
                + "<ul class=\"nav navbar-nav navbar-right\">" + nav + "</ul></div></div></nav><main>"
                + "<div class=\"flex-container\">" + content + "</div></main></body></html>";
    }

    /** The "shown" column of the dates table in NOTES.md: {@code | About | … | … | 2016-04-01 / 2021-11-19 |}. */
    private static Map<String, String> shownDates() throws IOException {
        Pattern row = Pattern.compile("^\\| (\\S+) \\| \\S+-00:00 \\| \\S+-00:00 \\| (\\d{4}-\\d\\d-\\d\\d / \\d{4}-\\d\\d-\\d\\d) \\|$");
        Map<String, String> dates = new LinkedHashMap<>();
        for (String line : Files.readAllLines(FIXTURE.resolve("NOTES.md"))) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                dates.put(m.group(1), m.group(2));
            }
        }
        assertEquals(ARTICLES.stream().sorted().collect(Collectors.toList()),
                dates.keySet().stream().sorted().collect(Collectors.toList()), "dates table of NOTES.md");
        return dates;
    }

    private static void writePage(Path export, String article, String page) throws IOException {
        Path file = export.resolve(article);
        Files.createDirectories(file.getParent());
        Files.writeString(file, page, StandardCharsets.UTF_8);
    }

    private static List<String> checkPy(Path export) throws Exception {
        Process p = new ProcessBuilder("python3", FIXTURE.resolve("check.py").toString(), export.toString())
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "check.py finished");
        List<String> lines = new ArrayList<>(Arrays.asList(new String(out, StandardCharsets.UTF_8).split("\n")));
        lines.removeIf(String::isBlank);
        assertFalse(lines.isEmpty(), "check.py printed a report");
        return lines;
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        b.append("&#").append((int) c).append(';');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
