package dev.gitblog.systemtests.deploy;

/**
 * An image reference split into its name and its {@code :tag} or {@code @digest} suffix, e.g.
 * {@code ghcr.io/gitblog/gateway:1.0.0} is {@code ghcr.io/gitblog/gateway} and {@code :1.0.0}.
 */
record ImageRef(String name, String suffix) {
    static ImageRef parse(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return new ImageRef(image.substring(0, at), image.substring(at));
        }
        int colon = image.lastIndexOf(':');
        if (colon > image.lastIndexOf('/')) {
            return new ImageRef(image.substring(0, colon), image.substring(colon));
        }
        return new ImageRef(image, "");
    }

    /** The tag without its colon, or empty for a digest or no tag. */
    String tag() {
        return suffix.startsWith(":") ? suffix.substring(1) : "";
    }
}
