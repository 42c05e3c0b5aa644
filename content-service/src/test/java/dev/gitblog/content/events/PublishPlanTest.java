package dev.gitblog.content.events;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.EventCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishPlanTest {

    private static final Instant T1 = Instant.parse("2016-04-01T16:41:56Z");
    private static final Instant T2 = Instant.parse("2021-11-19T14:33:08Z");

    private static Entry config(String path, String value, String revision, Instant updated) {
        return new Entry(Entry.SCHEMA_VERSION, path, EntryKind.CONFIG, revision, "h-" + value, T1, updated,
                null, null, new Entry.Config(value), null, null, List.of());
    }

    @Test
    void onlyDifferingValuesAndRemovedPathsAreSent() {
        Entry a = config(".config/a", "x", "rev1", T1);
        Entry b = config(".config/b", "y", "rev1", T1);
        Entry gone = config(".config/gone", "z", "rev1", T1);
        Map<String, Entry> published = Map.of(a.path(), a, b.path(), b, gone.path(), gone);
        Map<String, Entry> computed = Map.of(
                a.path(), PublishPlan.withRevision(a, null),
                b.path(), config(".config/b", "y2", null, T2),
                ".config/new", config(".config/new", "n", null, T2));

        PublishPlan plan = PublishPlan.of(published, computed, "rev2");
        assertEquals(List.of(".config/b", ".config/new"), plan.changedPaths());
        assertTrue(plan.changed().stream().allMatch(e -> e.revision().equals("rev2")));
        assertEquals(List.of(".config/gone"), plan.removed());
        assertEquals(1, plan.unchanged());
        assertSame(a, plan.next().get(".config/a"), "unchanged entries keep their published revision");
        assertEquals(3, plan.next().size());
    }

    @Test
    void aDateChangeIsAChange() {
        Entry a = config(".config/a", "x", "rev1", T1);
        PublishPlan plan = PublishPlan.of(Map.of(a.path(), a), Map.of(a.path(), config(a.path(), "x", null, T2)), "r");
        assertEquals(List.of(".config/a"), plan.changedPaths());
    }

    @Test
    void valuesReadBackFromJsonCompareEqual() {
        Entry article = new Entry(Entry.SCHEMA_VERSION, "Posts/ARP", EntryKind.ARTICLE, "rev1", "abc", T1, T2,
                new Entry.Article("Re-engineering ARP", "hannes", null, "abstract", List.of("mirageos", "protocol"),
                        Map.of("participants", "a"), "## What is ARP?\n", "commonmark"),
                null, null, null, null, List.of("w"));
        Entry readBack = EventCodec.entry(EventCodec.encode(article));
        PublishPlan plan = PublishPlan.of(Map.of(article.path(), readBack),
                Map.of(article.path(), PublishPlan.withRevision(article, null)), "rev2");
        assertTrue(plan.isEmpty(), "a restart on an unchanged repository publishes nothing");
        assertEquals(1, plan.unchanged());
    }

    @Test
    void publishedValuesAreKeptWithoutMarkdownAndStillCompareEqual() {
        Entry article = new Entry(Entry.SCHEMA_VERSION, "Posts/ARP", EntryKind.ARTICLE, "rev1", "abc", T1, T2,
                new Entry.Article("ARP", "hannes", null, null, List.of(), Map.of(), "## body\n", "commonmark"),
                null, null, null, null, List.of());
        Entry edited = new Entry(Entry.SCHEMA_VERSION, "Posts/ARP", EntryKind.ARTICLE, null, "abd", T1, T2,
                new Entry.Article("ARP", "hannes", null, null, List.of(), Map.of(), "## new body\n", "commonmark"),
                null, null, null, null, List.of());
        Map<String, Entry> published = Map.of(article.path(), article.withoutMarkdown());
        PublishPlan same = PublishPlan.of(published, Map.of(article.path(), PublishPlan.withRevision(article, null)),
                "rev2");
        assertTrue(same.isEmpty(), "same blob, same header: nothing to send");
        PublishPlan changed = PublishPlan.of(published, Map.of(edited.path(), edited), "rev2");
        assertEquals(List.of("Posts/ARP"), changed.changedPaths(), "another blob is another value");
        assertEquals("## new body\n", changed.changed().get(0).article().markdown(), "sent with its markdown");
        assertEquals(null, changed.next().get("Posts/ARP").article().markdown(), "kept without");
    }
}
