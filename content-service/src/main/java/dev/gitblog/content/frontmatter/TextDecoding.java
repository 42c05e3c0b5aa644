package dev.gitblog.content.frontmatter;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes of an article candidate to text. Valid UTF-8 is decoded as such; each byte that is not part of a
 * valid UTF-8 sequence is decoded as its windows-1252 character (the encoding such stray bytes almost
 * always come from, SITE-FORMAT §1.6). JSON cannot carry raw invalid bytes, so "passing them through"
 * means this lossless-in-practice transliteration plus a warning on the entry.
 */
public final class TextDecoding {

    /** More invalid bytes than this share of the file, or any NUL byte: the file is binary, not text. */
    static final double BINARY_INVALID_SHARE = 0.10;

    private static final char[] CP1252 = new char[256];

    static {
        Charset cp1252 = Charset.forName("windows-1252");
        for (int b = 0; b < 256; b++) {
            String s = new String(new byte[] {(byte) b}, cp1252);
            char c = s.length() == 1 ? s.charAt(0) : '\uFFFD';
            // the five bytes windows-1252 leaves undefined: keep them as their Latin-1 code point
            CP1252[b] = c == '\uFFFD' ? (char) b : c;
        }
    }

    private TextDecoding() {
    }

    /**
     * @param text         the decoded text
     * @param invalidBytes how many bytes were not valid UTF-8 (decoded as windows-1252)
     * @param binary       true when the bytes do not look like text at all (NUL bytes, or mostly invalid)
     */
    public record Decoded(String text, int invalidBytes, boolean binary) {
    }

    public static Decoded decode(byte[] bytes) {
        boolean nul = false;
        for (byte b : bytes) {
            if (b == 0) {
                nul = true;
                break;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never yields more UTF-16 chars than bytes, and a replaced byte yields one char
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        int invalid = 0;
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                decoder.flush(out);
                break;
            }
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    out.put(CP1252[in.get() & 0xff]);
                    invalid++;
                }
            } else {
                throw new IllegalStateException("decoder overflow: " + result);
            }
        }
        out.flip();
        boolean binary = nul || (bytes.length > 0 && invalid > BINARY_INVALID_SHARE * bytes.length);
        return new Decoded(out.toString(), invalid, binary);
    }

    /** Lenient decoding for values where a warning is not useful (config files). */
    public static String decodeLenient(byte[] bytes) {
        return decode(bytes).text();
    }
}
