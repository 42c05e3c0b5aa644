package dev.gitblog.feed.health;

import dev.gitblog.feed.events.FeedPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * "Caught up": the feeds topic was loaded at start and the newest revision marker seen has been
 * built and published (Kafka reachability is the messaging extension's own readiness check).
 * Missing .config/uuid shows up here as a warning without making the service unready.
 */
@Readiness
@ApplicationScoped
public class FeedReadiness implements HealthCheck {

    @Inject
    FeedPipeline pipeline;

    @Override
    public HealthCheckResponse call() {
        FeedPipeline.Status s = pipeline.status();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("feeds caught up").status(s.caughtUp())
                .withData("publishedFeedsLoaded", s.loaded())
                .withData("newestRevision", s.newestRevision() == null ? "none" : s.newestRevision())
                .withData("builtRevision", s.builtRevision() == null ? "none" : s.builtRevision());
        if (!s.missing().isEmpty() && !s.caughtUp()) {
            b.withData("waitingFor", String.join("; ", s.missing()));
        }
        if (!s.warnings().isEmpty()) {
            b.withData("warnings", String.join("; ", s.warnings()));
        }
        return b.build();
    }
}
