package dev.gitblog.gateway.health;

import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.site.AssemblyStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the snapshot of the newest revision marker seen is being served (a gateway started late
 * reports ready only after catching up from the compacted topics). Kafka itself is checked by the
 * messaging extension's own readiness check. The details say what is served, what is newest and what
 * the newest still waits for, plus the site's warnings (a missing {@code .config/uuid}, ...).
 */
@Readiness
@ApplicationScoped
public class SiteReadiness implements HealthCheck {

    private final SnapshotHolder holder;

    public SiteReadiness(SnapshotHolder holder) {
        this.holder = holder;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("site snapshot").status(holder.ready());
        String served = holder.servedRevision();
        String newest = holder.newestMarkerRevision();
        b.withData("servedRevision", served == null ? "none" : served);
        b.withData("newestRevision", newest == null ? "none" : newest);
        AssemblyStatus status = holder.assemblyStatus();
        if (status != null) {
            b.withData("entries", status.entries());
            b.withData("expectedEntries", status.expectedEntries());
            if (!status.waitingFor().isEmpty()) {
                b.withData("waitingFor", String.join("; ", status.waitingFor()));
            }
        }
        holder.current().ifPresent(s -> {
            if (s.site() != null && !s.site().warnings().isEmpty()) {
                b.withData("warnings", String.join("; ", s.site().warnings()));
            }
        });
        return b.build();
    }
}
