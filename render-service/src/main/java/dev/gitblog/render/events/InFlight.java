package dev.gitblog.render.events;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Bounds the records sent but not yet acknowledged: {@link #admit} returns at once while fewer than
 * {@code limit} are pending, otherwise a stage that completes when the oldest one is settled. Used
 * by one task at a time (the processor's lane).
 */
final class InFlight {

    private final int limit;
    private final Deque<CompletableFuture<Void>> pending = new ArrayDeque<>();

    InFlight(int limit) {
        this.limit = limit;
    }

    /** A configured limit within 1 and {@code most} (the records the emitter can hold). */
    static int limit(int configured, int most) {
        return Math.max(1, Math.min(most, configured));
    }

    CompletionStage<Void> admit(CompletionStage<Void> sent) {
        pending.removeIf(CompletableFuture::isDone);
        pending.addLast(sent.toCompletableFuture());
        if (pending.size() <= limit) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> oldest = pending.peekFirst();
        // settled either way: a failure is reported through the entry's nack, not here
        return oldest.handle((v, failure) -> null);
    }
}
