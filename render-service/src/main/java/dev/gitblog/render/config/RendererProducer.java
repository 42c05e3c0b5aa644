package dev.gitblog.render.config;

import dev.gitblog.render.render.FragmentRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** The one {@link FragmentRenderer} of the process, configured from {@code blog.render.*}. */
@ApplicationScoped
public class RendererProducer {

    private static final Logger LOG = Logger.getLogger(RendererProducer.class);

    @Produces
    @Singleton
    FragmentRenderer renderer(RenderConfig config) {
        var s = config.settings();
        LOG.infof("markdown renderer r%d: %s HTML, up to %d bytes in and %d bytes out, %s per render, %d threads",
                FragmentRenderer.RENDERER_VERSION, s.safeHtml() ? "safe (escaped)" : "trusted (raw)", s.maxBytes(),
                s.maxHtmlBytes(), s.timeout(), s.workers());
        return new FragmentRenderer(s);
    }

    void close(@Disposes FragmentRenderer renderer) {
        renderer.close();
    }
}
