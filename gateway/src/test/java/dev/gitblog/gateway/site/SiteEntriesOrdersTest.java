package dev.gitblog.gateway.site;

import dev.gitblog.events.ArticleOrder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SiteEntriesOrdersTest {

    private static List<String> sorted(Set<String> paths) {
        List<String> out = new ArrayList<>(paths);
        out.sort(ArticleOrder.KEY_ORDER);
        return out;
    }

    @Test
    void anEditedOrderIsTheOrderOfAFullSortAfterEveryPush() {
        Random random = new Random(7);
        String[] dirs = {"", "Posts/", "Posts/2016/", "Notes/", "static/img/", "Posts/ünï/"};
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            paths.add(dirs[random.nextInt(dirs.length)] + "p" + random.nextInt(1000));
        }
        SiteEntries.Orders orders = new SiteEntries.Orders();
        assertEquals(sorted(paths), orders.keyOrder(paths), "the first build sorts");
        for (int push = 0; push < 200; push++) {
            int changes = push % 10 == 9 ? SiteEntries.Orders.EDIT_LIMIT + 5 : random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                String p = dirs[random.nextInt(dirs.length)] + "p" + random.nextInt(1000);
                if (!paths.remove(p)) {
                    paths.add(p);
                }
            }
            assertEquals(sorted(paths), orders.keyOrder(new HashSet<>(paths)), "push " + push);
        }
    }

    @Test
    void aPushOfManyPathsAfterAFewIsSortedWhole() {
        // the first push of a blog's history after a start on its first commit: 16 paths, then 5,016
        Set<String> paths = numbered("Posts/first-", 16);
        SiteEntries.Orders orders = new SiteEntries.Orders();
        orders.keyOrder(paths);
        paths.addAll(numbered("Posts/p", 5_000));
        assertEquals(sorted(paths), orders.keyOrder(new HashSet<>(paths)));
        for (int i = 0; i < 4_990; i++) {
            paths.remove("Posts/p" + i);
        }
        paths.add("Posts/new");
        assertEquals(sorted(paths), orders.keyOrder(new HashSet<>(paths)), "and many removed with one added");
    }

    @Test
    void exactlyTheLimitOfChangesAndOneMoreBothGiveTheFullSortsOrder() {
        Set<String> paths = numbered("Posts/p", 100);
        SiteEntries.Orders orders = new SiteEntries.Orders();
        orders.keyOrder(paths);
        for (int n : new int[]{SiteEntries.Orders.EDIT_LIMIT, SiteEntries.Orders.EDIT_LIMIT + 1}) {
            paths.addAll(numbered("Notes/n" + n + "-", n));
            assertEquals(sorted(paths), orders.keyOrder(new HashSet<>(paths)), n + " added");
        }
    }

    /** {@code prefix0 .. prefix(count - 1)}, in a set the test may change. */
    private static Set<String> numbered(String prefix, int count) {
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < count; i++) {
            paths.add(prefix + i);
        }
        return paths;
    }
}
