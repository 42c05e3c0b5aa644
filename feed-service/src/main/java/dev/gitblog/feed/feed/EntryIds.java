package dev.gitblog.feed.feed;

import dev.gitblog.events.CanopyTime;
import dev.gitblog.events.NameUuids;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Assigner assigner = new Assigner(base, tieOrder);
        Map<String, String> ids = new LinkedHashMap<>();
        for (FeedInput.Article a : tieOrder) {
            ids.put(a.path(), assigner.id(a));
        }
        return ids;
    }

    /**
     * The ids of {@link #assign}, each computed when first asked for: a build writes only the few articles its
     * feeds hold, and an id costs two SHA-1 digests. The Canopy id is a function of the created second, so the
     * first article of each second is found by comparing seconds, without digests.
     */
    public static final class Assigner {

        private final String base;
        private final Map<Long, String> firstOfSecond = new HashMap<>();
        private final Map<String, String> ids = new HashMap<>();

        /** @param tieOrder every article, newest first, ties in descending key order */
        public Assigner(String base, List<FeedInput.Article> tieOrder) {
            this.base = base;
            for (FeedInput.Article a : tieOrder) {
                firstOfSecond.putIfAbsent(a.created().getEpochSecond(), a.path());
            }
        }

        /** The {@code urn:uuid:...} of {@code a}, one of the articles this assigner was made with. */
        public String id(FeedInput.Article a) {
            return ids.computeIfAbsent(a.path(), path -> {
                UUID id = canopy(base, a.created());
                return urn(path.equals(firstOfSecond.get(a.created().getEpochSecond())) ? id : NameUuids.v5(id, path));
            });
        }
    }

    public static String urn(UUID id) {
        return "urn:uuid:" + id;
    }
}
