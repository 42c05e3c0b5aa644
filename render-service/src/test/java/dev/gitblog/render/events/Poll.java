package dev.gitblog.render.events;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Polls a condition until it holds or a deadline passes (the deadline is a hang guard, not a timing claim). */
final class Poll {

    static final Duration DEADLINE = Duration.ofSeconds(60);

    private Poll() {
    }

    static void until(BooleanSupplier condition, Supplier<String> what) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("not within " + DEADLINE.toSeconds() + " s: " + what.get());
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
