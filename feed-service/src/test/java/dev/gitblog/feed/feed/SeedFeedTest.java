package dev.gitblog.feed.feed;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed fixture's six articles (headers from fixtures/seed-blog/content, dates from its NOTES.md)
 * through planner and Atom writer: docs/FORMAT.md §6 check 10, with docs/DECISIONS.md Decision 6's absolute links.
 */
class SeedFeedTest {

    private static final String ROOT = "https://hannes.robur.coop";

    private static FeedInput.Article post(String path, String title, List<String> tags, String created, String updated) {
        return new FeedInput.Article(path, title, "hannes", null, tags, Instant.parse(created), Instant.parse(updated),
                "<p>" + path + "</p>\n", "<p>abstract of " + path + "</p>\n");
    }

    private static final List<FeedInput.Article> SEED = List.of(
            post("About", "About", List.of("overview", "myself", "background"),
                    "2016-04-01T16:41:56Z", "2021-11-19T14:33:08Z"),
            post("Posts/BadRecordMac", "Catch the bug, walking through the stack", List.of("mirageos", "security"),
                    "2016-05-03T12:27:09Z", "2021-11-19T14:33:08Z"),
            post("Posts/BottomUp", "Counting Bytes", List.of("mirageos", "background"),
                    "2016-06-11T23:15:30Z", "2021-11-19T14:33:08Z"),
            post("Posts/ARP", "Re-engineering ARP", List.of("mirageos", "protocol"),
                    "2016-07-12T15:40:22Z", "2021-11-19T14:33:08Z"),
            post("Posts/Conex", "Conex, establish trust in community repositories",
                    List.of("package signing", "security", "overview"), "2017-02-16T15:20:31Z", "2021-11-19T14:33:08Z"),
            post("Posts/Albatross", "Deploying reproducible unikernels with albatross", List.of("mirageos", "deployment"),
                    "2022-11-17T09:14:05Z", "2022-11-17T15:48:30Z"));

    private final FeedInput input = new FeedInput(
            new FeedInput.Site("full stack engineer", ROOT, "981361ca-e71d-4997-a52c-baeee78e4156"),
            Instant.parse("2022-11-17T15:48:30Z"), SEED);

    @Test
    void siteFeedFollowsCheck10() {
        String atom = new AtomFeedWriter().write(SmallBlog.spec(new FeedPlanner(10).plan(input), "atom"));
        assertTrue(atom.startsWith("<feed xmlns=\"http://www.w3.org/2005/Atom\"><link href=\"https://hannes.robur.coop/atom\" rel=\"self\"/>"
                + "<id>urn:uuid:981361ca-e71d-4997-a52c-baeee78e4156</id><title type=\"text\">full stack engineer</title>"
                + "<updated>2022-11-17T15:48:30-00:00</updated>"), atom.substring(0, 300));
        assertFalse(atom.contains("<?xml"));
        assertEquals(6, count(atom, "<entry>"));
        String first = atom.substring(atom.indexOf("<entry>"), atom.indexOf("</entry>"));
        assertTrue(first.contains("<link href=\"https://hannes.robur.coop/Posts/Albatross\" rel=\"alternate\"/>"), first);
        assertTrue(first.indexOf("tags/deployment") < first.indexOf("tags/mirageos"), "reverse header order");
        assertEquals(List.of(
                        "urn:uuid:cc7659d9-0cdb-5cbc-a949-d69784448f55", // Albatross
                        "urn:uuid:932d4f1f-d65f-5faf-8806-1c4d66fe7706", // Conex
                        "urn:uuid:a8b636d2-11af-5f21-818d-b26d47f2fa0f", // ARP
                        "urn:uuid:784bcd58-a991-5f84-a8da-d1f65a08999f", // BottomUp
                        "urn:uuid:e506f18b-6244-5319-94b2-5f2bc7963956", // BadRecordMac
                        "urn:uuid:5df3be98-e030-59f0-ac7c-af8dc7278045"), // About
                entryIds(atom), "NOTES.md ids, newest first");
        assertTrue(atom.contains("<category scheme=\"https://hannes.robur.coop/tags/package%20signing\" term=\"package signing\"/>"));
    }

    @Test
    void tagFeedsMatchTheSeedsTagPages() {
        List<FeedSpec> feeds = new FeedPlanner(10).plan(input);
        // NOTES.md: mirageos 4, security 2, background 2, overview 2, protocol 1, deployment 1, myself 1, package signing 1
        assertEquals(4, SmallBlog.spec(feeds, "tags/mirageos/atom").items().size());
        assertEquals(2, SmallBlog.spec(feeds, "tags/security/atom").items().size());
        assertEquals(List.of("Posts/BottomUp", "About"), SmallBlog.spec(feeds, "tags/background/atom").items().stream()
                .map(i -> i.article().path()).toList());
        assertEquals(1, SmallBlog.spec(feeds, "tags/package signing/atom").items().size());
        assertEquals(3 + 3 * 8, feeds.size(), "atom, rss.xml, feed.json and three feeds for each of eight tags");
        String background = new AtomFeedWriter().write(SmallBlog.spec(feeds, "tags/background/atom"));
        assertTrue(background.contains("<updated>2021-11-19T14:33:08-00:00</updated><entry>"), "newest entry update");
    }

    private static int count(String s, String needle) {
        return s.split(Pattern.quote(needle), -1).length - 1;
    }

    private static List<String> entryIds(String atom) {
        List<String> ids = new java.util.ArrayList<>();
        Matcher e = Pattern.compile("<id>(urn:uuid:[^<]*)</id><title").matcher(atom);
        while (e.find()) {
            ids.add(e.group(1));
        }
        return ids.subList(1, ids.size()); // the first is the feed's own id
    }
}
