package io.millrace.executor.expr;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.type.TypeKind;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/** Text to value, accepting what PostgreSQL's input functions accept for these types. */
public final class TextParse {
    private TextParse() {
    }

    static MillraceException invalid(String typeName, String text) {
        return new MillraceException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    public static long parseInteger(String text, TypeKind kind) {
        String s = text.strip();
        String name = kind == TypeKind.SMALLINT ? "smallint" : kind == TypeKind.INTEGER ? "integer" : "bigint";
        if (s.isEmpty()) {
            throw invalid(name, text);
        }
        int i = 0;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            i = 1;
        }
        if (i == s.length()) {
            throw invalid(name, text);
        }
        for (int j = i; j < s.length(); j++) {
            if (!Character.isDigit(s.charAt(j)) || s.charAt(j) > '9') {
                throw invalid(name, text);
            }
        }
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new MillraceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value \"" + text + "\" is out of range for type " + name);
        }
        if ((kind == TypeKind.SMALLINT && (v < Short.MIN_VALUE || v > Short.MAX_VALUE))
                || (kind == TypeKind.INTEGER && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE))) {
            throw new MillraceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value \"" + text + "\" is out of range for type " + name);
        }
        return v;
    }

    public static BigDecimal parseNumeric(String text) {
        String s = text.strip();
        if (s.equalsIgnoreCase("nan") || s.toLowerCase(Locale.ROOT).contains("inf")) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "numeric \"" + s + "\" is not supported yet");
        }
        try {
            BigDecimal d = new BigDecimal(s);
            return d.scale() < 0 ? d.setScale(0) : d;
        } catch (NumberFormatException e) {
            throw invalid("numeric", text);
        }
    }

    public static double parseDouble(String text, TypeKind kind) {
        String s = text.strip();
        String name = kind == TypeKind.REAL ? "real" : "double precision";
        String lower = s.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "nan":
                return Double.NaN;
            case "infinity", "+infinity", "inf", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-infinity", "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (s.isEmpty() || !s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw invalid(name, text);
        }
        double d = Double.parseDouble(s);
        if (kind == TypeKind.REAL) {
            float f = (float) d;
            if (Float.isInfinite(f)) {
                throw new MillraceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                        "\"" + s + "\" is out of range for type real");
            }
            return f;
        }
        if (Double.isInfinite(d)) {
            throw new MillraceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + s + "\" is out of range for type double precision");
        }
        return d;
    }

    public static boolean parseBoolean(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        switch (s) {
            case "t", "true", "tr", "tru", "y", "yes", "ye", "on", "1":
                return true;
            case "f", "false", "fa", "fal", "fals", "n", "no", "off", "of", "0":
                return false;
            default:
                throw invalid("boolean", text);
        }
    }

    public static long parseDate(String text) {
        String s = text.strip();
        try {
            if (s.length() > 10 && (s.charAt(10) == ' ' || s.charAt(10) == 'T')) {
                s = s.substring(0, 10);
            }
            return Temporal.fromDate(LocalDate.parse(s));
        } catch (DateTimeException e) {
            throw invalid("date", text);
        }
    }

    public static long parseTime(String text) {
        String s = text.strip();
        try {
            return Temporal.fromTime(LocalTime.parse(s));
        } catch (DateTimeException e) {
            throw invalid("time without time zone", text);
        }
    }

    public static long parseTimestamp(String text) {
        String s = text.strip();
        try {
            return Temporal.fromTimestamp(parseLocalDateTime(stripOffset(s)[0]));
        } catch (DateTimeException e) {
            throw invalid("timestamp without time zone", text);
        }
    }

    /** A timestamptz: with an explicit offset or zone, else in the session's {@code zone}. */
    public static long parseTimestamptz(String text, ZoneId zone) {
        String s = text.strip();
        try {
            String[] parts = stripOffset(s);
            LocalDateTime local = parseLocalDateTime(parts[0]);
            ZoneId z = parts[1] == null ? zone : parseZone(parts[1]);
            return Temporal.fromInstant(local.atZone(z).toInstant());
        } catch (DateTimeException e) {
            throw invalid("timestamp with time zone", text);
        }
    }

    private static LocalDateTime parseLocalDateTime(String s) {
        if (s.length() <= 10) {
            return LocalDate.parse(s).atStartOfDay();
        }
        char sep = s.charAt(10);
        if (sep != ' ' && sep != 'T') {
            throw new DateTimeException("bad separator");
        }
        return LocalDateTime.of(LocalDate.parse(s.substring(0, 10)), LocalTime.parse(s.substring(11).strip()));
    }

    /** Splits "2024-01-01 10:00:00+02" into the local part and the offset text (or null). */
    private static String[] stripOffset(String s) {
        if (s.endsWith("Z") || s.endsWith("z")) {
            return new String[] {s.substring(0, s.length() - 1).strip(), "Z"};
        }
        if (s.length() > 10) {
            for (int i = s.length() - 1; i > 10; i--) {
                char c = s.charAt(i);
                if (c == '+' || c == '-') {
                    return new String[] {s.substring(0, i).strip(), s.substring(i)};
                }
                if (Character.isLetter(c) && i > 11 && s.charAt(i - 1) == ' ') {
                    return new String[] {s.substring(0, i).strip(), s.substring(i)};
                }
            }
        }
        return new String[] {s, null};
    }

    private static ZoneId parseZone(String z) {
        if (z.equals("Z")) {
            return ZoneOffset.UTC;
        }
        if (z.charAt(0) == '+' || z.charAt(0) == '-') {
            String digits = z.substring(1).replace(":", "");
            int h;
            int m = 0;
            if (digits.length() <= 2) {
                h = Integer.parseInt(digits);
            } else {
                h = Integer.parseInt(digits.substring(0, digits.length() - 2));
                m = Integer.parseInt(digits.substring(digits.length() - 2));
            }
            int total = h * 3600 + m * 60;
            return ZoneOffset.ofTotalSeconds(z.charAt(0) == '-' ? -total : total);
        }
        return ZoneId.of(z.equalsIgnoreCase("utc") ? "UTC" : z);
    }
}
