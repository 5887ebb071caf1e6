package io.millrace.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Values written as PostgreSQL 15 writes them in text form (DateStyle ISO, extra_float_digits 1).
 * Shared by the executor (casts to text) and pgwire (text result format) so both agree.
 */
public final class PgText {
    private PgText() {
    }

    /** float8 output: shortest exact digits, exponent form outside 1e-4 .. 1e15. */
    public static String formatDouble(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        return shortest(shortestDigits(v), 15);
    }

    /**
     * Java's Double.toString, made shortest: before JDK 19 it sometimes prints more digits than
     * needed to round-trip (1e23 as 9.999999999999999E22), so long results are shortened here.
     */
    private static String shortestDigits(double v) {
        String repr = Double.toString(v);
        if (significantDigits(repr) < 16 && Math.abs(v) >= Double.MIN_NORMAL) {
            return repr;
        }
        java.math.BigDecimal exact = new java.math.BigDecimal(v);
        for (int n = 1; n <= 17; n++) {
            java.math.BigDecimal r = exact.round(new java.math.MathContext(n, java.math.RoundingMode.HALF_EVEN));
            if (r.doubleValue() == v) {
                return r.toString().replace("E+", "E");
            }
        }
        return repr;
    }

    private static String shortestDigits(float v) {
        String repr = Float.toString(v);
        if (significantDigits(repr) < 8 && Math.abs(v) >= Float.MIN_NORMAL) {
            return repr;
        }
        java.math.BigDecimal exact = new java.math.BigDecimal(v);
        for (int n = 1; n <= 9; n++) {
            java.math.BigDecimal r = exact.round(new java.math.MathContext(n, java.math.RoundingMode.HALF_EVEN));
            if (r.floatValue() == v && strictlyNearest(r, new java.math.BigDecimal(Math.nextDown(v)), exact,
                    new java.math.BigDecimal(Math.nextUp(v)))) {
                return r.toString().replace("E+", "E");
            }
        }
        return repr;
    }

    /**
     * Whether {@code r} lies strictly between the midpoints to {@code v}'s neighbours. PostgreSQL's
     * shortest float4 output does not accept a candidate exactly halfway to a neighbour, even
     * though reading it back would round to {@code v} (its float8 output does).
     */
    private static boolean strictlyNearest(java.math.BigDecimal r, java.math.BigDecimal below,
            java.math.BigDecimal v, java.math.BigDecimal above) {
        java.math.BigDecimal two = java.math.BigDecimal.valueOf(2);
        java.math.BigDecimal low = below.add(v).divide(two);
        java.math.BigDecimal high = v.add(above).divide(two);
        return r.compareTo(low) > 0 && r.compareTo(high) < 0;
    }

    private static int significantDigits(String repr) {
        int e = repr.indexOf('E');
        String m = e < 0 ? repr : repr.substring(0, e);
        String digits = m.replace("-", "").replace(".", "").replaceFirst("^0+", "");
        digits = digits.replaceFirst("0+$", "");
        return digits.length();
    }

    /** float4 output: shortest exact digits, exponent form outside 1e-4 .. 1e6. */
    public static String formatFloat(float v) {
        if (Float.isNaN(v)) {
            return "NaN";
        }
        if (Float.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        return shortest(shortestDigits(v), 6);
    }

    /** Reformats Java's shortest repr ("1.25E-5", "123.5") the way PostgreSQL prints it. */
    private static String shortest(String java, int fixedLimit) {
        boolean neg = java.startsWith("-");
        String s = neg ? java.substring(1) : java;
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int exp10 = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String intPart = dot < 0 ? mantissa : mantissa.substring(0, dot);
        String fracPart = dot < 0 ? "" : mantissa.substring(dot + 1);
        String digits = intPart + fracPart;
        int pointPos = intPart.length() + exp10; // digits before the decimal point
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
            pointPos--;
        }
        digits = digits.substring(lead);
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        int exp = pointPos - 1; // exponent of the first significant digit
        StringBuilder out = new StringBuilder();
        if (neg) {
            out.append('-');
        }
        if (exp >= -4 && exp < fixedLimit) {
            if (pointPos <= 0) {
                out.append("0.");
                out.append("0".repeat(-pointPos));
                out.append(digits);
            } else if (pointPos >= digits.length()) {
                out.append(digits);
                out.append("0".repeat(pointPos - digits.length()));
            } else {
                out.append(digits, 0, pointPos).append('.').append(digits, pointPos, digits.length());
            }
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                out.append('0');
            }
            out.append(a);
        }
        return out.toString();
    }

    public static String formatDate(LocalDate d) {
        int y = d.getYear();
        if (y <= 0) {
            return String.format("%04d-%02d-%02d BC", 1 - y, d.getMonthValue(), d.getDayOfMonth());
        }
        return String.format("%04d-%02d-%02d", y, d.getMonthValue(), d.getDayOfMonth());
    }

    public static String formatTime(LocalTime t) {
        StringBuilder sb = new StringBuilder(15);
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond());
        fraction(sb, t.getNano() / 1000);
        return sb.toString();
    }

    public static String formatTimestamp(LocalDateTime ts) {
        int y = ts.getYear();
        boolean bc = y <= 0;
        StringBuilder sb = new StringBuilder(26);
        sb.append(String.format("%04d", bc ? 1 - y : y)).append('-');
        two(sb, ts.getMonthValue()).append('-');
        two(sb, ts.getDayOfMonth()).append(' ');
        sb.append(formatTime(ts.toLocalTime()));
        if (bc) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    /** timestamptz in {@code zone}, with the offset as PostgreSQL prints it: +00, +05:30, -03:00:15. */
    public static String formatTimestamptz(Instant instant, ZoneId zone) {
        ZoneOffset offset = zone.getRules().getOffset(instant);
        LocalDateTime local = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
        String base = formatTimestamp(local);
        String suffix = "";
        if (base.endsWith(" BC")) {
            base = base.substring(0, base.length() - 3);
            suffix = " BC";
        }
        return base + formatOffset(offset) + suffix;
    }

    public static String formatOffset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        StringBuilder sb = new StringBuilder(9);
        sb.append(total < 0 ? '-' : '+');
        total = Math.abs(total);
        two(sb, total / 3600);
        int minutes = (total / 60) % 60;
        int seconds = total % 60;
        if (minutes != 0 || seconds != 0) {
            sb.append(':');
            two(sb, minutes);
        }
        if (seconds != 0) {
            sb.append(':');
            two(sb, seconds);
        }
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    private static void fraction(StringBuilder sb, int micros) {
        if (micros == 0) {
            return;
        }
        String f = String.format("%06d", micros);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        sb.append('.').append(f, 0, end);
    }

    /** Keywords quote_ident quotes: PostgreSQL's reserved, type/function-name and column-name ones. */
    private static final java.util.Set<String> QUOTED_KEYWORDS = java.util.Set.of(("all analyse analyze and any "
            + "array as asc asymmetric both case cast check collate column constraint create current_catalog "
            + "current_date current_role current_time current_timestamp current_user default deferrable desc "
            + "distinct do else end except false fetch for foreign from grant group having in initially intersect "
            + "into lateral leading limit localtime localtimestamp not null offset on only or order placing primary "
            + "references returning select session_user some symmetric table then to trailing true union unique "
            + "user using variadic when where window with authorization binary collation concurrently cross "
            + "current_schema freeze full ilike inner is isnull join left like natural notnull outer overlaps right "
            + "similar tablesample verbose between bigint bit boolean char character coalesce dec decimal exists "
            + "extract float greatest grouping inout int integer interval least national nchar none normalize "
            + "nullif numeric out overlay position precision real row setof smallint substring time timestamp "
            + "treat trim values varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces "
            + "xmlparse xmlpi xmlroot xmlserialize xmltable").split(" "));

    /** PostgreSQL's quote_ident: double-quoted unless a plain lower-case name that is no keyword. */
    public static String quoteIdentifier(String name) {
        boolean plain = !name.isEmpty() && (name.charAt(0) == '_' || name.charAt(0) >= 'a' && name.charAt(0) <= 'z');
        for (int i = 0; plain && i < name.length(); i++) {
            char c = name.charAt(i);
            plain = c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
        }
        if (plain && !QUOTED_KEYWORDS.contains(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** PostgreSQL's quote_literal: single-quoted, quotes doubled; with a backslash, as an E'' string. */
    public static String quoteLiteral(String value) {
        String quoted = "'" + value.replace("'", "''").replace("\\", "\\\\") + "'";
        return value.indexOf('\\') >= 0 ? "E" + quoted : quoted;
    }

    /**
     * PostgreSQL's uuid input: 32 hex digits, optionally in braces, with a hyphen allowed after any
     * group of four; the canonical lower-case 8-4-4-4-12 form, or 22P02.
     */
    public static String canonicalUuid(String text) {
        String t = text.strip();
        if (t.length() >= 2 && t.charAt(0) == '{' && t.charAt(t.length() - 1) == '}') {
            t = t.substring(1, t.length() - 1);
        }
        StringBuilder hex = new StringBuilder(32);
        for (int i = 0; i < t.length(); i++) {
            char c = Character.toLowerCase(t.charAt(i));
            if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
                hex.append(c);
            } else if (!(c == '-' && hex.length() % 4 == 0 && hex.length() > 0 && i + 1 < t.length()
                    && t.charAt(i + 1) != '-')) {
                hex.setLength(0);
                break;
            }
        }
        if (hex.length() != 32) {
            throw new MillraceException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type uuid: \"" + text + "\"");
        }
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** bytea's output form: {@code \x} and two lower-case hex digits per byte. */
    public static String formatBytea(byte[] bytes) {
        return "\\x" + java.util.HexFormat.of().formatHex(bytes);
    }

    /**
     * bytea's input: {@code \x} then hex digit pairs (spaces between pairs allowed), or the escape
     * form, where {@code \\} is a backslash and {@code \nnn} an octal byte; 22P02 otherwise.
     */
    public static byte[] parseBytea(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        if (text.startsWith("\\x")) {
            int digit = -1;
            for (int i = 2; i < text.length(); i++) {
                char c = text.charAt(i);
                if (digit < 0 && Character.isWhitespace(c)) {
                    continue;
                }
                int v = Character.digit(c, 16);
                if (v < 0) {
                    throw new MillraceException(SqlState.INVALID_TEXT_REPRESENTATION,
                            "invalid hexadecimal digit: \"" + c + "\"");
                }
                if (digit < 0) {
                    digit = v;
                } else {
                    out.write(digit * 16 + v);
                    digit = -1;
                }
            }
            if (digit >= 0) {
                throw new MillraceException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid hexadecimal data: odd number of digits");
            }
            return out.toByteArray();
        }
        byte[] raw = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '\\') {
                out.write(raw[i]);
            } else if (i + 1 < raw.length && raw[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (i + 3 < raw.length && isOctal(raw[i + 1]) && raw[i + 1] <= '3' && isOctal(raw[i + 2])
                    && isOctal(raw[i + 3])) {
                out.write((raw[i + 1] - '0') * 64 + (raw[i + 2] - '0') * 8 + (raw[i + 3] - '0'));
                i += 3;
            } else {
                throw new MillraceException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
            }
        }
        return out.toByteArray();
    }

    private static boolean isOctal(byte b) {
        return b >= '0' && b <= '7';
    }
}
