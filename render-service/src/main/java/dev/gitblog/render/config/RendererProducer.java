package dev.gitblog.render.config;

import dev.gitblog.render.render.FragmentRenderer;
import dev.gitblog.render.render.RenderThreads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The one {@link RenderThreads} executor of the process (render-service/README.md, "Threads") and the one
 * {@link FragmentRenderer} that renders on it, configured from {@code blog.render.*}.
 */
@ApplicationScoped
public class RendererProducer {

    private static final Logger LOG = Logger.getLogger(RendererProducer.class);

    @Produces
    @Singleton
    RenderThreads threads(RenderConfig config) {
        var s = config.settings();
        return new RenderThreads(s.workers(), s.stackBytes());
    }

    @Produces
    @Singleton
    FragmentRenderer renderer(RenderConfig config, RenderThreads threads) {
        var s = config.settings();
        LOG.infof("markdown renderer r%d: %s HTML, up to %d bytes in and %d bytes out, %s per render,"
                        + " %d renders at a time", FragmentRenderer.RENDERER_VERSION,
                s.safeHtml() ? "safe (escaped)" : "trusted (raw)", s.maxBytes(), s.maxHtmlBytes(), s.timeout(),
                s.workers());
        return new FragmentRenderer(s, threads);
    }

    void close(@Disposes FragmentRenderer renderer) {
        renderer.close();
    }

    void close(@Disposes RenderThreads threads) {
        threads.close();
    }
}
