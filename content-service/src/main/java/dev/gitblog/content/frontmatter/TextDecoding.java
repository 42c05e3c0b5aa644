package dev.gitblog.content.frontmatter;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Bytes of an article candidate to text (docs/FORMAT.md §1.6, check 19: invalid UTF-8 inside an article passes
 * through, never a crash).
 *
 * <ul>
 *   <li>Valid UTF-8 is decoded as such.</li>
 *   <li>Each byte that is not part of a valid UTF-8 sequence becomes its <b>windows-1252</b> character, and the
 *       five bytes windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD. Why not U+FFFD for
 *       all: such stray bytes almost always come from windows-1252 (canopy-data's {@code 0x92} apostrophe), so the
 *       reader sees the character the author typed ({@code ’}) instead of a replacement mark; why not the raw byte:
 *       entries travel as JSON, which cannot carry invalid UTF-8, and a page declared UTF-8 shows a raw invalid
 *       byte as U+FFFD anyway. The entry gets a warning that counts the bytes.</li>
 *   <li>A NUL byte becomes U+FFFD, as the HTML parsing rules do with NUL in text, with a warning: NUL is not
 *       allowed in HTML or XML, and a few NULs in an otherwise good post are a copy-and-paste accident.</li>
 *   <li>A file that does not look like text at all stays out: it starts with the signature of a known binary
 *       format (PNG, JPEG, GIF, PDF, ZIP, gzip, fonts, ...), or more than {@link #BINARY_CONTROL_SHARE} of its
 *       bytes are NUL or other control characters, or more than {@link #BINARY_SUSPECT_SHARE} are control
 *       characters or invalid UTF-8 together. {@link Decoded#binaryReason()} says which.</li>
 * </ul>
 */
public final class TextDecoding {

    /** More control bytes (NUL, C0 other than TAB, LF, VT, FF, CR, ESC; DEL) than this share: not text. */
    static final double BINARY_CONTROL_SHARE = 0.10;
    /** More control and invalid UTF-8 bytes together than this share: not text. */
    static final double BINARY_SUSPECT_SHARE = 0.30;

    private static final char[] CP1252 = new char[256];

    /** Magic numbers of binary formats somebody may rename into a post (offset, bytes, name). */
    private record Signature(int offset, byte[] magic, String name) {
        boolean matches(byte[] bytes) {
            if (bytes.length < offset + magic.length) {
                return false;
            }
            for (int i = 0; i < magic.length; i++) {
                if (bytes[offset + i] != magic[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final Signature[] SIGNATURES = {
            sig(0, "PNG image", 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a),
            sig(0, "JPEG image", 0xff, 0xd8, 0xff),
            sig(0, "GIF image", 'G', 'I', 'F', '8'),
            sig(0, "PDF document", '%', 'P', 'D', 'F', '-'),
            sig(0, "ZIP archive", 'P', 'K', 3, 4),
            sig(0, "gzip data", 0x1f, 0x8b),
            sig(0, "xz data", 0xfd, '7', 'z', 'X', 'Z', 0),
            sig(0, "7-zip archive", '7', 'z', 0xbc, 0xaf, 0x27, 0x1c),
            sig(0, "zstd data", 0x28, 0xb5, 0x2f, 0xfd),
            sig(0, "WOFF font", 'w', 'O', 'F', 'F'),
            sig(0, "WOFF2 font", 'w', 'O', 'F', '2'),
            sig(0, "TrueType font", 0, 1, 0, 0),
            sig(0, "ELF executable", 0x7f, 'E', 'L', 'F'),
            sig(0, "Java class file", 0xca, 0xfe, 0xba, 0xbe),
            sig(0, "RIFF media (WAV, WebP, AVI)", 'R', 'I', 'F', 'F'),
            sig(0, "Ogg media", 'O', 'g', 'g', 'S'),
            sig(4, "MP4/QuickTime media", 'f', 't', 'y', 'p'),
            sig(0, "SQLite database", 'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', 0),
    };

    static {
        Charset cp1252 = Charset.forName("windows-1252");
        for (int b = 0; b < 256; b++) {
            String s = new String(new byte[] {(byte) b}, cp1252);
            // the five bytes windows-1252 leaves undefined decode to U+FFFD (a C1 control is not valid HTML text)
            CP1252[b] = s.length() == 1 && !Character.isISOControl(s.charAt(0)) || b < 0x80 ? s.charAt(0) : '\uFFFD';
        }
    }

    private TextDecoding() {
    }

    private static Signature sig(int offset, String name, int... magic) {
        byte[] m = new byte[magic.length];
        for (int i = 0; i < magic.length; i++) {
            m[i] = (byte) magic[i];
        }
        return new Signature(offset, m, name);
    }

    /**
     * @param text         the decoded text (NUL bytes already replaced by U+FFFD)
     * @param invalidBytes how many bytes were not valid UTF-8 (decoded as windows-1252 or U+FFFD)
     * @param nulBytes     how many NUL bytes became U+FFFD
     * @param binaryReason why the bytes are not text at all, or null when they are text
     */
    public record Decoded(String text, int invalidBytes, int nulBytes, String binaryReason) {
        public boolean binary() {
            return binaryReason != null;
        }
    }

    public static Decoded decode(byte[] bytes) {
        int nul = 0;
        int controls = 0;
        for (byte b : bytes) {
            if (b == 0) {
                nul++;
            }
            if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != 0x0b && b != '\f' && b != '\r' && b != 0x1b)
                    || b == 0x7f) {
                controls++;
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
        String text = out.toString();
        if (nul > 0) {
            text = text.replace('\u0000', '\uFFFD');
        }
        return new Decoded(text, invalid, nul, binaryReason(bytes, controls, invalid));
    }

    private static String binaryReason(byte[] bytes, int controls, int invalid) {
        for (Signature s : SIGNATURES) {
            if (s.matches(bytes)) {
                return "a " + s.name();
            }
        }
        if (bytes.length == 0) {
            return null;
        }
        if (controls > BINARY_CONTROL_SHARE * bytes.length) {
            return percent(controls, bytes.length) + " of the bytes are NUL or other control characters";
        }
        if (controls + invalid > BINARY_SUSPECT_SHARE * bytes.length) {
            return percent(controls + invalid, bytes.length) + " of the bytes are control characters or not UTF-8";
        }
        return null;
    }

    private static String percent(int part, int whole) {
        return String.format(Locale.ROOT, "%.0f %%", 100.0 * part / whole);
    }

    /** Lenient decoding for values where a warning is not useful (config files). */
    public static String decodeLenient(byte[] bytes) {
        return decode(bytes).text();
    }
}
