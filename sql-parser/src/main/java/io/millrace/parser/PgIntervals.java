package io.millrace.parser;

import io.millrace.common.SqlState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;

/**
 * PostgreSQL's interval literals without a qualifier, {@code INTERVAL '1 hour 30 minutes'}, as
 * Calcite interval literals: {@code INTERVAL '1:30' HOUR TO MINUTE}, or
 * {@code INTERVAL '1-2' YEAR TO MONTH} for years and months. Calcite keeps the two kinds apart, so
 * a value mixing months with days or time is rejected. The SQL-standard form with a qualifier
 * ({@code INTERVAL '90' MINUTE}) is Calcite's own and does not come here.
 */
public final class PgIntervals {
    private static final BigDecimal MICROS_PER_SECOND = BigDecimal.valueOf(1_000_000L);

    /** Words that start an interval qualifier: {@code INTERVAL '1' DAY} is Calcite's form. */
    private static final Set<String> QUALIFIER_WORDS = Set.of(
            "YEAR", "YEARS", "QUARTER", "QUARTERS", "MONTH", "MONTHS", "WEEK", "WEEKS", "DAY", "DAYS",
            "HOUR", "HOURS", "MINUTE", "MINUTES", "SECOND", "SECONDS", "MILLISECOND", "MILLISECONDS",
            "MICROSECOND", "MICROSECONDS", "NANOSECOND", "NANOSECONDS", "DOW", "DOY", "ISODOW", "ISOYEAR",
            "EPOCH", "DECADE", "CENTURY", "MILLENNIUM");

    /** Unit → months (for month-based units) or microseconds (negative keys not used). */
    private static final Map<String, Long> MONTH_UNITS = Map.ofEntries(
            Map.entry("month", 1L), Map.entry("months", 1L), Map.entry("mon", 1L), Map.entry("mons", 1L),
            Map.entry("year", 12L), Map.entry("years", 12L), Map.entry("y", 12L), Map.entry("yr", 12L),
            Map.entry("yrs", 12L), Map.entry("decade", 120L), Map.entry("decades", 120L),
            Map.entry("century", 1200L), Map.entry("centuries", 1200L), Map.entry("millennium", 12000L),
            Map.entry("millennia", 12000L), Map.entry("millenniums", 12000L));

    private static final Map<String, Long> MICRO_UNITS = Map.ofEntries(
            Map.entry("microsecond", 1L), Map.entry("microseconds", 1L), Map.entry("us", 1L),
            Map.entry("usec", 1L), Map.entry("usecs", 1L),
            Map.entry("millisecond", 1_000L), Map.entry("milliseconds", 1_000L), Map.entry("ms", 1_000L),
            Map.entry("msec", 1_000L), Map.entry("msecs", 1_000L),
            Map.entry("second", 1_000_000L), Map.entry("seconds", 1_000_000L), Map.entry("s", 1_000_000L),
            Map.entry("sec", 1_000_000L), Map.entry("secs", 1_000_000L),
            Map.entry("minute", 60_000_000L), Map.entry("minutes", 60_000_000L), Map.entry("m", 60_000_000L),
            Map.entry("min", 60_000_000L), Map.entry("mins", 60_000_000L),
            Map.entry("hour", 3_600_000_000L), Map.entry("hours", 3_600_000_000L), Map.entry("h", 3_600_000_000L),
            Map.entry("hr", 3_600_000_000L), Map.entry("hrs", 3_600_000_000L),
            Map.entry("day", 86_400_000_000L), Map.entry("days", 86_400_000_000L), Map.entry("d", 86_400_000_000L),
            Map.entry("week", 604_800_000_000L), Map.entry("weeks", 604_800_000_000L),
            Map.entry("w", 604_800_000_000L));

    /** {@code [+-]hh:mm[:ss[.fff]]}. */
    private static final Pattern CLOCK = Pattern.compile("([+-]?)(\\d+):(\\d+)(?::(\\d+(?:\\.\\d*)?))?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    private PgIntervals() {}

    /** Whether a token after {@code INTERVAL 'text'} starts a standard interval qualifier. */
    public static boolean isQualifierStart(String image) {
        return image != null && QUALIFIER_WORDS.contains(image.toUpperCase(Locale.ROOT));
    }

    /**
     * The literal for PostgreSQL interval text such as {@code 1 day}, {@code -2 hours 30 mins},
     * {@code 1 year 2 months}, {@code 01:30:00}, {@code 3 days 04:05:06.5}, {@code 1 week ago}.
     *
     * @param sign -1 for {@code INTERVAL - '...'}, otherwise 1
     */
    public static SqlLiteral literal(String text, int sign, SqlParserPos pos) {
        long months = 0;
        BigDecimal micros = BigDecimal.ZERO;
        boolean any = false;
        boolean ago = false;
        final String[] words = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        for (int i = 0; i < words.length; i++) {
            final String word = words[i];
            if (word.isEmpty()) {
                continue;
            }
            if (word.equals("ago") && i == words.length - 1 && any) {
                ago = true;
                continue;
            }
            final Matcher clock = CLOCK.matcher(word);
            if (clock.matches()) {
                BigDecimal value = new BigDecimal(clock.group(2)).multiply(BigDecimal.valueOf(3_600_000_000L))
                        .add(new BigDecimal(clock.group(3)).multiply(BigDecimal.valueOf(60_000_000L)));
                if (clock.group(4) != null) {
                    value = value.add(new BigDecimal(clock.group(4)).multiply(MICROS_PER_SECOND));
                }
                micros = micros.add(clock.group(1).equals("-") ? value.negate() : value);
                any = true;
                continue;
            }
            // a number, with its unit attached ("5min") or as the next word; alone it is seconds
            final Matcher number = NUMBER.matcher(word);
            if (!number.lookingAt()) {
                throw invalid(text, pos);
            }
            final BigDecimal quantity = new BigDecimal(number.group());
            String unit = word.substring(number.end());
            if (unit.isEmpty()) {
                unit = i + 1 < words.length && !words[i + 1].equals("ago") ? words[++i] : "seconds";
            }
            final Long monthFactor = MONTH_UNITS.get(unit);
            final Long microFactor = MICRO_UNITS.get(unit);
            if (monthFactor != null) {
                final BigDecimal m = quantity.multiply(BigDecimal.valueOf(monthFactor));
                if (m.stripTrailingZeros().scale() > 0) {
                    throw new ParseFailure(SqlState.FEATURE_NOT_SUPPORTED,
                            "fractional months are not supported in interval \"" + text + "\"", pos);
                }
                months = Math.addExact(months, m.longValueExact());
            } else if (microFactor != null) {
                micros = micros.add(quantity.multiply(BigDecimal.valueOf(microFactor)));
            } else {
                throw invalid(text, pos);
            }
            any = true;
        }
        if (!any) {
            throw invalid(text, pos);
        }
        if (ago) {
            months = -months;
            micros = micros.negate();
        }
        if (months != 0 && micros.signum() != 0) {
            throw new ParseFailure(SqlState.FEATURE_NOT_SUPPORTED,
                    "interval \"" + text + "\" mixes months with days or time; write it as the sum of two intervals",
                    pos);
        }
        if (months != 0) {
            final int s = sign * Long.signum(months);
            final long abs = Math.abs(months);
            final long years = abs / 12;
            if (abs % 12 == 0) {
                return SqlParserUtil.parseIntervalLiteral(pos, s, Long.toString(years),
                        new SqlIntervalQualifier(TimeUnit.YEAR, precision(years), null, -1, pos));
            }
            if (years == 0) {
                return SqlParserUtil.parseIntervalLiteral(pos, s, Long.toString(abs),
                        new SqlIntervalQualifier(TimeUnit.MONTH, precision(abs), null, -1, pos));
            }
            return SqlParserUtil.parseIntervalLiteral(pos, s, years + "-" + (abs % 12),
                    new SqlIntervalQualifier(TimeUnit.YEAR, precision(years), TimeUnit.MONTH, -1, pos));
        }
        final int s = micros.signum() < 0 ? -sign : sign;
        return dayTimeLiteral(micros.abs().setScale(0, RoundingMode.HALF_EVEN), s, pos);
    }

    /**
     * A day-time literal with the narrowest qualifier that holds the value: 5 minutes is
     * {@code INTERVAL '5' MINUTE}, 90 minutes {@code INTERVAL '1:30' HOUR TO MINUTE}.
     */
    private static SqlLiteral dayTimeLiteral(BigDecimal micros, int sign, SqlParserPos pos) {
        final BigDecimal[] daysAndRest = micros.divideAndRemainder(BigDecimal.valueOf(86_400_000_000L));
        final long rest = daysAndRest[1].longValueExact();
        final String[] fields = {
            daysAndRest[0].toPlainString(),
            Long.toString(rest / 3_600_000_000L),
            Long.toString(rest / 60_000_000L % 60),
            Long.toString(rest / 1_000_000L % 60),
        };
        final long fraction = rest % 1_000_000L;
        if (fraction != 0) {
            fields[3] += "." + String.format(Locale.ROOT, "%06d", fraction).replaceAll("0+$", "");
        }
        final TimeUnit[] units = {TimeUnit.DAY, TimeUnit.HOUR, TimeUnit.MINUTE, TimeUnit.SECOND};
        int first = -1;
        int last = units.length - 1;
        for (int i = 0; i < fields.length; i++) {
            if (!fields[i].equals("0")) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0) {
            first = last; // zero: INTERVAL '0' SECOND
        }
        final StringBuilder value = new StringBuilder(fields[first]);
        for (int i = first + 1; i <= last; i++) {
            value.append(i == 1 ? " " : ":").append(fields[i]);
        }
        final int leadingDigits = fields[first].indexOf('.') >= 0
                ? fields[first].indexOf('.') : fields[first].length();
        final int leadingPrecision = leadingDigits > 2 ? leadingDigits : -1;
        final SqlIntervalQualifier qualifier = first == last
                ? new SqlIntervalQualifier(units[first], leadingPrecision, null, -1, pos)
                : new SqlIntervalQualifier(units[first], leadingPrecision, units[last], -1, pos);
        return SqlParserUtil.parseIntervalLiteral(pos, sign, value.toString(), qualifier);
    }

    /** The leading-field precision a value needs; -1 (the default, 2 digits) when that is enough. */
    private static int precision(long value) {
        final int digits = Long.toString(value).length();
        return digits > 2 ? digits : -1;
    }

    private static ParseFailure invalid(String text, SqlParserPos pos) {
        return new ParseFailure(SqlState.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type interval: \"" + text + "\"", pos);
    }
}
