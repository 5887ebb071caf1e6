package io.millrace.executor.expr;

import io.millrace.common.MillraceException;
import io.millrace.common.PgInterval;
import io.millrace.common.SqlState;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's interval arithmetic. Intervals are held in {@link PgInterval#held} form; a
 * timestamp plus an interval adds its months (the day of the month clamped to the month's end),
 * then its days, then its time, a timestamptz's months and days in the session's time zone, as in
 * PostgreSQL, so that a day across a daylight-saving change is still a calendar day.
 */
final class IntervalFunctions {
    private IntervalFunctions() {
    }

    /** The body of a strict interval function (no argument is NULL). */
    static ScalarFunctions.Body body(Function fn, List<Expr> args, DataType type, ZoneId zone) {
        return switch (fn) {
            case INTERVAL_PLUS -> a -> interval(a[0]).plus(interval(a[1])).held();
            case INTERVAL_MINUS -> a -> interval(a[0]).minus(interval(a[1])).held();
            case INTERVAL_NEGATE -> a -> interval(a[0]).negate().held();
            case INTERVAL_TIMES -> {
                int at = args.get(0).type().kind() == TypeKind.INTERVAL ? 0 : 1;
                yield a -> interval(a[at]).times(number(a[1 - at])).held();
            }
            case INTERVAL_DIVIDE -> a -> interval(a[0]).dividedBy(number(a[1])).held();
            case DATETIME_PLUS_INTERVAL -> {
                TypeKind kind = args.get(0).type().kind();
                yield a -> plus((Long) a[0], interval(a[1]), kind, zone);
            }
            case DATETIME_MINUS_INTERVAL -> {
                TypeKind kind = args.get(0).type().kind();
                yield a -> plus((Long) a[0], interval(a[1]).negate(), kind, zone);
            }
            case DATETIME_DIFFERENCE -> args.get(0).type().kind() == TypeKind.TIME
                    ? a -> new PgInterval(0, 0, (Long) a[0] - (Long) a[1]).held()
                    : a -> new PgInterval(0, 0, difference((Long) a[0], (Long) a[1])).justifyHours().held();
            case JUSTIFY_HOURS -> a -> interval(a[0]).justifyHours().held();
            case JUSTIFY_DAYS -> a -> interval(a[0]).justifyDays().held();
            case JUSTIFY_INTERVAL -> a -> interval(a[0]).justify().held();
            case AGE -> {
                TypeKind kind = args.get(0).type().kind();
                yield a -> age(ScalarFunctions.local((Long) a[0], kind, zone), ScalarFunctions.local((Long) a[1], kind, zone))
                        .held();
            }
            case EXTRACT_INTERVAL -> a -> extract((String) a[0], interval(a[1]), type);
            default -> throw new IllegalArgumentException(fn.name());
        };
    }

    private static PgInterval interval(Object held) {
        return PgInterval.fromHeld((String) held);
    }

    private static double number(Object v) {
        return v instanceof BigDecimal d ? d.doubleValue() : v instanceof Long l ? l : (Double) v;
    }

    private static long difference(long a, long b) {
        try {
            return Math.subtractExact(a, b);
        } catch (ArithmeticException e) {
            throw PgInterval.outOfRange();
        }
    }

    /** A timestamp, timestamptz or time plus an interval. */
    static long plus(long v, PgInterval interval, TypeKind kind, ZoneId zone) {
        if (kind == TypeKind.TIME) {
            return Math.floorMod(v + interval.micros() % Temporal.MICROS_PER_DAY, Temporal.MICROS_PER_DAY);
        }
        long base = v;
        if (interval.months() != 0 || interval.days() != 0) {
            LocalDateTime local = ScalarFunctions.local(v, kind, zone).plusMonths(interval.months())
                    .plusDays(interval.days());
            long localMicros = Temporal.fromTimestamp(local);
            base = kind == TypeKind.TIMESTAMPTZ ? Temporal.localToInstant(localMicros, zone) : localMicros;
        }
        try {
            return Math.addExact(base, interval.micros());
        } catch (ArithmeticException e) {
            throw new MillraceException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
    }

    /**
     * age(a, b): a - b in years, months and days counted on the calendar (borrowing from the
     * month before a when days go negative, as PostgreSQL does), and the time after them.
     */
    static PgInterval age(LocalDateTime a, LocalDateTime b) {
        boolean negative = a.isBefore(b);
        LocalDateTime hi = negative ? b : a;
        LocalDateTime lo = negative ? a : b;
        long micros = (hi.toLocalTime().toNanoOfDay() - lo.toLocalTime().toNanoOfDay()) / 1000;
        int days = hi.getDayOfMonth() - lo.getDayOfMonth();
        int months = hi.getMonthValue() - lo.getMonthValue();
        int years = hi.getYear() - lo.getYear();
        if (micros < 0) {
            micros += Temporal.MICROS_PER_DAY;
            days--;
        }
        if (days < 0) {
            // The length of the month before the later one's, from the earlier one's view when negated.
            LocalDateTime ref = negative ? a : b;
            days += ref.toLocalDate().lengthOfMonth();
            months--;
        }
        if (months < 0) {
            months += 12;
            years--;
        }
        PgInterval r = new PgInterval(Math.multiplyExact(years, 12) + months, days, micros);
        return negative ? r.negate() : r;
    }

    /** extract(field from interval), as numeric (PostgreSQL's epoch counts a year as 365.25 days). */
    private static Object extract(String field, PgInterval iv, DataType type) {
        long t = iv.micros();
        BigDecimal r = switch (field.toLowerCase(Locale.ROOT)) {
            case "epoch" -> BigDecimal.valueOf(t, 6)
                    .add(BigDecimal.valueOf(iv.months() / 12).multiply(BigDecimal.valueOf(31_557_600)))
                    .add(BigDecimal.valueOf(iv.months() % 12 * 30L * 86_400))
                    .add(BigDecimal.valueOf(iv.days() * 86_400L));
            case "millennium", "millenniums" -> BigDecimal.valueOf(iv.months() / 12 / 1000);
            case "century", "centuries" -> BigDecimal.valueOf(iv.months() / 12 / 100);
            case "decade", "decades" -> BigDecimal.valueOf(iv.months() / 12 / 10);
            case "year", "years" -> BigDecimal.valueOf(iv.months() / 12);
            case "quarter" -> BigDecimal.valueOf(iv.months() % 12 / 3 + 1);
            case "month", "months" -> BigDecimal.valueOf(iv.months() % 12);
            case "day", "days" -> BigDecimal.valueOf(iv.days());
            case "hour", "hours" -> BigDecimal.valueOf(t / PgInterval.MICROS_PER_HOUR);
            case "minute", "minutes" -> BigDecimal.valueOf(t / PgInterval.MICROS_PER_MINUTE % 60);
            case "second", "seconds" -> BigDecimal.valueOf(t % PgInterval.MICROS_PER_MINUTE, 6);
            case "millisecond", "milliseconds" -> BigDecimal.valueOf(t % PgInterval.MICROS_PER_MINUTE, 3);
            case "microsecond", "microseconds" -> BigDecimal.valueOf(t % PgInterval.MICROS_PER_MINUTE);
            default -> throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                    "unit \"" + field + "\" not supported for type interval");
        };
        return switch (type.physical()) {
            case LONG -> r.longValue();
            case DOUBLE -> r.doubleValue();
            default -> r;
        };
    }
}
