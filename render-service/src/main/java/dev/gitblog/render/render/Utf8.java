package dev.gitblog.render.render;

/** UTF-8 length of a string without encoding it (an unpaired surrogate counts as the 3-byte replacement). */
final class Utf8 {

    private Utf8() {
    }

    /**
     * Whether text of {@code chars} UTF-16 chars can be more than {@code limit} bytes in UTF-8 (a char is at most
     * three bytes; a surrogate pair, two chars, is four): when not, its length need not be counted. Counting was
     * 7 % of the render threads' time with every article far below the limits.
     */
    static boolean mayExceed(long chars, long limit) {
        return chars * 3 > limit;
    }

    static long length(CharSequence s) {
        long n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
