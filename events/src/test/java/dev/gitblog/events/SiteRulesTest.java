package dev.gitblog.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteRulesTest {

    @Test
    void machineAndDisplayTimesAreUtc() {
        Instant t = Instant.parse("2016-06-11T23:15:30Z"); // 01:15:30 +02:00 on the 12th
        assertEquals("2016-06-11T23:15:30-00:00", CanopyTime.machine(t));
        assertEquals("2016-06-11", CanopyTime.display(t));
        assertEquals("2016-06-11T23:15:30Z", CanopyTime.iso(Instant.parse("2016-06-11T23:15:30.789Z")));
    }

    record A(String path, Instant created) {
    }

    @Test
    void newestFirstThenDescendingKeyOrder() {
        Instant t1 = Instant.parse("2020-01-01T00:00:00Z");
        Instant t2 = Instant.parse("2021-01-01T00:00:00Z");
        List<A> list = new ArrayList<>(List.of(new A("Posts/a", t1), new A("Index", t1), new A("Posts/B", t1),
                new A("Posts/z", t2), new A("Zeta", t1)));
        list.sort(ArticleOrder.newestFirst(A::created, A::path));
        // t2 first; among t1: two-segment keys before one-segment keys (descending), bytes descending
        assertEquals(List.of("Posts/z", "Posts/a", "Posts/B", "Zeta", "Index"), list.stream().map(A::path).toList());
    }

    @Test
    void tagSegmentsCannotEscape() {
        assertEquals("package signing", TagPaths.segment("package signing"));
        assertEquals("a%2Fb", TagPaths.segment("a/b"));
        assertEquals("..%2F..%2Fetc", TagPaths.segment("../../etc"));
        assertEquals("%2E%2E", TagPaths.segment(".."));
        assertEquals("a%5Cb%25c%0A", TagPaths.segment("a\\b%c\n"));
        assertEquals("tags/a%2Fb/atom", TagPaths.tagFeed("a/b"));
        for (String tag : java.util.List.of("../x", "..", ".", "a/../../b", "\\..\\x")) {
            String page = TagPaths.tagPage(tag);
            assertEquals(2, page.split("/").length, page);
            for (String seg : page.split("/")) {
                assertFalse(seg.equals("..") || seg.equals("."), page);
            }
        }
    }
}
