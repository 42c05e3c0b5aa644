package dev.gitblog.render.events;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InFlightTest {

    @Test
    void admitsUpToTheLimitThenWaitsForTheOldest() {
        InFlight inFlight = new InFlight(2);
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        assertTrue(inFlight.admit(first).toCompletableFuture().isDone());
        assertTrue(inFlight.admit(second).toCompletableFuture().isDone());
        CompletionStage<Void> third = inFlight.admit(new CompletableFuture<>());
        assertFalse(third.toCompletableFuture().isDone(), "three pending, limit two: wait");
        first.completeExceptionally(new IllegalStateException("nacked"));
        assertTrue(third.toCompletableFuture().isDone(), "the oldest settled (even by failure): go on");
        assertFalse(third.toCompletableFuture().isCompletedExceptionally());
        second.complete(null);
        assertTrue(inFlight.admit(new CompletableFuture<>()).toCompletableFuture().isDone(), "settled ones are dropped");
    }

    @Test
    void aConfiguredLimitStaysWithinOneAndWhatTheEmitterHolds() {
        assertEquals(128, InFlight.limit(128, FragmentProcessor.EMITTER_BUFFER));
        assertEquals(FragmentProcessor.EMITTER_BUFFER, InFlight.limit(10_000, FragmentProcessor.EMITTER_BUFFER),
                "more would overflow the emitter's buffer");
        assertEquals(1, InFlight.limit(0, FragmentProcessor.EMITTER_BUFFER), "at least one record in flight");
        assertEquals(1, InFlight.limit(-5, FragmentProcessor.EMITTER_BUFFER));
    }
}
