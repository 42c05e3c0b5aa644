package dev.gitblog.gateway.http;

/**
 * The {@code Range} header of a request (RFC 9110 §14.2) against a representation of a known length: one byte
 * range is answered {@code 206} with the bytes it names, a range that starts past the end {@code 416}. A header
 * that is not a single well-formed byte range (another unit, bad syntax, several ranges) is ignored and the whole
 * representation goes out as {@code 200}, which the RFC allows. Pure, so every case is unit-tested.
 */
public sealed interface ByteRange permits ByteRange.Whole, ByteRange.Part, ByteRange.Unsatisfiable {

    /** Send the whole representation (no Range header, or one to ignore). */
    record Whole() implements ByteRange {
    }

    /** Send {@code length} bytes from {@code first}: {@code 206} with {@link #contentRange()}. */
    record Part(long first, long last, long total) implements ByteRange {
        public long length() {
            return last - first + 1;
        }

        /** {@code bytes 0-99/3000}. */
        public String contentRange() {
            return "bytes " + first + "-" + last + "/" + total;
        }
    }

    /** No byte of the range exists: {@code 416} with {@link #contentRange()}. */
    record Unsatisfiable(long total) implements ByteRange {
        /** {@code bytes *}{@code /3000}. */
        public String contentRange() {
            return "bytes */" + total;
        }
    }

    Whole WHOLE = new Whole();

    /**
     * What {@code rangeHeader} asks of a representation of {@code total} bytes.
     *
     * @param rangeHeader the request's Range header, or null
     * @param total       the representation's length in bytes
     */
    static ByteRange of(String rangeHeader, long total) {
        if (rangeHeader == null || total < 0) {
            return WHOLE;
        }
        String h = rangeHeader.trim();
        int eq = h.indexOf('=');
        if (eq < 0 || !h.substring(0, eq).trim().equalsIgnoreCase("bytes")) {
            return WHOLE;
        }
        String spec = h.substring(eq + 1).trim();
        if (spec.indexOf(',') >= 0) {
            return WHOLE;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return WHOLE;
        }
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        if (from.isEmpty()) {
            long suffix = digits(to);
            if (suffix < 0) {
                return WHOLE;
            }
            if (suffix == 0 || total == 0) {
                return new Unsatisfiable(total);
            }
            return new Part(Math.max(0, total - suffix), total - 1, total);
        }
        long first = digits(from);
        long last = to.isEmpty() ? Long.MAX_VALUE : digits(to);
        if (first < 0 || last < 0 || last < first) {
            return WHOLE;
        }
        if (first >= total) {
            return new Unsatisfiable(total);
        }
        return new Part(first, Math.min(last, total - 1), total);
    }

    /** A non-negative decimal, or -1 when {@code s} is not one (or does not fit a long: then the range is odd). */
    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return s.length() > 18 && s.chars().allMatch(Character::isDigit) ? Long.MAX_VALUE : -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
