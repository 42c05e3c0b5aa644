package dev.gitblog.gateway.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitblog.gateway.notify.ChangeEvent.ChangedPath;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The JSON of a {@link ChangeEvent} (the data of an SSE {@code revision} event and the webhook body) and of the
 * {@code current} event a stream starts with. Written once per revision; every subscriber gets the same bytes.
 */
public final class ChangeJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ChangeJson() {
    }

    /** {@code {"revision","previousRevision","publishedAt","changed":[{"path","url"}],"removed","feeds","truncated"}}. */
    public static byte[] revision(ChangeEvent e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("revision", e.revision());
        o.put("previousRevision", e.previousRevision());
        o.put("publishedAt", iso(e.publishedAt()));
        paths(o.putArray("changed"), e.changed());
        paths(o.putArray("removed"), e.removed());
        paths(o.putArray("feeds"), e.feeds());
        o.put("truncated", e.truncated());
        return bytes(o);
    }

    /**
     * The first event of a stream that does not resume: the revision served now. {@code lastEventId} is the id the
     * client asked to resume after (null when it asked for none); {@code resumed} is then false.
     */
    public static byte[] current(String revision, Instant publishedAt, String lastEventId) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("revision", revision);
        o.put("publishedAt", iso(publishedAt));
        o.put("resumed", false);
        if (lastEventId != null) {
            o.put("lastEventId", lastEventId);
            o.put("reason", "revision " + lastEventId + " is not in this gateway's recent history:"
                    + " fetch what you mirror again");
        }
        return bytes(o);
    }

    static String iso(Instant t) {
        return t == null ? null : t.toString(); // ISO-8601 in UTC
    }

    private static void paths(ArrayNode array, List<ChangedPath> paths) {
        for (ChangedPath p : paths) {
            array.addObject().put("path", p.path()).put("url", p.url());
        }
    }

    private static byte[] bytes(ObjectNode o) {
        try {
            return MAPPER.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a change event", e);
        }
    }
}
