package dev.gitblog.content.frontmatter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Content-Type of a static file by its file-name extension, case-insensitive (docs/FORMAT.md §3.7).
 *
 * <p>Where the table comes from: {@code mime.types} beside this class is Debian's {@code /etc/mime.types}
 * from the {@code media-types} package, version 10.0.0 (https://salsa.debian.org/debian/media-types), copied
 * unchanged. Debian compiles it from the IANA media type registry plus the extensions in common use (about
 * 1,500 of them); its copyright file declares it public domain ("public information compiled from around
 * the 'net"). To update it, copy a newer {@code /etc/mime.types} over the file. It is read once, in the
 * usual way: a line is a media type followed by zero or more extensions, {@code #} starts a comment. The
 * few extensions it lists under two types (such as {@code sh}: {@code application/x-sh} and
 * {@code text/x-sh}) take the first.
 *
 * <p>{@link #PROJECT_CHOICES} overrides seven extensions, the answers this service gave before it used the
 * list and that pages and exports already carry: {@code js} and {@code mjs} stay
 * {@code application/javascript} (the list says {@code text/javascript}), {@code ico} stays
 * {@code image/x-icon}, {@code rss} {@code application/rss+xml}, source maps ({@code map}, not in the list)
 * {@code application/json}, and PGP keys and signatures ({@code asc}) and public keys ({@code pub}) are
 * {@code text/plain} so that a browser shows them.
 *
 * <p>Anything else, no extension, or a name that starts or ends with the dot: {@link #DEFAULT}.
 */
public final class MediaTypes {

    public static final String DEFAULT = "application/octet-stream";

    /** The bundled list, a resource beside this class. */
    static final String LIST = "mime.types";

    /** Where this project answers differently from the list (see the class comment for why). */
    static final Map<String, String> PROJECT_CHOICES = Map.of(
            "js", "application/javascript",
            "mjs", "application/javascript",
            "map", "application/json",
            "rss", "application/rss+xml",
            "ico", "image/x-icon",
            "asc", "text/plain",
            "pub", "text/plain");

    private static final Map<String, String> BY_EXTENSION = load();

    private MediaTypes() {
    }

    /** The media type of {@code path} (a path in the blog, {@code /}-separated) by its extension. */
    public static String of(String path) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return DEFAULT;
        }
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
    }

    /** How many extensions have a media type (for tests). */
    static int knownExtensions() {
        return BY_EXTENSION.size();
    }

    private static Map<String, String> load() {
        Map<String, String> byExtension = new HashMap<>(4096);
        try (InputStream in = MediaTypes.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("the media type list " + LIST + " is missing beside "
                        + MediaTypes.class.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int hash = line.indexOf('#');
                String[] fields = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
                for (int i = 1; i < fields.length; i++) {
                    byExtension.putIfAbsent(fields[i].toLowerCase(Locale.ROOT), fields[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the media type list " + LIST, e);
        }
        byExtension.putAll(PROJECT_CHOICES);
        return Map.copyOf(byExtension);
    }
}
