package dev.gitblog.gateway.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The headers every answer of the gateway carries: {@code X-Content-Type-Options: nosniff} (a browser never
 * guesses another type than the one sent), {@code Referrer-Policy} (default
 * {@code strict-origin-when-cross-origin}), and what the operator adds ({@code Content-Security-Policy}, any
 * other {@code Name: value}). Names and values are checked once, at start: a bad one stops the gateway with a
 * message that names it, never a header that splits a response.
 */
public final class SafeHeaders {

    /** A header, its name and value made once for Netty. */
    record Header(CharSequence name, CharSequence value) {
    }

    private final Header[] headers;

    SafeHeaders(List<String[]> nameValues) {
        List<Header> out = new ArrayList<>();
        for (String[] nv : nameValues) {
            out.add(new Header(HttpHeaders.createOptimized(nv[0]), HttpHeaders.createOptimized(nv[1])));
        }
        this.headers = out.toArray(Header[]::new);
    }

    /** The headers {@code config} asks for, after the fixed {@code nosniff}. */
    public static SafeHeaders of(ResponseHeadersConfig config) {
        return of(config.referrerPolicy(), config.contentSecurityPolicy(), config.extraHeaders().orElse(List.of()));
    }

    static SafeHeaders of(Optional<String> referrerPolicy, Optional<String> csp, List<String> extra) {
        List<String[]> all = new ArrayList<>();
        all.add(new String[] {"X-Content-Type-Options", "nosniff"});
        referrerPolicy.map(String::trim).filter(v -> !v.isEmpty())
                .ifPresent(v -> all.add(checked("Referrer-Policy", v, "blog.http.referrer-policy")));
        csp.map(String::trim).filter(v -> !v.isEmpty())
                .ifPresent(v -> all.add(checked("Content-Security-Policy", v, "blog.http.content-security-policy")));
        for (String entry : extra) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("blog.http.extra-headers: '" + entry
                        + "' is not 'Name: value'");
            }
            String name = entry.substring(0, colon).trim();
            String[] nv = checked(name, entry.substring(colon + 1).trim(), "blog.http.extra-headers");
            all.removeIf(existing -> existing[0].equalsIgnoreCase(name));
            all.add(nv);
        }
        return new SafeHeaders(all);
    }

    /** Sets the headers on an answer (replacing any of the same name). */
    public void apply(MultiMap responseHeaders) {
        for (Header h : headers) {
            responseHeaders.set(h.name(), h.value());
        }
    }

    /** The header names, lower case (for tests and logs). */
    List<String> names() {
        List<String> names = new ArrayList<>();
        for (Header h : headers) {
            names.add(h.name().toString().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    String value(String name) {
        for (Header h : headers) {
            if (h.name().toString().equalsIgnoreCase(name)) {
                return h.value().toString();
            }
        }
        return null;
    }

    private static String[] checked(String name, String value, String setting) {
        if (name.isEmpty() || !name.chars().allMatch(SafeHeaders::tokenChar)) {
            throw new IllegalArgumentException(setting + ": '" + name + "' is not a header name");
        }
        if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f && c < 0x100))) {
            throw new IllegalArgumentException(setting + ": the value of " + name
                    + " holds a control character (a line break?)");
        }
        return new String[] {name, value};
    }

    /** RFC 9110 §5.6.2 tchar. */
    private static boolean tokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
