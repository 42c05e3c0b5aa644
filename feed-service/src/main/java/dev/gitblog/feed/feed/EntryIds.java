package dev.gitblog.feed.feed;

import dev.gitblog.events.CanopyTime;
import dev.gitblog.events.NameUuids;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Atom entry ids (docs/FORMAT.md §3.6, docs/DECISIONS.md Decision 6): Canopy's derivation
 * {@code uuid5(uuid5(NAMESPACE_DNS, created-machine-time), uuid-string)}, made unique when created
 * times tie: every entry after the first in tie order gets {@code uuid5(canopy-id, path)}.
 */
public final class EntryIds {

    private EntryIds() {
    }

    /** Canopy's id for an article created at {@code created} in the blog whose uuid text is {@code base}. */
    public static UUID canopy(String base, Instant created) {
        return NameUuids.v5(NameUuids.v5(NameUuids.NAMESPACE_DNS, CanopyTime.machine(created)), base);
    }

    /**
     * Ids for articles given in tie order (newest first, ties in descending key order): the first
     * article of a created second keeps the Canopy id, the others get {@code uuid5(canopy id, path)}.
     *
     * @return path to {@code urn:uuid:...}, in the order given
     */
    public static Map<String, String> assign(String base, List<FeedInput.Article> tieOrder) {
        Map<String, String> ids = new LinkedHashMap<>();
        Set<UUID> taken = new HashSet<>();
        for (FeedInput.Article a : tieOrder) {
            UUID id = canopy(base, a.created());
            if (!taken.add(id)) {
                id = NameUuids.v5(id, a.path());
            }
            ids.put(a.path(), urn(id));
        }
        return ids;
    }

    public static String urn(UUID id) {
        return "urn:uuid:" + id;
    }
}
