package dev.gitblog.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The three ways the site writes a time (docs/FORMAT.md §2.2 and docs/DECISIONS.md Decision 7). All in UTC. */
public final class CanopyTime {

    private static final DateTimeFormatter MACHINE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'-00:00'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DISPLAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private static final long FIRST_SECOND_OF_YEAR_1 = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_SECOND_OF_YEAR_9999 = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    private CanopyTime() {
    }

    /** {@code 2016-07-12T15:40:22-00:00}: Atom dates and the entry-id seed (RFC 3339, unknown offset). */
    public static String machine(Instant t) {
        return MACHINE.format(t);
    }

    /**
     * {@code 2016-07-12}: the date shown on pages. Written by hand for the years 1-9999 (a composed revision
     * formats about ten per article; the formatter allocated a dozen objects for each), else by the formatter.
     */
    public static String display(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < FIRST_SECOND_OF_YEAR_1 || seconds > LAST_SECOND_OF_YEAR_9999) {
            return DISPLAY.format(t);
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int year = date.getYear();
        char[] out = new char[10];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** {@code 2016-07-12T15:40:22Z}: the JSON API and {@code <time datetime>}. */
    public static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
