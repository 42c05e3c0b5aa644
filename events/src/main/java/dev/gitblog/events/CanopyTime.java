package dev.gitblog.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The three ways the site writes a time (SITE-FORMAT §2.2 and Decision 7). All in UTC. */
public final class CanopyTime {

    private static final DateTimeFormatter MACHINE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'-00:00'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DISPLAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private CanopyTime() {
    }

    /** {@code 2016-07-12T15:40:22-00:00}: Atom dates and the entry-id seed (RFC 3339, unknown offset). */
    public static String machine(Instant t) {
        return MACHINE.format(t);
    }

    /** {@code 2016-07-12}: the date shown on pages. */
    public static String display(Instant t) {
        return DISPLAY.format(t);
    }

    /** {@code 2016-07-12T15:40:22Z}: the JSON API and {@code <time datetime>}. */
    public static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
