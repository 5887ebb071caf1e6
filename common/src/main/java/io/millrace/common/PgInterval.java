package io.millrace.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL interval: months, days and microseconds, kept apart as PostgreSQL keeps them (a
 * month is not a fixed number of days, nor a day a fixed number of hours across a daylight-saving
 * change). Intervals order by their span, a month counted as 30 days and a day as 24 hours, as
 * PostgreSQL orders them.
 */
public record PgInterval(int months, int days, long micros) implements Comparable<PgInterval> {
    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    public static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    public static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
    public static final int DAYS_PER_MONTH = 30;
    public static final PgInterval ZERO = new PgInterval(0, 0, 0);

    /** The span's whole days (a month as 30) and the microseconds after them, in [0, a day). */
    private long spanDays() {
        return months * (long) DAYS_PER_MONTH + days + Math.floorDiv(micros, MICROS_PER_DAY);
    }

    private long spanRest() {
        return Math.floorMod(micros, MICROS_PER_DAY);
    }

    /** By span, then (for equal spans) field by field, so that the order is total. */
    @Override
    public int compareTo(PgInterval o) {
        int c = Long.compare(spanDays(), o.spanDays());
        if (c == 0) {
            c = Long.compare(spanRest(), o.spanRest());
        }
        if (c == 0) {
            c = Integer.compare(months, o.months);
        }
        if (c == 0) {
            c = Integer.compare(days, o.days);
        }
        return c;
    }

    // ------------------------------------------------------------------ the engine's held form

    /**
     * The form the engine holds an interval in: fixed-width hex whose string order is
     * {@link #compareTo}'s (span first), so that comparisons, keys and sorting of the held text
     * order intervals as PostgreSQL does. Two intervals of one span but different fields
     * ({@code 1 mon} and {@code 30 days}) compare equal ({@link #compareSpans}) but are different
     * held values, so grouping and keys keep them apart, where PostgreSQL puts them together.
     */
    public String held() {
        StringBuilder sb = new StringBuilder(58);
        hex(sb, spanDays() ^ Long.MIN_VALUE, 16);
        hex(sb, spanRest(), 10);
        hex(sb, (months ^ Integer.MIN_VALUE) & 0xffffffffL, 8);
        hex(sb, (days ^ Integer.MIN_VALUE) & 0xffffffffL, 8);
        hex(sb, micros ^ Long.MIN_VALUE, 16);
        return sb.toString();
    }

    /** How many leading characters of the held form are the span. */
    private static final int SPAN_CHARS = 26;

    /**
     * Compares two held intervals by span alone, as PostgreSQL's comparison operators do
     * ({@code '1 day' = '24 hours'}).
     */
    public static int compareSpans(String a, String b) {
        return a.regionMatches(0, b, 0, SPAN_CHARS) ? 0
                : a.substring(0, SPAN_CHARS).compareTo(b.substring(0, SPAN_CHARS));
    }

    /** The span part of a held interval: equal for intervals PostgreSQL's comparisons call equal. */
    public static String heldSpan(String held) {
        return held.substring(0, SPAN_CHARS);
    }

    /** The interval {@link #held} wrote. */
    public static PgInterval fromHeld(String held) {
        int at = held.length() - 32;
        int months = (int) (Long.parseUnsignedLong(held, at, at + 8, 16) ^ Integer.MIN_VALUE);
        int days = (int) (Long.parseUnsignedLong(held, at + 8, at + 16, 16) ^ Integer.MIN_VALUE);
        long micros = Long.parseUnsignedLong(held, at + 16, at + 32, 16) ^ Long.MIN_VALUE;
        return new PgInterval(months, days, micros);
    }

    private static void hex(StringBuilder sb, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            sb.append(Character.forDigit((int) (v >>> (4 * i)) & 0xf, 16));
        }
    }

    // ------------------------------------------------------------------ output

    /** PostgreSQL's output in its default IntervalStyle, postgres: {@code 1 year 2 mons 3 days 04:05:06.5}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        boolean[] state = {true, false}; // nothing written yet; the last part written was negative
        part(sb, months / 12, "year", state);
        part(sb, months % 12, "mon", state);
        part(sb, days, "day", state);
        if (state[0] || micros != 0) {
            boolean minus = micros < 0;
            long total = minus ? -micros : micros; // read unsigned: -Long.MIN_VALUE is 2^63
            long hours = Long.divideUnsigned(total, MICROS_PER_HOUR);
            long rest = Long.remainderUnsigned(total, MICROS_PER_HOUR);
            sb.append(state[0] ? "" : " ").append(minus ? "-" : state[1] ? "+" : "");
            two(sb, hours).append(':');
            two(sb, rest / MICROS_PER_MINUTE).append(':');
            two(sb, rest % MICROS_PER_MINUTE / MICROS_PER_SECOND);
            long fraction = rest % MICROS_PER_SECOND;
            if (fraction != 0) {
                String digits = String.format(Locale.ROOT, "%06d", fraction);
                int end = digits.length();
                while (digits.charAt(end - 1) == '0') {
                    end--;
                }
                sb.append('.').append(digits, 0, end);
            }
        }
        return sb.toString();
    }

    private static void part(StringBuilder sb, int value, String unit, boolean[] state) {
        if (value == 0) {
            return;
        }
        sb.append(state[0] ? "" : " ").append(state[1] && value > 0 ? "+" : "").append(value).append(' ')
                .append(unit).append(value != 1 ? "s" : "");
        state[1] = value < 0;
        state[0] = false;
    }

    private static StringBuilder two(StringBuilder sb, long v) {
        return sb.append(v < 10 ? "0" : "").append(v);
    }

    // ------------------------------------------------------------------ input

    /** Units that count months. */
    private static final Map<String, Integer> MONTH_UNITS = Map.ofEntries(
            Map.entry("month", 1), Map.entry("months", 1), Map.entry("mon", 1), Map.entry("mons", 1),
            Map.entry("year", 12), Map.entry("years", 12), Map.entry("y", 12), Map.entry("yr", 12),
            Map.entry("yrs", 12), Map.entry("decade", 120), Map.entry("decades", 120), Map.entry("dec", 120),
            Map.entry("decs", 120), Map.entry("century", 1200), Map.entry("centuries", 1200), Map.entry("cent", 1200),
            Map.entry("c", 1200), Map.entry("millennium", 12000), Map.entry("millennia", 12000),
            Map.entry("millenniums", 12000), Map.entry("mil", 12000), Map.entry("mils", 12000));

    /** Units that count days. */
    private static final Map<String, Integer> DAY_UNITS = Map.of("day", 1, "days", 1, "d", 1, "week", 7, "weeks", 7,
            "w", 7);

    /** Units that count microseconds. */
    private static final Map<String, Long> TIME_UNITS = Map.ofEntries(
            Map.entry("microsecond", 1L), Map.entry("microseconds", 1L), Map.entry("us", 1L),
            Map.entry("usec", 1L), Map.entry("usecs", 1L), Map.entry("microsecon", 1L),
            Map.entry("millisecond", 1_000L), Map.entry("milliseconds", 1_000L), Map.entry("ms", 1_000L),
            Map.entry("msec", 1_000L), Map.entry("msecs", 1_000L), Map.entry("millisecon", 1_000L),
            Map.entry("second", MICROS_PER_SECOND), Map.entry("seconds", MICROS_PER_SECOND),
            Map.entry("s", MICROS_PER_SECOND), Map.entry("sec", MICROS_PER_SECOND), Map.entry("secs", MICROS_PER_SECOND),
            Map.entry("minute", MICROS_PER_MINUTE), Map.entry("minutes", MICROS_PER_MINUTE),
            Map.entry("m", MICROS_PER_MINUTE), Map.entry("min", MICROS_PER_MINUTE), Map.entry("mins", MICROS_PER_MINUTE),
            Map.entry("hour", MICROS_PER_HOUR), Map.entry("hours", MICROS_PER_HOUR), Map.entry("h", MICROS_PER_HOUR),
            Map.entry("hr", MICROS_PER_HOUR), Map.entry("hrs", MICROS_PER_HOUR));

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    /** {@code [+-]h:mm[:ss[.f]]}, or {@code mm:ss.f} when the second part has a fraction. */
    private static final Pattern CLOCK = Pattern.compile("([+-]?)(\\d+):(\\d+(?:\\.\\d*)?)(?::(\\d+(?:\\.\\d*)?))?");
    /** The SQL standard's year-month form, {@code [+-]y-m}. */
    private static final Pattern YEAR_MONTH = Pattern.compile("([+-]?)(\\d+)-(\\d+)");
    private static final Pattern ISO = Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))([ymwdhs])");

    /** Sums of fields while reading, with fractions of larger units spilt into smaller ones. */
    private static final class Fields {
        long months;
        long days;
        BigDecimal micros = BigDecimal.ZERO;

        void addMonths(BigDecimal n) {
            BigDecimal whole = n.setScale(0, RoundingMode.DOWN);
            months += whole.longValueExact();
            addDays(n.subtract(whole).multiply(BigDecimal.valueOf(DAYS_PER_MONTH)));
        }

        void addYears(BigDecimal years, int monthsPerUnit) {
            // A fraction of a year becomes whole months (rounded), as PostgreSQL does.
            BigDecimal m = years.multiply(BigDecimal.valueOf(monthsPerUnit));
            months += m.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        }

        void addDays(BigDecimal n) {
            BigDecimal whole = n.setScale(0, RoundingMode.DOWN);
            days += whole.longValueExact();
            micros = micros.add(n.subtract(whole).multiply(BigDecimal.valueOf(MICROS_PER_DAY)));
        }

        void addMicros(BigDecimal n) {
            micros = micros.add(n);
        }

        void add(BigDecimal quantity, String unit, String text) {
            Integer m = MONTH_UNITS.get(unit);
            Integer d = DAY_UNITS.get(unit);
            Long t = TIME_UNITS.get(unit);
            if (m != null) {
                if (m == 1) {
                    addMonths(quantity);
                } else {
                    addYears(quantity, m);
                }
            } else if (d != null) {
                addDays(quantity.multiply(BigDecimal.valueOf(d)));
            } else if (t != null) {
                addMicros(quantity.multiply(BigDecimal.valueOf(t)));
            } else {
                throw invalid(text);
            }
        }

        PgInterval build(String text, boolean negate) {
            long us;
            try {
                us = micros.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            } catch (ArithmeticException e) {
                throw outOfRange();
            }
            if (negate) {
                months = -months;
                days = -days;
                us = -us;
            }
            if (months != (int) months || days != (int) days) {
                throw outOfRange();
            }
            return new PgInterval((int) months, (int) days, us);
        }
    }

    /**
     * Reads PostgreSQL's interval input: {@code 1 year 2 months 3 days 04:05:06.5},
     * {@code -1 day +02:00}, {@code 2 weeks ago}, {@code @ 1 hour}, the SQL standard's
     * {@code 1-2} and {@code 3 4:05:06}, ISO 8601's {@code P1Y2M3DT4H5M6S}, and a bare number of
     * seconds. Bad input fails with 22007, values too large with 22008.
     */
    public static PgInterval parse(String input) {
        String text = input.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("@")) {
            text = text.substring(1).strip();
        }
        if (text.isEmpty()) {
            throw invalid(input);
        }
        try {
            if (text.startsWith("p") || text.startsWith("-p") || text.startsWith("+p")) {
                return iso(text, input);
            }
            return verbose(text, input);
        } catch (ArithmeticException | NumberFormatException e) {
            throw outOfRange();
        }
    }

    private static PgInterval verbose(String text, String input) {
        Fields f = new Fields();
        String[] words = text.split("\\s+");
        boolean ago = false;
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (word.equals("ago") && i == words.length - 1 && i > 0) {
                ago = true;
                continue;
            }
            Matcher clock = CLOCK.matcher(word);
            if (clock.matches()) {
                addClock(f, clock);
                continue;
            }
            Matcher ym = YEAR_MONTH.matcher(word);
            if (ym.matches()) {
                long months = Long.parseLong(ym.group(2)) * 12 + Long.parseLong(ym.group(3));
                f.months += ym.group(1).equals("-") ? -months : months;
                continue;
            }
            Matcher number = NUMBER.matcher(word);
            if (!number.lookingAt()) {
                throw invalid(input);
            }
            BigDecimal quantity = new BigDecimal(number.group());
            String unit = word.substring(number.end());
            if (unit.isEmpty()) {
                if (i + 1 < words.length && CLOCK.matcher(words[i + 1]).matches()) {
                    // The SQL standard's "3 4:05:06": days, then the time of day.
                    f.addDays(quantity);
                    continue;
                }
                if (i + 1 < words.length && !words[i + 1].equals("ago")) {
                    unit = words[++i];
                } else {
                    unit = "seconds";
                }
            }
            f.add(quantity, unit, input);
        }
        return f.build(input, ago);
    }

    private static void addClock(Fields f, Matcher clock) {
        BigDecimal first = new BigDecimal(clock.group(2));
        BigDecimal second = new BigDecimal(clock.group(3));
        BigDecimal value;
        if (clock.group(4) == null && clock.group(3).contains(".")) {
            // mm:ss.f
            value = first.multiply(BigDecimal.valueOf(MICROS_PER_MINUTE))
                    .add(second.multiply(BigDecimal.valueOf(MICROS_PER_SECOND)));
        } else {
            value = first.multiply(BigDecimal.valueOf(MICROS_PER_HOUR))
                    .add(second.multiply(BigDecimal.valueOf(MICROS_PER_MINUTE)));
            if (clock.group(4) != null) {
                value = value.add(new BigDecimal(clock.group(4)).multiply(BigDecimal.valueOf(MICROS_PER_SECOND)));
            }
        }
        f.addMicros(clock.group(1).equals("-") ? value.negate() : value);
    }

    /** ISO 8601's duration: {@code P[nY][nM][nW][nD][T[nH][nM][nS]]}, with fractions. */
    private static PgInterval iso(String text, String input) {
        boolean negate = text.startsWith("-");
        String body = text.substring(text.indexOf('p') + 1);
        int t = body.indexOf('t');
        String date = t < 0 ? body : body.substring(0, t);
        String time = t < 0 ? "" : body.substring(t + 1);
        if (body.isEmpty() || t >= 0 && time.isEmpty()) {
            throw invalid(input);
        }
        Fields f = new Fields();
        isoPart(f, date, false, input);
        isoPart(f, time, true, input);
        return f.build(input, negate);
    }

    private static void isoPart(Fields f, String part, boolean time, String input) {
        Matcher m = ISO.matcher(part);
        int at = 0;
        while (at < part.length()) {
            if (!m.find(at) || m.start() != at) {
                throw invalid(input);
            }
            BigDecimal n = new BigDecimal(m.group(1));
            String unit = switch (m.group(2)) {
                case "y" -> time ? null : "years";
                case "m" -> time ? "minutes" : "months";
                case "w" -> time ? null : "weeks";
                case "d" -> time ? null : "days";
                case "h" -> time ? "hours" : null;
                case "s" -> time ? "seconds" : null;
                default -> null;
            };
            if (unit == null) {
                throw invalid(input);
            }
            f.add(n, unit, input);
            at = m.end();
        }
    }

    private static MillraceException invalid(String text) {
        return new MillraceException(SqlState.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type interval: \"" + text + "\"");
    }

    public static MillraceException outOfRange() {
        return new MillraceException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
    }

    // ------------------------------------------------------------------ arithmetic

    public PgInterval plus(PgInterval o) {
        try {
            return new PgInterval(Math.addExact(months, o.months), Math.addExact(days, o.days),
                    Math.addExact(micros, o.micros));
        } catch (ArithmeticException e) {
            throw outOfRange();
        }
    }

    /** n times this interval, field by field (22008 when a field overflows). */
    public PgInterval multipliedBy(long n) {
        try {
            return new PgInterval(Math.toIntExact(Math.multiplyExact(months, n)), Math.toIntExact(Math.multiplyExact(days, n)),
                    Math.multiplyExact(micros, n));
        } catch (ArithmeticException e) {
            throw outOfRange();
        }
    }

    public PgInterval negate() {
        if (months == Integer.MIN_VALUE || days == Integer.MIN_VALUE || micros == Long.MIN_VALUE) {
            throw outOfRange();
        }
        return new PgInterval(-months, -days, -micros);
    }

    public PgInterval minus(PgInterval o) {
        return plus(o.negate());
    }

    /**
     * interval * factor, as PostgreSQL computes it: each field is scaled, the fraction of months
     * spills into days (30 to a month) and the fraction of days into time.
     */
    public PgInterval times(double factor) {
        return scaled(months * factor, days * factor, micros * factor);
    }

    /** interval / divisor (22012 for zero), by the same spilling as {@link #times}. */
    public PgInterval dividedBy(double divisor) {
        if (divisor == 0) {
            throw new MillraceException(SqlState.DIVISION_BY_ZERO, "division by zero");
        }
        return scaled(months / divisor, days / divisor, micros / divisor);
    }

    private static PgInterval scaled(double monthsExact, double daysExact, double microsExact) {
        if (Double.isNaN(monthsExact) || Math.abs(monthsExact) > Integer.MAX_VALUE
                || Math.abs(daysExact) > Integer.MAX_VALUE) {
            throw outOfRange();
        }
        int m = (int) monthsExact;
        int d = (int) daysExact;
        double monthRemainderDays = round6((monthsExact - m) * DAYS_PER_MONTH);
        double secRemainder = round6((daysExact - d + monthRemainderDays - (int) monthRemainderDays) * 86_400);
        if (Math.abs(secRemainder) >= 86_400) {
            d += (int) (secRemainder / 86_400);
            secRemainder -= (int) (secRemainder / 86_400) * 86_400.0;
        }
        d += (int) monthRemainderDays;
        double us = Math.rint(microsExact + secRemainder * MICROS_PER_SECOND);
        if (Double.isNaN(us) || Math.abs(us) >= 9.2233720368547758e18) {
            throw outOfRange();
        }
        return new PgInterval(m, d, (long) us);
    }

    /** Rounds to microsecond precision, as PostgreSQL's TSROUND. */
    private static double round6(double v) {
        return Math.rint(v * 1e6) / 1e6;
    }

    /** justify_hours: whole days of the time part move to days, and day and time take one sign. */
    public PgInterval justifyHours() {
        long[] dt = oneSign(days + micros / MICROS_PER_DAY, micros % MICROS_PER_DAY, MICROS_PER_DAY);
        return new PgInterval(months, toInt(dt[0]), dt[1]);
    }

    /** justify_days: every 30 days move to months, and months and days take one sign. */
    public PgInterval justifyDays() {
        long[] md = oneSign(months + days / DAYS_PER_MONTH, days % DAYS_PER_MONTH, DAYS_PER_MONTH);
        return new PgInterval(toInt(md[0]), (int) md[1], micros);
    }

    /** justify_interval: both, with one sign throughout. */
    public PgInterval justify() {
        long m = months + days / DAYS_PER_MONTH;
        long d = days % DAYS_PER_MONTH + micros / MICROS_PER_DAY;
        long t = micros % MICROS_PER_DAY;
        m += d / DAYS_PER_MONTH;
        d = d % DAYS_PER_MONTH;
        // Months take the sign of days and time together (days 0 and time negative borrow a month).
        if (m > 0 && (d < 0 || d == 0 && t < 0)) {
            d += DAYS_PER_MONTH;
            m--;
        } else if (m < 0 && (d > 0 || d == 0 && t > 0)) {
            d -= DAYS_PER_MONTH;
            m++;
        }
        long[] dt = oneSign(d, t, MICROS_PER_DAY);
        return new PgInterval(toInt(m), (int) dt[0], dt[1]);
    }

    /** {big, small}, one unit of big moved into small where their signs differ, so that they agree. */
    private static long[] oneSign(long big, long small, long unit) {
        if (big > 0 && small < 0) {
            return new long[] {big - 1, small + unit};
        }
        if (big < 0 && small > 0) {
            return new long[] {big + 1, small - unit};
        }
        return new long[] {big, small};
    }

    private static int toInt(long v) {
        if (v != (int) v) {
            throw outOfRange();
        }
        return (int) v;
    }
}
