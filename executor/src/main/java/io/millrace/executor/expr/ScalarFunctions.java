package io.millrace.executor.expr;

import io.millrace.common.MillraceException;
import io.millrace.common.PgText;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.Column;
import io.millrace.executor.batch.ColumnBuilder;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kernels of the strict scalar functions (NULL in, NULL out): numeric, string and date/time
 * functions. Each function body is picked once per call site and then applied to every row.
 */
final class ScalarFunctions {
    private ScalarFunctions() {
    }

    /** A function body applied to one row's non-null argument values. */
    @FunctionalInterface
    interface Body {
        Object apply(Object[] args);
    }

    static Kernel compile(Function fn, List<Kernel> args, List<Expr> argExprs, DataType type, ZoneId zone) {
        DataType argType = argExprs.isEmpty() ? type : argExprs.get(0).type();
        Body body = body(fn, argExprs, argType, type, zone);
        int arity = args.size();
        return in -> {
            int n = in.rowCount();
            Column[] cols = Kernel.evalAll(args, in);
            ColumnBuilder out = new ColumnBuilder(type, n);
            Object[] values = new Object[arity];
            rows:
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < arity; a++) {
                    Object v = cols[a].get(i);
                    if (v == null) {
                        out.appendNull();
                        continue rows;
                    }
                    values[a] = v;
                }
                out.append(body.apply(values));
            }
            return out.build();
        };
    }

    private static Body body(Function fn, List<Expr> argExprs, DataType argType, DataType type, ZoneId zone) {
        TypeKind kind = type.kind();
        return switch (fn) {
            case ABS -> switch (argType.physical()) {
                case LONG -> a -> {
                    long v = (Long) a[0];
                    return v < 0 ? Scalars.negate(v, kind) : v;
                };
                case DOUBLE -> a -> Math.abs((Double) a[0]);
                default -> a -> ((BigDecimal) a[0]).abs();
            };
            case SIGN -> switch (argType.physical()) {
                case LONG -> a -> (long) Long.signum((Long) a[0]);
                case DOUBLE -> a -> Math.signum((Double) a[0]);
                default -> a -> BigDecimal.valueOf(((BigDecimal) a[0]).signum());
            };
            case ROUND -> switch (argType.physical()) {
                case DOUBLE -> a -> Math.rint((Double) a[0]);
                case LONG -> a -> a[0];
                default -> argExprs.size() == 1
                        ? a -> ((BigDecimal) a[0]).setScale(0, RoundingMode.HALF_UP)
                        : a -> roundDecimal((BigDecimal) a[0], (Long) a[1], RoundingMode.HALF_UP);
            };
            case TRUNC -> switch (argType.physical()) {
                case DOUBLE -> a -> {
                    double d = (Double) a[0];
                    return d < 0 ? Math.ceil(d) : Math.floor(d);
                };
                case LONG -> a -> a[0];
                default -> argExprs.size() == 1
                        ? a -> ((BigDecimal) a[0]).setScale(0, RoundingMode.DOWN)
                        : a -> roundDecimal((BigDecimal) a[0], (Long) a[1], RoundingMode.DOWN);
            };
            case FLOOR -> switch (argType.physical()) {
                case DOUBLE -> a -> Math.floor((Double) a[0]);
                case LONG -> a -> a[0];
                default -> a -> ((BigDecimal) a[0]).setScale(0, RoundingMode.FLOOR);
            };
            case CEIL -> switch (argType.physical()) {
                case DOUBLE -> a -> Math.ceil((Double) a[0]);
                case LONG -> a -> a[0];
                default -> a -> ((BigDecimal) a[0]).setScale(0, RoundingMode.CEILING);
            };
            case POWER -> type.physical() == TypeKind.Physical.DECIMAL
                    ? a -> power((BigDecimal) a[0], (BigDecimal) a[1])
                    : a -> power((Double) a[0], (Double) a[1], kind);
            case SQRT -> doubleOrDecimal(type, d -> {
                if (d < 0) {
                    throw new MillraceException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                            "cannot take square root of a negative number");
                }
                return Math.sqrt(d);
            });
            case CBRT -> doubleOrDecimal(type, Math::cbrt);
            case EXP -> doubleOrDecimal(type, d -> Scalars.checkDouble(Math.exp(d), d, 0, TypeKind.DOUBLE));
            case LN -> doubleOrDecimal(type, d -> {
                checkLogArgument(d);
                return Math.log(d);
            });
            case LOG10 -> doubleOrDecimal(type, d -> {
                checkLogArgument(d);
                return Math.log10(d);
            });
            case BIT_AND -> a -> (Long) a[0] & (Long) a[1];
            case SHIFT_LEFT -> switch (type.kind()) {
                case SMALLINT -> a -> (long) (short) ((Long) a[0] << (Long) a[1]);
                case INTEGER -> a -> (long) (((Long) a[0]).intValue() << (Long) a[1]);
                default -> a -> (Long) a[0] << (Long) a[1];
            };
            case JSON_GET, JSON_GET_TEXT, JSON_PATH, JSON_PATH_TEXT, JSON_CONTAINS, JSON_CONTAINED, JSON_CONCAT, JSON_EXISTS,
                    JSON_DELETE, JSON_TYPEOF, JSON_ARRAY_LENGTH, TO_JSON, JSON_SET, JSON_PRETTY, JSON_STRIP_NULLS ->
                    JsonFunctions.body(fn, argExprs, type, zone);
            case ARRAY_CONTAINS, ARRAY_CONTAINED -> {
                java.util.Comparator<Object> cmp = ExprCompiler.valueComparator(argType.element());
                boolean contains = fn == Function.ARRAY_CONTAINS;
                yield a -> containsAll((List<?>) a[contains ? 0 : 1], (List<?>) a[contains ? 1 : 0], cmp);
            }
            case CONCAT -> a -> (String) a[0] + a[1];
            case CONCAT_ALL -> throw new IllegalStateException("concat is not strict");
            case UPPER -> a -> ((String) a[0]).toUpperCase(Locale.ROOT);
            case LOWER -> a -> ((String) a[0]).toLowerCase(Locale.ROOT);
            case CHAR_LENGTH -> a -> {
                String s = (String) a[0];
                if (argType.kind() == TypeKind.CHAR) {
                    s = ExprCompiler.stripTrailingSpaces(s);
                }
                return (long) s.codePointCount(0, s.length());
            };
            case OCTET_LENGTH -> a -> (long) ((String) a[0]).getBytes(StandardCharsets.UTF_8).length;
            case SUBSTRING -> argExprs.size() == 2
                    ? a -> substring((String) a[0], (Long) a[1], null)
                    : a -> substring((String) a[0], (Long) a[1], (Long) a[2]);
            case POSITION -> a -> (long) strpos((String) a[1], (String) a[0]);
            case STRPOS -> a -> (long) strpos((String) a[0], (String) a[1]);
            case REPLACE -> a -> ((String) a[1]).isEmpty() ? a[0]
                    : ((String) a[0]).replace((String) a[1], (String) a[2]);
            case TRIM_BOTH, TRIM_LEADING, TRIM_TRAILING -> argExprs.size() == 1
                    ? a -> trim((String) a[0], " ", fn)
                    : a -> trim((String) a[0], (String) a[1], fn);
            case LEFT -> a -> left((String) a[0], (Long) a[1]);
            case RIGHT -> a -> right((String) a[0], (Long) a[1]);
            case REPEAT -> a -> {
                long times = (Long) a[1];
                return times <= 0 ? "" : ((String) a[0]).repeat((int) times);
            };
            case REVERSE -> a -> new StringBuilder((String) a[0]).reverse().toString();
            case INITCAP -> a -> initcap((String) a[0]);
            case LPAD, RPAD -> argExprs.size() == 2
                    ? a -> pad((String) a[0], (Long) a[1], " ", fn == Function.LPAD)
                    : a -> pad((String) a[0], (Long) a[1], (String) a[2], fn == Function.LPAD);
            case SPLIT_PART -> a -> splitPart((String) a[0], (String) a[1], (Long) a[2]);
            case ASCII -> a -> {
                String s = (String) a[0];
                return s.isEmpty() ? 0L : (long) s.codePointAt(0);
            };
            case CHR -> a -> {
                long c = (Long) a[0];
                if (c <= 0 || c > Character.MAX_CODE_POINT) {
                    throw new MillraceException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested character too large for encoding: " + c);
                }
                return new String(Character.toChars((int) c));
            };
            case MD5 -> a -> md5((String) a[0]);
            case QUOTE_IDENT -> a -> PgText.quoteIdentifier((String) a[0]);
            case QUOTE_LITERAL -> a -> PgText.quoteLiteral((String) a[0]);
            case AT_TIME_ZONE -> argType.kind() == TypeKind.TIMESTAMPTZ
                    ? a -> Temporal.instantToLocal((Long) a[0], Temporal.namedZone((String) a[1]))
                    : a -> Temporal.localToInstant((Long) a[0], Temporal.namedZone((String) a[1]));
            case ENCODE -> a -> encode(java.util.HexFormat.of().parseHex((String) a[0]), (String) a[1]);
            case DECODE -> a -> java.util.HexFormat.of().formatHex(decode((String) a[0], (String) a[1]));
            case PG_SIZE_PRETTY -> a -> sizePretty(a[0] instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) a[0]).longValue()));
            case ARRAY_ELEMENT -> {
                int lower = argType.lowerBound();
                yield a -> {
                    List<?> array = (List<?>) a[0];
                    long i = (Long) a[1] - lower;
                    return i >= 0 && i < array.size() ? array.get((int) i) : null;
                };
            }
            case ARRAY_TO_STRING -> {
                Casts.Converter text = Casts.elementText(argType.element(), zone);
                yield a -> arrayToString((List<?>) a[0], (String) a[1], a.length > 2 ? (String) a[2] : null, text);
            }
            case CARDINALITY -> a -> (long) ((List<?>) a[0]).size();
            // One dimension only: dimension 1 has bounds 1..size; an empty array has none.
            case ARRAY_LENGTH -> a -> (Long) a[1] == 1 && !((List<?>) a[0]).isEmpty()
                    ? (long) ((List<?>) a[0]).size() : null;
            case ARRAY_UPPER -> {
                long lower = argType.lowerBound();
                yield a -> (Long) a[1] == 1 && !((List<?>) a[0]).isEmpty() ? lower + ((List<?>) a[0]).size() - 1 : null;
            }
            case ARRAY_LOWER -> {
                long lower = argType.lowerBound();
                yield a -> (Long) a[1] == 1 && !((List<?>) a[0]).isEmpty() ? lower : null;
            }
            case LIKE, NOT_LIKE, ILIKE, NOT_ILIKE -> like(fn, argExprs);
            case REGEX_MATCH, NOT_REGEX_MATCH, REGEX_IMATCH, NOT_REGEX_IMATCH -> regexMatch(fn);
            case EXTRACT -> a -> extract((String) a[0], (Long) a[1], argExprs.get(1).type().kind(), zone, type);
            case DATE_TRUNC -> a -> dateTrunc((String) a[0], (Long) a[1], argExprs.get(1).type().kind(), zone);
            case ADD_MONTHS -> a -> addMonths((Long) a[0], (Long) a[1], argExprs.get(0).type().kind(), zone);
            case INTERVAL_PLUS, INTERVAL_MINUS, INTERVAL_NEGATE, INTERVAL_TIMES, INTERVAL_DIVIDE, DATETIME_PLUS_INTERVAL,
                    DATETIME_MINUS_INTERVAL, DATETIME_DIFFERENCE, JUSTIFY_HOURS, JUSTIFY_DAYS, JUSTIFY_INTERVAL, AGE,
                    EXTRACT_INTERVAL -> IntervalFunctions.body(fn, argExprs, type, zone);
            default -> throw new MillraceException(SqlState.UNDEFINED_FUNCTION,
                    "function " + fn.displayName() + " is not supported for " + argType);
        };
    }

    private interface DoubleFn {
        double apply(double d);
    }

    /** encode(bytes, format): hex, base64 (lines of 76) or escape (backslashes doubled, zero and high bytes octal). */
    static String encode(byte[] bytes, String format) {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "hex":
                return java.util.HexFormat.of().formatHex(bytes);
            case "base64":
                return java.util.Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(bytes);
            case "escape": {
                StringBuilder sb = new StringBuilder();
                for (byte b : bytes) {
                    int v = b & 0xff;
                    if (v == '\\') {
                        sb.append("\\\\");
                    } else if (v == 0 || v >= 0x80) {
                        sb.append('\\').append(String.format("%03o", v));
                    } else {
                        sb.append((char) v);
                    }
                }
                return sb.toString();
            }
            default:
                throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "unrecognized encoding: \"" + format + "\"");
        }
    }

    /** decode(text, format): the bytes encode(bytes, format) wrote. */
    static byte[] decode(String text, String format) {
        try {
            switch (format.toLowerCase(Locale.ROOT)) {
                case "hex":
                    return java.util.HexFormat.of().parseHex(text.replaceAll("\\s", ""));
                case "base64":
                    return java.util.Base64.getMimeDecoder().decode(text);
                case "escape": {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    for (int i = 0; i < text.length(); i++) {
                        char c = text.charAt(i);
                        if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                            out.write('\\');
                            i++;
                        } else if (c == '\\' && i + 3 < text.length() && text.substring(i + 1, i + 4).matches("[0-3][0-7][0-7]")) {
                            out.write(Integer.parseInt(text.substring(i + 1, i + 4), 8));
                            i += 3;
                        } else if (c == '\\') {
                            throw new MillraceException(SqlState.INVALID_TEXT_REPRESENTATION,
                                    "invalid input syntax for type bytea");
                        } else {
                            byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                            out.write(utf8, 0, utf8.length);
                        }
                    }
                    return out.toByteArray();
                }
                default:
                    throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "unrecognized encoding: \"" + format + "\"");
            }
        } catch (IllegalArgumentException e) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "invalid " + format + " data: " + e.getMessage());
        }
    }

    /**
     * PostgreSQL's pg_size_pretty: bytes below 10 kB; then each unit while the number stays below
     * 20 of it (10 kB-ish), halving with rounding half away from zero at every step of 1024.
     */
    static String sizePretty(BigDecimal bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB"};
        java.math.BigInteger size = bytes.setScale(0, java.math.RoundingMode.DOWN).toBigInteger();
        java.math.BigInteger limit = java.math.BigInteger.valueOf(10 * 1024);
        if (size.abs().compareTo(limit) < 0) {
            return size + " bytes";
        }
        // Keep one extra bit for rounding, as PostgreSQL does.
        size = size.shiftRight(9);
        java.math.BigInteger limit2 = limit.multiply(java.math.BigInteger.TWO).subtract(java.math.BigInteger.ONE);
        int unit = 1;
        while (unit < units.length - 1 && size.abs().compareTo(limit2) >= 0) {
            size = size.shiftRight(10);
            unit++;
        }
        java.math.BigInteger rounded = size.add(size.signum() < 0 ? java.math.BigInteger.ONE.negate()
                : java.math.BigInteger.ONE).divide(java.math.BigInteger.TWO);
        return rounded + " " + units[unit];
    }

    /** Whether every element of {@code wanted} equals one of {@code have}'s (a NULL equals nothing). */
    private static boolean containsAll(List<?> have, List<?> wanted, java.util.Comparator<Object> cmp) {
        for (Object w : wanted) {
            boolean found = false;
            for (Object h : have) {
                if (w != null && h != null && cmp.compare(w, h) == 0) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static Body doubleOrDecimal(DataType type, DoubleFn f) {
        if (type.physical() == TypeKind.Physical.DECIMAL) {
            return a -> Scalars.doubleToDecimal(f.apply(((BigDecimal) a[0]).doubleValue()), TypeKind.DOUBLE);
        }
        return a -> f.apply((Double) a[0]);
    }

    private static void checkLogArgument(double d) {
        if (d == 0) {
            throw new MillraceException(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM, "cannot take logarithm of zero");
        }
        if (d < 0) {
            throw new MillraceException(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM,
                    "cannot take logarithm of a negative number");
        }
    }

    private static BigDecimal roundDecimal(BigDecimal v, long scale, RoundingMode mode) {
        BigDecimal r = v.setScale((int) scale, mode);
        return r.scale() < 0 ? r.setScale(0) : r;
    }

    private static double power(double x, double y, TypeKind kind) {
        if (x == 0 && y < 0) {
            throw new MillraceException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "zero raised to a negative power is undefined");
        }
        if (x < 0 && Math.floor(y) != y) {
            throw new MillraceException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        return Scalars.checkDouble(Math.pow(x, y), x, y, kind);
    }

    private static BigDecimal power(BigDecimal x, BigDecimal y) {
        if (x.signum() == 0 && y.signum() < 0) {
            throw new MillraceException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "zero raised to a negative power is undefined");
        }
        BigDecimal yi = y.stripTrailingZeros();
        if (yi.scale() <= 0 && yi.abs().compareTo(BigDecimal.valueOf(1000)) <= 0) {
            int e = yi.intValueExact();
            if (e >= 0) {
                return x.pow(e);
            }
            return Scalars.divide(BigDecimal.ONE, x.pow(-e));
        }
        return Scalars.doubleToDecimal(power(x.doubleValue(), y.doubleValue(), TypeKind.DOUBLE), TypeKind.DOUBLE);
    }

    private static String substring(String s, long start, Long length) {
        int cps = s.codePointCount(0, s.length());
        long from = start;
        long to;
        if (length == null) {
            to = Long.MAX_VALUE;
        } else {
            if (length < 0) {
                throw new MillraceException(SqlState.DATA_EXCEPTION, "negative substring length not allowed");
            }
            to = start + length;
        }
        long begin = Math.max(from, 1);
        long end = Math.min(to, (long) cps + 1);
        if (end <= begin) {
            return "";
        }
        int b = s.offsetByCodePoints(0, (int) begin - 1);
        int e = s.offsetByCodePoints(0, (int) end - 1);
        return s.substring(b, e);
    }

    private static int strpos(String s, String sub) {
        int idx = s.indexOf(sub);
        return idx < 0 ? 0 : s.codePointCount(0, idx) + 1;
    }

    private static String trim(String s, String chars, Function fn) {
        int start = 0;
        int end = s.length();
        if (fn != Function.TRIM_TRAILING) {
            while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
                start++;
            }
        }
        if (fn != Function.TRIM_LEADING) {
            while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
                end--;
            }
        }
        return s.substring(start, end);
    }

    private static String left(String s, long n) {
        int cps = s.codePointCount(0, s.length());
        long keep = n >= 0 ? Math.min(n, cps) : Math.max(0, cps + n);
        return s.substring(0, s.offsetByCodePoints(0, (int) keep));
    }

    private static String right(String s, long n) {
        int cps = s.codePointCount(0, s.length());
        long keep = n >= 0 ? Math.min(n, cps) : Math.max(0, cps + n);
        return s.substring(s.offsetByCodePoints(0, (int) (cps - keep)));
    }

    private static String initcap(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean startOfWord = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(startOfWord ? Character.toUpperCase(c) : Character.toLowerCase(c));
                startOfWord = false;
            } else {
                sb.append(c);
                startOfWord = true;
            }
        }
        return sb.toString();
    }

    private static String pad(String s, long length, String fill, boolean leftSide) {
        int cps = s.codePointCount(0, s.length());
        if (length <= 0) {
            return "";
        }
        if (cps >= length) {
            return s.substring(0, s.offsetByCodePoints(0, (int) length));
        }
        if (fill.isEmpty()) {
            return s;
        }
        StringBuilder padding = new StringBuilder();
        int need = (int) length - cps;
        while (padding.codePointCount(0, padding.length()) < need) {
            padding.append(fill);
        }
        String p = padding.substring(0, padding.offsetByCodePoints(0, need));
        return leftSide ? p + s : s + p;
    }

    private static String splitPart(String s, String delimiter, long field) {
        if (field == 0) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
        }
        if (delimiter.isEmpty()) {
            return field == 1 || field == -1 ? s : "";
        }
        List<String> parts = new java.util.ArrayList<>();
        int from = 0;
        while (true) {
            int idx = s.indexOf(delimiter, from);
            if (idx < 0) {
                parts.add(s.substring(from));
                break;
            }
            parts.add(s.substring(from, idx));
            from = idx + delimiter.length();
        }
        long i = field > 0 ? field - 1 : parts.size() + field;
        return i >= 0 && i < parts.size() ? parts.get((int) i) : "";
    }

    private static String md5(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- LIKE --------------------------------------------------------------------------------

    private static Body like(Function fn, List<Expr> argExprs) {
        boolean negate = fn == Function.NOT_LIKE || fn == Function.NOT_ILIKE;
        boolean ignoreCase = fn == Function.ILIKE || fn == Function.NOT_ILIKE;
        boolean hasEscape = argExprs.size() > 2;
        Map<String, Pattern> cache = patternCache();
        return a -> {
            String pattern = (String) a[1];
            String escape = hasEscape ? (String) a[2] : "\\";
            Pattern p = cache.computeIfAbsent(escape + '\u0000' + pattern, k -> likePattern(pattern, escape, ignoreCase));
            return p.matcher((String) a[0]).matches() != negate;
        };
    }

    /** Compiled patterns by their text: a pattern usually is a constant, or one of a few. */
    private static Map<String, Pattern> patternCache() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
                return size() > 256;
            }
        };
    }

    /** {@code ~}, {@code ~*} and their negations: the pattern may match anywhere in the text. */
    private static Body regexMatch(Function fn) {
        boolean negate = fn == Function.NOT_REGEX_MATCH || fn == Function.NOT_REGEX_IMATCH;
        int flags = fn == Function.REGEX_IMATCH || fn == Function.NOT_REGEX_IMATCH
                ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        Map<String, Pattern> cache = patternCache();
        return a -> {
            String pattern = (String) a[1];
            Pattern p = cache.computeIfAbsent(pattern, k -> {
                try {
                    return Pattern.compile(k, flags);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new MillraceException(SqlState.INVALID_REGULAR_EXPRESSION,
                            "invalid regular expression: " + e.getDescription());
                }
            });
            return p.matcher((String) a[0]).find() != negate;
        };
    }

    static Pattern likePattern(String pattern, String escape, boolean ignoreCase) {
        if (escape.length() > 1) {
            throw new MillraceException(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string",
                    0, null, "Escape string must be empty or one character.", null);
        }
        char esc = escape.isEmpty() ? 0 : escape.charAt(0);
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (esc != 0 && c == esc) {
                if (i + 1 >= pattern.length()) {
                    throw new MillraceException(SqlState.INVALID_ESCAPE_SEQUENCE,
                            "LIKE pattern must not end with escape character");
                }
                literal.append(pattern.charAt(++i));
            } else if (c == '%' || c == '_') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(re.toString(), flags);
    }

    // ---- dates and times ---------------------------------------------------------------------

    static LocalDateTime local(long v, TypeKind kind, ZoneId zone) {
        return switch (kind) {
            case DATE -> Temporal.toDate(v).atStartOfDay();
            case TIME -> Temporal.toTimestamp(v);
            case TIMESTAMPTZ -> Temporal.toTimestamp(Temporal.instantToLocal(v, zone));
            default -> Temporal.toTimestamp(v);
        };
    }

    private static Object extract(String field, long v, TypeKind sourceKind, ZoneId zone, DataType resultType) {
        LocalDateTime t = local(v, sourceKind, zone);
        BigDecimal r;
        String f = field.toLowerCase(Locale.ROOT);
        switch (f) {
            case "year" -> r = BigDecimal.valueOf(t.getYear());
            case "month" -> r = BigDecimal.valueOf(t.getMonthValue());
            case "day" -> r = BigDecimal.valueOf(t.getDayOfMonth());
            case "hour" -> r = BigDecimal.valueOf(t.getHour());
            case "minute" -> r = BigDecimal.valueOf(t.getMinute());
            case "second" -> r = BigDecimal.valueOf(t.getSecond() * 1_000_000L + t.getNano() / 1000, 6);
            case "millisecond", "milliseconds" -> r = BigDecimal.valueOf(t.getSecond() * 1_000_000L + t.getNano() / 1000, 3);
            case "microsecond", "microseconds" -> r = BigDecimal.valueOf(t.getSecond() * 1_000_000L + t.getNano() / 1000);
            case "quarter" -> r = BigDecimal.valueOf((t.getMonthValue() - 1) / 3 + 1);
            case "week" -> r = BigDecimal.valueOf(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "isoyear" -> r = BigDecimal.valueOf(t.get(IsoFields.WEEK_BASED_YEAR));
            case "dow" -> r = BigDecimal.valueOf(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
            case "isodow" -> r = BigDecimal.valueOf(t.getDayOfWeek().getValue());
            case "doy" -> r = BigDecimal.valueOf(t.getDayOfYear());
            case "decade" -> r = BigDecimal.valueOf(Math.floorDiv(t.getYear(), 10));
            case "century" -> r = BigDecimal.valueOf(t.getYear() > 0 ? (t.getYear() + 99) / 100 : -((99 - t.getYear()) / 100));
            case "millennium" -> r = BigDecimal.valueOf(t.getYear() > 0 ? (t.getYear() + 999) / 1000 : -((999 - t.getYear()) / 1000));
            // A date's epoch is whole seconds; a time's or timestamp's keeps six places, as in PostgreSQL.
            case "epoch" -> r = sourceKind == TypeKind.DATE ? BigDecimal.valueOf(v * 86_400L) : BigDecimal.valueOf(v, 6);
            default -> throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE,
                    "unit \"" + field + "\" not supported for type " + sourceKind.sqlName());
        }
        return switch (resultType.physical()) {
            case LONG -> r.longValue();
            case DOUBLE -> r.doubleValue();
            default -> r;
        };
    }

    private static String arrayToString(List<?> array, String separator, String nullString, Casts.Converter text) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object e : array) {
            if (e == null && nullString == null) {
                continue;
            }
            if (!first) {
                sb.append(separator);
            }
            first = false;
            sb.append(e == null ? nullString : text.convert(e).toString());
        }
        return sb.toString();
    }

    private static Object addMonths(long v, long months, TypeKind kind, ZoneId zone) {
        LocalDateTime t = local(v, kind, zone).plusMonths(months);
        long local = Temporal.fromTimestamp(t);
        return kind == TypeKind.TIMESTAMPTZ ? Temporal.localToInstant(local, zone) : local;
    }

    private static Object dateTrunc(String field, long v, TypeKind sourceKind, ZoneId zone) {
        LocalDateTime t = local(v, sourceKind, zone);
        LocalDateTime r = switch (field.toLowerCase(Locale.ROOT)) {
            case "microseconds", "microsecond" -> t;
            case "milliseconds", "millisecond" -> t.truncatedTo(ChronoUnit.MILLIS);
            case "second" -> t.truncatedTo(ChronoUnit.SECONDS);
            case "minute" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
            case "day" -> t.truncatedTo(ChronoUnit.DAYS);
            case "week" -> t.truncatedTo(ChronoUnit.DAYS).minusDays(t.getDayOfWeek().getValue() - 1L);
            case "month" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case "quarter" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
                    .withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
            case "year" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            case "decade" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).withYear(Math.floorDiv(t.getYear(), 10) * 10);
            default -> throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE,
                    "unit \"" + field + "\" not recognized for type " + sourceKind.sqlName());
        };
        long local = Temporal.fromTimestamp(r);
        return sourceKind == TypeKind.TIMESTAMPTZ ? Temporal.localToInstant(local, zone) : local;
    }
}
