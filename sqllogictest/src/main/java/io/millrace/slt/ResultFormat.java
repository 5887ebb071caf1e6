package io.millrace.slt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sqllogictest result conventions: how a value is rendered for its column type, how results
 * are sorted, and when and how they are hashed.
 *
 * <ul>
 *   <li>A NULL of any type is {@code NULL}.
 *   <li>{@code I}: the value as a 64-bit integer. A non-integer value is truncated toward zero; text
 *       that is not a number gives its leading numeric prefix, or 0 (SQLite's conversion).
 *       Booleans are 1 and 0.
 *   <li>{@code R}: the value as a double, printed with three decimals ({@code %.3f}), rounded half
 *       away from zero on the exact binary value; a negative value that rounds to zero keeps its
 *       sign ({@code -0.000}), as SQLite's printf does.
 *   <li>{@code T}: the server's text; the empty string is {@code (empty)}; every byte of the UTF-8
 *       form outside {@code ' '..'~'} becomes {@code @}.
 *   <li>{@code rowsort} sorts rows by comparing their values column by column as strings,
 *       {@code valuesort} sorts all values; both on the rendered strings.
 *   <li>When hash-threshold {@code N > 0} (8 unless the script says otherwise) and a result has more than N values, the result is the
 *       single line {@code <count> values hashing to <md5>}, the MD5 of every value followed by
 *       {@code "\n"}, in lower-case hex.
 * </ul>
 */
public final class ResultFormat {
    /**
     * The threshold in force until a script sets one: the reference runner's default. Corpus files
     * without a {@code hash-threshold} record list at most 8 values and hash anything longer.
     */
    public static final int DEFAULT_HASH_THRESHOLD = 8;

    private static final Pattern HASH_LINE = Pattern.compile("(\\d+) values hashing to ([0-9a-f]{32})");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern LEADING_INTEGER = Pattern.compile("^\\s*([+-]?\\d+)");
    private static final Pattern LEADING_REAL =
            Pattern.compile("^\\s*([+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");

    private ResultFormat() {}

    /**
     * Reads every row of {@code rs} as rendered values, row after row.
     *
     * @throws ResultShapeException when the result's column count differs from the type string
     */
    public static List<String> read(ResultSet rs, String types) throws SQLException, ResultShapeException {
        ResultSetMetaData md = rs.getMetaData();
        int columns = md.getColumnCount();
        if (columns != types.length()) {
            throw new ResultShapeException(
                    "wrong number of result columns: expected " + types.length() + " but got " + columns);
        }
        boolean[] bool = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            int t = md.getColumnType(c + 1);
            bool[c] = t == Types.BOOLEAN || t == Types.BIT && "bool".equalsIgnoreCase(md.getColumnTypeName(c + 1));
        }
        List<String> values = new ArrayList<>();
        while (rs.next()) {
            for (int c = 0; c < columns; c++) {
                values.add(format(types.charAt(c), rs.getString(c + 1), bool[c]));
            }
        }
        return values;
    }

    /** Renders one value (as the server sent it in text form) for column type {@code type}. */
    public static String format(char type, String text, boolean isBoolean) {
        if (text == null) {
            return "NULL";
        }
        if (isBoolean && type != 'T') {
            boolean b = text.equals("t") || text.equalsIgnoreCase("true");
            return type == 'I' ? (b ? "1" : "0") : (b ? "1.000" : "0.000");
        }
        return switch (type) {
            case 'I' -> formatInteger(text);
            case 'R' -> formatReal(text);
            case 'T' -> formatText(text);
            default -> throw new IllegalArgumentException("unknown column type " + type);
        };
    }

    static String formatInteger(String text) {
        String s = text.strip();
        if (INTEGER.matcher(s).matches()) {
            return new BigInteger(s).toString();
        }
        try {
            return new BigDecimal(s).setScale(0, RoundingMode.DOWN).toBigInteger().toString();
        } catch (NumberFormatException e) {
            // not a finite number: fall through
        }
        switch (s) {
            case "NaN":
                return "0";
            case "Infinity":
                return Long.toString(Long.MAX_VALUE);
            case "-Infinity":
                return Long.toString(Long.MIN_VALUE);
            default:
                break;
        }
        Matcher m = LEADING_REAL.matcher(s);
        if (m.find()) {
            return new BigDecimal(m.group(1)).setScale(0, RoundingMode.DOWN).toBigInteger().toString();
        }
        m = LEADING_INTEGER.matcher(s);
        return m.find() ? new BigInteger(m.group(1)).toString() : "0";
    }

    static String formatReal(String text) {
        String s = text.strip();
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            Matcher m = LEADING_REAL.matcher(s);
            d = m.find() ? Double.parseDouble(m.group(1)) : 0.0;
        }
        return formatDouble(d);
    }

    /** {@code %.3f} of a double, with the conventions described on the class. */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Inf" : "-Inf";
        }
        BigDecimal rounded = new BigDecimal(d).setScale(3, RoundingMode.HALF_UP);
        String out = rounded.toPlainString();
        if (d < 0 && rounded.signum() == 0) {
            out = "-" + out;
        }
        return out;
    }

    static String formatText(String text) {
        if (text.isEmpty()) {
            return "(empty)";
        }
        boolean printable = true;
        for (int i = 0; i < text.length() && printable; i++) {
            char c = text.charAt(i);
            printable = c >= ' ' && c <= '~';
        }
        if (printable) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            sb.append(b >= ' ' && b <= '~' ? (char) b : '@');
        }
        return sb.toString();
    }

    /** Returns the values sorted as {@code mode} asks; rows have {@code columns} values each. */
    public static List<String> sort(List<String> values, SortMode mode, int columns) {
        switch (mode) {
            case NOSORT:
                return values;
            case VALUESORT: {
                List<String> sorted = new ArrayList<>(values);
                sorted.sort(Comparator.naturalOrder());
                return sorted;
            }
            case ROWSORT: {
                if (columns <= 0 || values.size() % columns != 0) {
                    List<String> sorted = new ArrayList<>(values);
                    sorted.sort(Comparator.naturalOrder());
                    return sorted;
                }
                List<String[]> rows = new ArrayList<>();
                for (int i = 0; i < values.size(); i += columns) {
                    rows.add(values.subList(i, i + columns).toArray(new String[0]));
                }
                rows.sort(ResultFormat::compareRows);
                List<String> sorted = new ArrayList<>(values.size());
                for (String[] row : rows) {
                    sorted.addAll(Arrays.asList(row));
                }
                return sorted;
            }
            default:
                throw new AssertionError(mode);
        }
    }

    private static int compareRows(String[] a, String[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The MD5 of every value followed by a newline, in lower-case hex. */
    public static String md5(List<String> values) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
        for (String v : values) {
            md.update(v.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The lines a result is compared as: the values, or the hash line above the threshold. */
    public static List<String> render(List<String> values, int hashThreshold) {
        if (hashThreshold > 0 && values.size() > hashThreshold) {
            return List.of(hashLine(values));
        }
        return values;
    }

    public static String hashLine(List<String> values) {
        return values.size() + " values hashing to " + md5(values);
    }

    /** True when {@code expected} is a single {@code N values hashing to H} line. */
    public static boolean isHash(List<String> expected) {
        return expected.size() == 1 && HASH_LINE.matcher(expected.get(0).strip()).matches();
    }

    /**
     * The expected lines of a record as values, compared exactly as written; a line holding
     * tab-separated values (one row per line, as some runners write) is split into its values. A
     * rendered value never contains a tab, so the split is unambiguous.
     */
    public static List<String> expectedValues(List<String> expected) {
        List<String> out = new ArrayList<>(expected.size());
        for (String line : expected) {
            if (line.indexOf('\t') >= 0) {
                out.addAll(Arrays.asList(line.split("\t", -1)));
            } else {
                out.add(line);
            }
        }
        return out;
    }

    /** A result whose shape does not match the record (e.g. its column count). */
    public static final class ResultShapeException extends Exception {
        public ResultShapeException(String message) {
            super(message);
        }
    }
}
