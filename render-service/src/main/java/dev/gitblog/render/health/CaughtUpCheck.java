package dev.gitblog.render.health;

import dev.gitblog.events.Topics;
import dev.gitblog.render.events.PublishedFragments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once render.fragments has been read to its end (the Kafka checks come from the messaging extension). */
@Readiness
@ApplicationScoped
public class CaughtUpCheck implements HealthCheck {

    @Inject
    PublishedFragments published;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("render.fragments caught up")
                .status(published.isCaughtUp())
                .withData("topic", Topics.RENDER_FRAGMENTS)
                .withData("articlesWithFragment", published.size())
                .build();
    }
}
