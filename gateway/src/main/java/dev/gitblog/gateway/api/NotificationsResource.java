package dev.gitblog.gateway.api;

import dev.gitblog.gateway.notify.DeliveryLog;
import dev.gitblog.gateway.notify.NotificationDispatcher;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code GET /api/notifications}: the recent webhook and WebSub deliveries this gateway made, newest first. */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications", description = "Outgoing change notifications")
public class NotificationsResource {

    /**
     * @param enabled        whether a WebSub hub or webhook receivers are configured
     * @param webhookTargets how many webhook receivers
     * @param owner          whether this replica delivers now (of the replicas with notifications on, Kafka's
     *                       consumer group picks one)
     * @param deliveries     the last deliveries of this replica (only the replica that owns delivery makes any)
     */
    public record NotificationsView(boolean enabled, int webhookTargets, boolean owner,
                                    List<DeliveryLog.Delivery> deliveries) {
    }

    private final NotificationDispatcher dispatcher;

    public NotificationsResource(NotificationDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @GET
    @Operation(operationId = "listNotifications",
            summary = "Recent webhook and WebSub deliveries of this gateway (targets without credentials or query)")
    @APIResponse(responseCode = "200", description = "whether notifications are on, and the recent deliveries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NotificationsView.class)))
    @APIResponse(responseCode = "304", ref = "NotModified")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public NotificationsView deliveries() {
        return new NotificationsView(dispatcher.enabled(), dispatcher.webhookTargets(), dispatcher.owner(),
                dispatcher.deliveries().recent());
    }
}
