package io.millrace.pgwire;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text input of date, time, timestamp and timestamptz values, accepting the forms PostgreSQL
 * accepts in ISO style: {@code 2024-01-02}, {@code 20240102}, a time after a space or {@code T},
 * fractions rounded to microseconds, {@code 24:00:00}, a zone as {@code Z}, {@code +05},
 * {@code +05:30}, {@code -0330}, a region ({@code Europe/Paris}) or a common abbreviation, a trailing
 * {@code BC}, and the special words epoch, now, today, tomorrow, yesterday (and allballs for time).
 * Infinite values have no Java representation and are refused with 0A000.
 */
final class PgDateTimeInput {
    private static final String ZONE =
            "(?<zone>[zZ]|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?|[A-Za-z][A-Za-z0-9_/+-]*)";
    private static final String TIME =
            "(?<h>\\d{1,2}):(?<mi>\\d{1,2})(?::(?<s>\\d{1,2})(?:\\.(?<f>\\d*))?)?";
    private static final Pattern TIMESTAMP_SYNTAX = Pattern.compile(
            "(?:(?<y>\\d+)-(?<m>\\d{1,2})-(?<d>\\d{1,2})|(?<ymd>\\d{8}))"
                    + "(?:(?:[Tt]|\\s+)" + TIME + ")?"
                    + "\\s*" + ZONE + "?");
    private static final Pattern TIME_SYNTAX = Pattern.compile(TIME + "\\s*" + ZONE + "?");
    private static final Pattern ERA = Pattern.compile("(?i)(.*?)\\s*\\b(BC|AD)");

    /** Fixed-offset abbreviations PostgreSQL knows by default (a common subset). */
    private static final Map<String, ZoneId> ABBREVIATIONS = new HashMap<>();

    static {
        for (String utc : new String[] {"z", "utc", "gmt", "ut", "zulu"}) {
            ABBREVIATIONS.put(utc, ZoneOffset.UTC);
        }
        Object[][] fixed = {
            {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8},
            {"pdt", -7}, {"akst", -9}, {"akdt", -8}, {"hst", -10}, {"wet", 0}, {"west", 1}, {"cet", 1},
            {"cest", 2}, {"met", 1}, {"mest", 2}, {"eet", 2}, {"eest", 3}, {"msk", 3}, {"jst", 9},
            {"kst", 9}, {"aest", 10}, {"aedt", 11}, {"nzst", 12}, {"nzdt", 13},
        };
        for (Object[] f : fixed) {
            ABBREVIATIONS.put((String) f[0], ZoneOffset.ofHours((Integer) f[1]));
        }
    }

    private static volatile Map<String, String> regionsByLowerCase;

    private PgDateTimeInput() {
    }

    /** A parsed date and time of day; {@code zone} is null when the input named none. */
    private record Parsed(LocalDate date, long nanoOfDay, boolean hasTime, ZoneId zone) {
        LocalDateTime local() {
            return date.atStartOfDay().plusNanos(nanoOfDay);
        }
    }

    static LocalDate parseDate(String text, ZoneId sessionZone) {
        String special = text.strip().toLowerCase(Locale.ROOT);
        switch (special) {
            case "epoch":
                return LocalDate.ofEpochDay(0);
            case "today":
            case "now":
                return LocalDate.now(sessionZone);
            case "tomorrow":
                return LocalDate.now(sessionZone).plusDays(1);
            case "yesterday":
                return LocalDate.now(sessionZone).minusDays(1);
            case "infinity":
            case "+infinity":
            case "-infinity":
                throw infinite("date");
            default:
                return parse(text, "date").date();
        }
    }

    static LocalTime parseTime(String text, ZoneId sessionZone) {
        String s = text.strip();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "allballs":
                return LocalTime.MIDNIGHT;
            case "now":
                return LocalTime.now(sessionZone).truncatedTo(ChronoUnit.MICROS);
            default:
                break;
        }
        Matcher m = TIME_SYNTAX.matcher(s);
        long nanos;
        if (m.matches()) {
            nanos = timeOfDay(m, text);
        } else {
            Parsed p = parse(text, "time");
            if (!p.hasTime()) {
                throw syntax("time", text);
            }
            nanos = p.nanoOfDay();
        }
        if (nanos >= 86_400_000_000_000L) {
            // 24:00:00 is a valid PostgreSQL time but has no LocalTime
            throw outOfRange(text);
        }
        return LocalTime.ofNanoOfDay(nanos);
    }

    static LocalDateTime parseTimestamp(String text, ZoneId sessionZone) {
        String special = text.strip().toLowerCase(Locale.ROOT);
        switch (special) {
            case "epoch":
                return LocalDateTime.of(1970, 1, 1, 0, 0);
            case "now":
                return LocalDateTime.now(sessionZone).truncatedTo(ChronoUnit.MICROS);
            case "today":
                return LocalDate.now(sessionZone).atStartOfDay();
            case "tomorrow":
                return LocalDate.now(sessionZone).plusDays(1).atStartOfDay();
            case "yesterday":
                return LocalDate.now(sessionZone).minusDays(1).atStartOfDay();
            case "infinity":
            case "+infinity":
            case "-infinity":
                throw infinite("timestamp");
            default:
                // a zone in the input is ignored for timestamp without time zone, as PostgreSQL does
                return parse(text, "timestamp").local();
        }
    }

    static Instant parseTimestamptz(String text, ZoneId sessionZone) {
        String special = text.strip().toLowerCase(Locale.ROOT);
        switch (special) {
            case "epoch":
                return Instant.EPOCH;
            case "now":
                return Instant.now().truncatedTo(ChronoUnit.MICROS);
            case "today":
                return LocalDate.now(sessionZone).atStartOfDay(sessionZone).toInstant();
            case "tomorrow":
                return LocalDate.now(sessionZone).plusDays(1).atStartOfDay(sessionZone).toInstant();
            case "yesterday":
                return LocalDate.now(sessionZone).minusDays(1).atStartOfDay(sessionZone).toInstant();
            case "infinity":
            case "+infinity":
            case "-infinity":
                throw infinite("timestamp with time zone");
            default:
                Parsed p = parse(text, "timestamp with time zone");
                ZoneId zone = p.zone() != null ? p.zone() : sessionZone;
                return ZonedDateTime.ofLocal(p.local(), zone, null).toInstant();
        }
    }

    private static Parsed parse(String text, String typeName) {
        String s = text.strip();
        boolean bc = false;
        Matcher era = ERA.matcher(s);
        if (era.matches()) {
            bc = era.group(2).equalsIgnoreCase("BC");
            s = era.group(1);
        }
        Matcher m = TIMESTAMP_SYNTAX.matcher(s);
        if (!m.matches()) {
            throw syntax(typeName, text);
        }
        int year;
        int month;
        int day;
        try {
            if (m.group("ymd") != null) {
                String ymd = m.group("ymd");
                year = Integer.parseInt(ymd.substring(0, 4));
                month = Integer.parseInt(ymd.substring(4, 6));
                day = Integer.parseInt(ymd.substring(6, 8));
            } else {
                year = Integer.parseInt(m.group("y"));
                month = Integer.parseInt(m.group("m"));
                day = Integer.parseInt(m.group("d"));
            }
        } catch (NumberFormatException e) {
            throw outOfRange(text);
        }
        if (year == 0) {
            throw outOfRange(text);
        }
        if (bc) {
            year = 1 - year;
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw outOfRange(text);
        }
        boolean hasTime = m.group("h") != null;
        long nanos = hasTime ? timeOfDay(m, text) : 0;
        ZoneId zone = m.group("zone") != null ? zone(m.group("zone"), text) : null;
        return new Parsed(date, nanos, hasTime, zone);
    }

    /** Nanoseconds since midnight; up to and including 24:00:00 and leap second 60. */
    private static long timeOfDay(Matcher m, String text) {
        int hour = Integer.parseInt(m.group("h"));
        int minute = Integer.parseInt(m.group("mi"));
        int second = m.group("s") != null ? Integer.parseInt(m.group("s")) : 0;
        long micros = 0;
        String fraction = m.group("f");
        if (fraction != null && !fraction.isEmpty()) {
            String digits = (fraction + "0000000").substring(0, 7);
            micros = Long.parseLong(digits.substring(0, 6));
            if (digits.charAt(6) >= '5') {
                micros++;
            }
        }
        if (hour > 24 || minute > 59 || second > 60 || hour == 24 && (minute > 0 || second > 0 || micros > 0)) {
            throw outOfRange(text);
        }
        return ((hour * 60L + minute) * 60 + second) * 1_000_000_000L + micros * 1000;
    }

    private static ZoneId zone(String name, String text) {
        char first = name.charAt(0);
        if (first == '+' || first == '-') {
            String digits = name.substring(1).replace(":", "");
            int hours;
            int minutes = 0;
            int seconds = 0;
            if (digits.length() <= 2) {
                hours = Integer.parseInt(digits);
            } else if (digits.length() <= 4) {
                hours = Integer.parseInt(digits.substring(0, digits.length() - 2));
                minutes = Integer.parseInt(digits.substring(digits.length() - 2));
            } else {
                hours = Integer.parseInt(digits.substring(0, digits.length() - 4));
                minutes = Integer.parseInt(digits.substring(digits.length() - 4, digits.length() - 2));
                seconds = Integer.parseInt(digits.substring(digits.length() - 2));
            }
            if (hours > 15 || minutes > 59 || seconds > 59) {
                throw outOfRange(text);
            }
            int total = (hours * 60 + minutes) * 60 + seconds;
            return ZoneOffset.ofTotalSeconds(first == '-' ? -total : total);
        }
        ZoneId abbreviation = ABBREVIATIONS.get(name.toLowerCase(Locale.ROOT));
        if (abbreviation != null) {
            return abbreviation;
        }
        String region = regions().get(name.toLowerCase(Locale.ROOT));
        if (region != null) {
            return ZoneId.of(region);
        }
        throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + name + "\" not recognized");
    }

    private static Map<String, String> regions() {
        Map<String, String> map = regionsByLowerCase;
        if (map == null) {
            map = new HashMap<>();
            for (String id : ZoneId.getAvailableZoneIds()) {
                map.put(id.toLowerCase(Locale.ROOT), id);
            }
            regionsByLowerCase = map;
        }
        return map;
    }

    private static MillraceException syntax(String typeName, String text) {
        return new MillraceException(SqlState.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    private static MillraceException outOfRange(String text) {
        return new MillraceException(SqlState.DATETIME_FIELD_OVERFLOW,
                "date/time field value out of range: \"" + text + "\"");
    }

    private static MillraceException infinite(String typeName) {
        return new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "infinite " + typeName + " values are not supported");
    }
}
