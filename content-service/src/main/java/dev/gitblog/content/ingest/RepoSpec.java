package dev.gitblog.content.ingest;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * {@code BLOG_REPO} parsed: a location (local path, file://, https://, ssh://, or scp-like {@code user@host:path})
 * and the optional branch after {@code #} (null: the remote's default branch).
 */
public record RepoSpec(String location, String branch) {

    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");

    public static RepoSpec parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("BLOG_REPO (blog.repo) is not set: expected a path or git URL");
        }
        String v = value.strip();
        String branch = null;
        int hash = v.lastIndexOf('#');
        if (hash >= 0) {
            branch = v.substring(hash + 1).strip();
            v = v.substring(0, hash);
            if (branch.isEmpty()) {
                branch = null;
            }
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException("BLOG_REPO has a branch but no location: " + value);
        }
        if (!isUrl(v) && !isScpLike(v)) {
            v = Path.of(v).toAbsolutePath().normalize().toString();
        }
        return new RepoSpec(v, branch);
    }

    public boolean isSsh() {
        return location.startsWith("ssh://") || isScpLike(location);
    }

    /** The location without any user:password, for logs and the API. */
    public String displayLocation() {
        return USERINFO.matcher(location).replaceFirst("$1***@");
    }

    @Override
    public String toString() {
        return displayLocation() + (branch == null ? "" : "#" + branch);
    }

    private static boolean isUrl(String v) {
        return URL.matcher(v).matches();
    }

    private static boolean isScpLike(String v) {
        // user@host:path (git's scp syntax), but not a Windows drive letter or a plain path
        int colon = v.indexOf(':');
        int at = v.indexOf('@');
        return !isUrl(v) && at > 0 && colon > at && !v.startsWith("/");
    }

    /** For a local repository (a path or a file:// URL), its directory; null for a remote. */
    public Path localPath() {
        if (location.startsWith("file:")) {
            try {
                return Path.of(URI.create(location)).toAbsolutePath().normalize();
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                return null; // file://host/... : not a local path, leave it to the transport
            }
        }
        return isUrl(location) || isScpLike(location) ? null : Path.of(location);
    }

    /** For a URL location, its URI (for credentials in https URLs); null otherwise. */
    URI uri() {
        return isUrl(location) ? URI.create(location) : null;
    }
}
