package dev.gitblog.render.render;

import java.time.Duration;
import java.util.Objects;

/**
 * How the renderer behaves and where it stops.
 *
 * @param safeHtml      escape raw HTML and drop {@code javascript:}/{@code data:} URLs (multi-author setups)
 * @param maxBytes      largest markdown input (body plus abstract, UTF-8 bytes) that is rendered at all
 * @param maxHtmlBytes  largest rendered body (UTF-8 bytes) that is kept; above it the result is an error
 * @param maxNesting    most open blocks (block quotes, lists, list items) the parser keeps; deeper
 *                      markers stay literal text, so rendering depth is bounded
 * @param timeout       time one render may take once it has started
 * @param stackBytes    stack size of the {@link RenderThreads} (commonmark-java's renderer recurses per level)
 * @param workers       renders at a time (the render permits of {@link RenderThreads})
 */
public record RenderSettings(boolean safeHtml, long maxBytes, long maxHtmlBytes, int maxNesting,
                             Duration timeout, long stackBytes, int workers) {

    public RenderSettings {
        Objects.requireNonNull(timeout, "timeout");
        if (maxBytes <= 0 || maxHtmlBytes <= 0 || maxNesting <= 0 || stackBytes <= 0 || workers <= 0
                || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("render limits must be positive: " + maxBytes + ", " + maxHtmlBytes
                    + ", " + maxNesting + ", " + timeout + ", " + stackBytes + ", " + workers);
        }
    }

    /** The defaults of {@code application.properties}: trusted HTML, 10 MiB in, 900 kB out, 30 s. */
    public static RenderSettings defaults() {
        return new RenderSettings(false, 10L << 20, 900_000, 10_000, Duration.ofSeconds(30), 256L << 20, 2);
    }

    public RenderSettings withSafeHtml(boolean safe) {
        return new RenderSettings(safe, maxBytes, maxHtmlBytes, maxNesting, timeout, stackBytes, workers);
    }

    public RenderSettings withTimeout(Duration t) {
        return new RenderSettings(safeHtml, maxBytes, maxHtmlBytes, maxNesting, t, stackBytes, workers);
    }

    public RenderSettings withLimits(long inBytes, long outBytes, int nesting) {
        return new RenderSettings(safeHtml, inBytes, outBytes, nesting, timeout, stackBytes, workers);
    }
}
