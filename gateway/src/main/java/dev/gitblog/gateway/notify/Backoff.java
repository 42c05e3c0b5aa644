package dev.gitblog.gateway.notify;

import java.time.Duration;

/**
 * Exponential backoff between attempts: {@code initial}, then twice the previous wait, at most {@code max}.
 *
 * @param attempts how many attempts in all (the first one included)
 */
public record Backoff(int attempts, Duration initial, Duration max) {

    public Backoff {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("the backoff needs 0 <= initial <= max");
        }
    }

    /** The wait after failed attempt {@code n} (1 = the first attempt). */
    public Duration after(int n) {
        Duration d = initial;
        for (int i = 1; i < n && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
