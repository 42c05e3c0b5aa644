package dev.gitblog.events;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request path turned into decoded segments, safely. The raw path is split on {@code /} first and
 * each segment is percent-decoded afterwards, so {@code tags/a%2Fb} is the two segments {@code tags},
 * {@code a/b}. One leading and one trailing {@code /} are ignored. Anything that could mean "another
 * place" is rejected: {@code .} and {@code ..} segments (also encoded), backslashes, NUL and other
 * control characters, empty inner segments ({@code //}), invalid percent-encoding or UTF-8, and
 * paths longer than {@link #MAX_BYTES}. The result only ever selects a snapshot key.
 */
public final class SitePath {

    /** Longest raw path accepted, in bytes. */
    public static final int MAX_BYTES = 2048;

    private SitePath() {
    }

    /** The outcome of parsing: either the segments or why the path is refused. */
    public record Parsed(List<String> segments, String rejection) {
        public boolean ok() {
            return rejection == null;
        }

        static Parsed of(List<String> segments) {
            return new Parsed(List.copyOf(segments), null);
        }

        static Parsed reject(String why) {
            return new Parsed(List.of(), why);
        }
    }

    /**
     * @param rawPath the path as it came on the request line, still percent-encoded, without the
     *                query string
     */
    public static Parsed parse(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return Parsed.of(List.of());
        }
        if (rawPath.length() > MAX_BYTES || rawPath.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Parsed.reject("path longer than " + MAX_BYTES + " bytes");
        }
        int start = rawPath.startsWith("/") ? 1 : 0;
        int end = rawPath.length();
        if (end > start && rawPath.endsWith("/")) {
            end--;
        }
        String inner = rawPath.substring(start, end);
        if (inner.isEmpty()) {
            return Parsed.of(List.of());
        }
        List<String> segments = new ArrayList<>();
        for (String raw : inner.split("/", -1)) {
            if (raw.isEmpty()) {
                return Parsed.reject("empty path segment (//)");
            }
            String decoded;
            try {
                decoded = decode(raw);
            } catch (IllegalArgumentException e) {
                return Parsed.reject(e.getMessage());
            }
            // the segment after "tags" is a tag name: it only ever becomes a map key through
            // TagPaths.tagPage, so a tag may be "..", contain a backslash or a tab (docs/DECISIONS.md Decision 12 encodes
            // them in its links); everywhere else such a segment is refused
            boolean tagName = segments.size() == 1 && segments.get(0).equals("tags");
            String why = unsafe(decoded);
            if (why != null && !(tagName && decoded.indexOf('\0') < 0)) {
                return Parsed.reject(why);
            }
            segments.add(decoded);
        }
        return Parsed.of(segments);
    }

    /** Why a decoded segment must not select anything, or null when it is fine. */
    static String unsafe(String segment) {
        if (segment.equals(".") || segment.equals("..")) {
            return "dot segment";
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\') {
                return "backslash in path";
            }
            if (c < 0x20 || c == 0x7f) {
                return "control character in path";
            }
        }
        return null;
    }

    /** Percent-decodes one segment as UTF-8; {@code +} stays {@code +} (this is a path, not a form). */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 4);
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new IllegalArgumentException("truncated percent-encoding");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("invalid percent-encoding");
                }
                bytes.put((byte) ((hi << 4) | lo));
                i += 3;
            } else {
                int next = raw.indexOf('%', i);
                int stop = next < 0 ? raw.length() : next;
                bytes.put(raw.substring(i, stop).getBytes(StandardCharsets.UTF_8));
                i = stop;
            }
        }
        bytes.flip();
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-encoding is not UTF-8");
        }
    }
}
