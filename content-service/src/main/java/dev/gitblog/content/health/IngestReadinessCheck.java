package dev.gitblog.content.health;

import dev.gitblog.content.ingest.ContentSnapshot;
import dev.gitblog.content.ingest.IngestService;
import dev.gitblog.content.ingest.IngestStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the first revision is published. A later failed fetch keeps it up (the last revision is still
 * served) but shows the error in the details.
 */
@Readiness
@ApplicationScoped
public class IngestReadinessCheck implements HealthCheck {

    @Inject
    IngestService ingest;

    @Override
    public HealthCheckResponse call() {
        IngestStatus st = ingest.status();
        ContentSnapshot s = ingest.snapshot();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("content-ingest").status(st.initialPublished());
        if (st.source() != null) {
            b.withData("source", st.source());
        }
        if (s != null) {
            b.withData("revision", s.revision());
            b.withData("entries", s.entries().size());
        }
        if (st.lastFetchAt() != null) {
            b.withData("lastFetchAt", st.lastFetchAt().toString());
        }
        if (st.lastError() != null) {
            b.withData("lastError", st.lastError());
            b.withData("lastErrorAt", String.valueOf(st.lastErrorAt()));
        }
        return b.build();
    }
}
