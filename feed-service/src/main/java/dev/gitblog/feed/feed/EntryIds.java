package dev.gitblog.feed.feed;

import dev.gitblog.events.CanopyTime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /** RFC 4122 appendix C. */
    public static final UUID NAMESPACE_DNS = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    public static final UUID NAMESPACE_URL = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    private EntryIds() {
    }

    /** RFC 4122 version 5: SHA-1 of namespace bytes + name bytes, version and variant bits set. */
    public static UUID uuid5(UUID namespace, byte[] name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] h = sha1.digest(name);
        h[6] = (byte) ((h[6] & 0x0f) | 0x50);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    public static UUID uuid5(UUID namespace, String name) {
        return uuid5(namespace, name.getBytes(StandardCharsets.UTF_8));
    }

    /** Canopy's id for an article created at {@code created} in the blog whose uuid text is {@code base}. */
    public static UUID canopy(String base, Instant created) {
        return uuid5(uuid5(NAMESPACE_DNS, CanopyTime.machine(created)), base);
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
                id = uuid5(id, a.path());
            }
            ids.put(a.path(), urn(id));
        }
        return ids;
    }

    public static String urn(UUID id) {
        return "urn:uuid:" + id;
    }
}
