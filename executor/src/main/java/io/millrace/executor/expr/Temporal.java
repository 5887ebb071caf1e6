package io.millrace.executor.expr;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Conversions between the engine's integer forms of dates and times and java.time values. */
public final class Temporal {
    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    private Temporal() {
    }

    public static LocalDate toDate(long days) {
        return LocalDate.ofEpochDay(days);
    }

    public static long fromDate(LocalDate d) {
        return d.toEpochDay();
    }

    public static LocalTime toTime(long micros) {
        return LocalTime.ofNanoOfDay(micros * 1000);
    }

    public static long fromTime(LocalTime t) {
        return t.toNanoOfDay() / 1000;
    }

    public static LocalDateTime toTimestamp(long micros) {
        long secs = Math.floorDiv(micros, MICROS_PER_SECOND);
        int nanos = (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000;
        return LocalDateTime.ofEpochSecond(secs, nanos, ZoneOffset.UTC);
    }

    public static long fromTimestamp(LocalDateTime ts) {
        return ts.toEpochSecond(ZoneOffset.UTC) * MICROS_PER_SECOND + ts.getNano() / 1000;
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1000);
    }

    public static long fromInstant(Instant i) {
        return i.getEpochSecond() * MICROS_PER_SECOND + i.getNano() / 1000;
    }

    /** A local timestamp in {@code zone} as an instant (timestamp to timestamptz). */
    public static long localToInstant(long localMicros, ZoneId zone) {
        LocalDateTime ldt = toTimestamp(localMicros);
        return fromInstant(ldt.atZone(zone).toInstant());
    }

    /** An instant as local time in {@code zone} (timestamptz to timestamp). */
    public static long instantToLocal(long instantMicros, ZoneId zone) {
        Instant i = toInstant(instantMicros);
        return fromTimestamp(LocalDateTime.ofInstant(i, zone));
    }

    /**
     * A time zone as AT TIME ZONE names it: UTC, a zone name ("Europe/Oslo") or abbreviation
     * ("EST"), or a POSIX offset, whose sign PostgreSQL reads west of UTC ('+05' is UTC-5).
     */
    public static java.time.ZoneId namedZone(String name) {
        String z = name.strip();
        if (z.equalsIgnoreCase("utc") || z.equalsIgnoreCase("gmt") || z.equalsIgnoreCase("z")) {
            return java.time.ZoneOffset.UTC;
        }
        try {
            if (z.matches("[+-]?\\d{1,2}(:\\d{2})?")) {
                String[] parts = z.replaceFirst("^[+-]", "").split(":");
                int seconds = Integer.parseInt(parts[0]) * 3600 + (parts.length > 1 ? Integer.parseInt(parts[1]) * 60 : 0);
                return java.time.ZoneOffset.ofTotalSeconds(z.startsWith("-") ? seconds : -seconds);
            }
            return java.time.ZoneId.of(z, java.time.ZoneId.SHORT_IDS);
        } catch (java.time.DateTimeException e) {
            throw new io.millrace.common.MillraceException(io.millrace.common.SqlState.INVALID_PARAMETER_VALUE,
                    "time zone \"" + name + "\" not recognized");
        }
    }
}
