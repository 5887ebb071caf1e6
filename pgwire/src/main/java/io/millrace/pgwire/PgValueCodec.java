package io.millrace.pgwire;

import io.millrace.common.MillraceException;
import io.millrace.common.PgArrayText;
import io.millrace.common.PgText;
import io.millrace.common.SqlState;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Converts between the Java values listed in {@link PgType} and PostgreSQL's text and binary wire
 * formats, byte for byte as PostgreSQL 15 does (DateStyle ISO, extra_float_digits 1,
 * integer datetimes). Text output shares {@link PgText} with the executor's casts to text.
 *
 * <p>Decoding errors are {@link MillraceException}s with PostgreSQL's codes and messages: 22P02
 * for bad text input, 22003 for values out of range, 22007/22008 for bad dates and times, 22P03 for
 * bad binary input.
 */
public final class PgValueCodec {
    /** 2000-01-01, PostgreSQL's epoch for dates and timestamps, as days and seconds since 1970. */
    static final long PG_EPOCH_DAY = 10957;
    static final long PG_EPOCH_SECONDS = PG_EPOCH_DAY * 86400;

    private static final Pattern FLOAT_SYNTAX =
            Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern NUMERIC_SYNTAX =
            Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private PgValueCodec() {
    }

    // ------------------------------------------------------------------ text output

    /** The text form of a non-null value. */
    public static String encodeText(PgType type, Object value, ZoneId zone) {
        if (type.element() != null) {
            List<String> texts = new ArrayList<>();
            for (Object e : (List<?>) value) {
                texts.add(e == null ? null : encodeText(type.element(), e, zone));
            }
            return type.isVector() ? String.join(" ", texts) : PgArrayText.format(texts);
        }
        switch (type) {
            case BOOL:
                return ((Boolean) value) ? "t" : "f";
            case INT2:
            case INT4:
            case INT8:
                return value instanceof BigDecimal || value instanceof BigInteger
                        ? value.toString() : Long.toString(((Number) value).longValue());
            case FLOAT4:
                return PgText.formatFloat(((Number) value).floatValue());
            case FLOAT8:
                return PgText.formatDouble(((Number) value).doubleValue());
            case NUMERIC:
                return numericText(value);
            case DATE:
                return PgText.formatDate((LocalDate) value);
            case TIME:
                return PgText.formatTime((LocalTime) value);
            case TIMESTAMP:
                return PgText.formatTimestamp((LocalDateTime) value);
            case TIMESTAMPTZ:
                return PgText.formatTimestamptz(toInstant(value), zone);
            case OID:
                return value instanceof Integer i ? Integer.toUnsignedString(i) : value.toString();
            case BYTEA:
                return PgText.formatBytea((byte[]) value);
            case TEXT:
            case VARCHAR:
            case BPCHAR:
            case NAME:
            case UNKNOWN:
            default:
                return value.toString();
        }
    }

    private static String numericText(Object value) {
        if (value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN()) {
            return "NaN";
        }
        return toBigDecimal(value).toPlainString();
    }

    // ------------------------------------------------------------------ binary output

    /** The binary form of a non-null value. */
    public static byte[] encodeBinary(PgType type, Object value) {
        if (type.element() != null) {
            return arrayBinary(type.element(), (List<?>) value, type.isVector() ? 0 : 1);
        }
        switch (type) {
            case BOOL:
                return new byte[] {(byte) (((Boolean) value) ? 1 : 0)};
            case INT2:
                return ByteBuffer.allocate(2).putShort(((Number) value).shortValue()).array();
            case INT4:
            case OID:
                return ByteBuffer.allocate(4).putInt(((Number) value).intValue()).array();
            case INT8:
                return ByteBuffer.allocate(8).putLong(((Number) value).longValue()).array();
            case FLOAT4:
                return ByteBuffer.allocate(4).putFloat(((Number) value).floatValue()).array();
            case FLOAT8:
                return ByteBuffer.allocate(8).putDouble(((Number) value).doubleValue()).array();
            case NUMERIC:
                return numericBinary(toBigDecimal(value));
            case DATE:
                return ByteBuffer.allocate(4).putInt(Math.toIntExact(((LocalDate) value).toEpochDay() - PG_EPOCH_DAY))
                        .array();
            case TIME:
                return ByteBuffer.allocate(8).putLong(((LocalTime) value).toNanoOfDay() / 1000).array();
            case TIMESTAMP:
                return ByteBuffer.allocate(8).putLong(micros(((LocalDateTime) value).toInstant(ZoneOffset.UTC)))
                        .array();
            case TIMESTAMPTZ:
                return ByteBuffer.allocate(8).putLong(micros(toInstant(value))).array();
            case UUID:
                return java.util.HexFormat.of().parseHex(value.toString().replace("-", ""));
            case INTERVAL: {
                io.millrace.common.PgInterval interval = (io.millrace.common.PgInterval) value;
                return ByteBuffer.allocate(16).putLong(interval.micros()).putInt(interval.days())
                        .putInt(interval.months()).array();
            }
            case BYTEA:
                return (byte[]) value;
            case JSONB: {
                byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[text.length + 1];
                out[0] = 1;
                System.arraycopy(text, 0, out, 1, text.length);
                return out;
            }
            case TEXT:
            case VARCHAR:
            case BPCHAR:
            case NAME:
            case UNKNOWN:
            default:
                return value.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * array_send: dimensions (0 for an empty array, else 1), a has-nulls flag, the element OID,
     * then per dimension its length and lower bound (1), then each element as length and bytes
     * (length -1 for NULL).
     */
    private static byte[] arrayBinary(PgType element, List<?> values, int lowerBound) {
        List<byte[]> encoded = new ArrayList<>(values.size());
        int size = 12 + (values.isEmpty() ? 0 : 8);
        boolean hasNull = false;
        for (Object v : values) {
            byte[] b = v == null ? null : encodeBinary(element, v);
            hasNull |= b == null;
            encoded.add(b);
            size += 4 + (b == null ? 0 : b.length);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(values.isEmpty() ? 0 : 1).putInt(hasNull ? 1 : 0).putInt(element.oid());
        if (!values.isEmpty()) {
            out.putInt(values.size()).putInt(lowerBound);
        }
        for (byte[] b : encoded) {
            if (b == null) {
                out.putInt(-1);
            } else {
                out.putInt(b.length).put(b);
            }
        }
        return out.array();
    }

    private static List<Object> arrayFromBinary(PgType type, byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            int dims = in.getInt();
            in.getInt();
            int elementOid = in.getInt();
            if (elementOid != type.element().oid() || dims > 1 || dims < 0) {
                throw dims > 1 ? new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                        "multidimensional arrays are not supported yet") : binaryError(type);
            }
            int n = dims == 0 ? 0 : in.getInt();
            if (dims == 1) {
                in.getInt();
            }
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int len = in.getInt();
                if (len < 0) {
                    out.add(null);
                } else {
                    byte[] b = new byte[len];
                    in.get(b);
                    out.add(decodeBinary(type.element(), b));
                }
            }
            if (in.hasRemaining()) {
                throw binaryError(type);
            }
            return out;
        } catch (java.nio.BufferUnderflowException e) {
            throw binaryError(type);
        }
    }

    /** Microseconds since 2000-01-01 00:00 UTC. */
    private static long micros(Instant instant) {
        long seconds = instant.getEpochSecond() - PG_EPOCH_SECONDS;
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), instant.getNano() / 1000);
    }

    private static Instant fromMicros(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        long micro = Math.floorMod(micros, 1_000_000L);
        return Instant.ofEpochSecond(seconds + PG_EPOCH_SECONDS, micro * 1000);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        throw new ClassCastException("timestamptz value must be an Instant, got " + value.getClass().getName());
    }

    private static BigDecimal toBigDecimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "numeric NaN and infinity are not supported");
            }
            return new BigDecimal(value.toString());
        }
        throw new ClassCastException("numeric value must be a BigDecimal, got " + value.getClass().getName());
    }

    /**
     * PostgreSQL's numeric send format: ndigits, weight, sign, dscale (int16 each), then ndigits
     * base-10000 digits, most significant first; the value is sum(digit[i] * 10000^(weight - i)).
     */
    static byte[] numericBinary(BigDecimal value) {
        int dscale = Math.max(value.scale(), 0);
        BigDecimal abs = value.abs();
        if (abs.scale() < 0) {
            abs = abs.setScale(0);
        }
        String plain = abs.toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String fracPart = dot < 0 ? "" : plain.substring(dot + 1);
        if (intPart.equals("0")) {
            intPart = "";
        }
        int intGroups = (intPart.length() + 3) / 4;
        intPart = "0".repeat(intGroups * 4 - intPart.length()) + intPart;
        int fracGroups = (fracPart.length() + 3) / 4;
        fracPart = fracPart + "0".repeat(fracGroups * 4 - fracPart.length());
        String all = intPart + fracPart;
        short[] digits = new short[intGroups + fracGroups];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = Short.parseShort(all.substring(i * 4, i * 4 + 4));
        }
        int first = 0;
        int weight = intGroups - 1;
        while (first < digits.length && digits[first] == 0) {
            first++;
            weight--;
        }
        int last = digits.length;
        while (last > first && digits[last - 1] == 0) {
            last--;
        }
        int ndigits = last - first;
        if (ndigits == 0) {
            weight = 0;
        }
        ByteBuffer out = ByteBuffer.allocate(8 + 2 * ndigits);
        out.putShort((short) ndigits);
        out.putShort((short) weight);
        out.putShort((short) (value.signum() < 0 ? 0x4000 : 0));
        out.putShort((short) dscale);
        for (int i = first; i < last; i++) {
            out.putShort(digits[i]);
        }
        return out.array();
    }

    static BigDecimal numericFromBinary(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        if (data.length < 8) {
            throw binaryError(PgType.NUMERIC);
        }
        int ndigits = in.getShort() & 0xFFFF;
        int weight = in.getShort();
        int sign = in.getShort() & 0xFFFF;
        int dscale = in.getShort() & 0xFFFF;
        if (sign == 0xC000 || sign == 0xD000 || sign == 0xF000) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "numeric NaN and infinity are not supported");
        }
        if (sign != 0 && sign != 0x4000 || data.length != 8 + 2 * ndigits || dscale > 0x3FFF) {
            throw new MillraceException(SqlState.INVALID_BINARY_REPRESENTATION, "invalid external \"numeric\" value");
        }
        StringBuilder unscaled = new StringBuilder(ndigits * 4 + 1);
        for (int i = 0; i < ndigits; i++) {
            int d = in.getShort();
            if (d < 0 || d > 9999) {
                throw new MillraceException(SqlState.INVALID_BINARY_REPRESENTATION,
                        "invalid digit in external \"numeric\" value");
            }
            String s = Integer.toString(d);
            unscaled.append("0".repeat(4 - s.length())).append(s);
        }
        BigDecimal result = ndigits == 0 ? BigDecimal.ZERO
                : new BigDecimal(new BigInteger(unscaled.toString()), (ndigits - 1 - weight) * 4);
        result = result.setScale(dscale, RoundingMode.HALF_UP);
        return sign == 0x4000 ? result.negate() : result;
    }

    // ------------------------------------------------------------------ text input

    /** The value of a parameter or COPY field sent in text form. */
    public static Object decodeText(PgType type, String text, ZoneId zone) {
        if (type.element() != null) {
            List<Object> out = new ArrayList<>();
            List<String> elements = type.isVector() ? (text.isBlank() ? List.of() : List.of(text.strip().split("\\s+")))
                    : PgArrayText.parse(text);
            for (String e : elements) {
                out.add(e == null ? null : decodeText(type.element(), e, zone));
            }
            return out;
        }
        switch (type) {
            case BOOL:
                return parseBool(text);
            case INT2:
                return (short) parseInteger(text, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            case INT4:
                return (int) parseInteger(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            case INT8:
                return parseInteger(text, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
            case FLOAT4:
                return (float) parseFloat(text, true);
            case FLOAT8:
                return parseFloat(text, false);
            case NUMERIC:
                return parseNumeric(text);
            case OID:
                return (int) parseOid(text);
            case UUID:
                return PgText.canonicalUuid(text);
            case BYTEA:
                return PgText.parseBytea(text);
            case INTERVAL:
                return io.millrace.common.PgInterval.parse(text);
            case JSON:
                return io.millrace.common.PgJson.json(text);
            case JSONB:
                return io.millrace.common.PgJson.jsonb(text);
            case DATE:
                return PgDateTimeInput.parseDate(text, zone);
            case TIME:
                return PgDateTimeInput.parseTime(text, zone);
            case TIMESTAMP:
                return PgDateTimeInput.parseTimestamp(text, zone);
            case TIMESTAMPTZ:
                return PgDateTimeInput.parseTimestamptz(text, zone);
            case TEXT:
            case VARCHAR:
            case BPCHAR:
            case NAME:
            case UNKNOWN:
            default:
                return text;
        }
    }

    /** PostgreSQL's parse_bool: unique prefixes of true/false/yes/no, on/off, 1/0, any case. */
    static boolean parseBool(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (!s.isEmpty()) {
            switch (s.charAt(0)) {
                case 't':
                    if ("true".startsWith(s)) {
                        return true;
                    }
                    break;
                case 'f':
                    if ("false".startsWith(s)) {
                        return false;
                    }
                    break;
                case 'y':
                    if ("yes".startsWith(s)) {
                        return true;
                    }
                    break;
                case 'n':
                    if ("no".startsWith(s)) {
                        return false;
                    }
                    break;
                case 'o':
                    if (s.length() >= 2 && "on".startsWith(s)) {
                        return true;
                    }
                    if (s.length() >= 2 && "off".startsWith(s)) {
                        return false;
                    }
                    break;
                case '1':
                    if (s.length() == 1) {
                        return true;
                    }
                    break;
                case '0':
                    if (s.length() == 1) {
                        return false;
                    }
                    break;
                default:
                    break;
            }
        }
        throw syntax("boolean", text);
    }

    private static long parseInteger(String text, long min, long max, String typeName) {
        String s = text.strip();
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (i == s.length()) {
            throw syntax(typeName, text);
        }
        long value = 0;
        boolean overflow = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw syntax(typeName, text);
            }
            if (!overflow) {
                // accumulate negatively so Long.MIN_VALUE fits
                if (value < (Long.MIN_VALUE + (c - '0')) / 10) {
                    overflow = true;
                } else {
                    value = value * 10 - (c - '0');
                }
            }
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                overflow = true;
            }
            value = -value;
        }
        if (overflow || value < min || value > max) {
            throw new MillraceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value \"" + text + "\" is out of range for type " + typeName);
        }
        return value;
    }

    private static double parseFloat(String text, boolean single) {
        String typeName = single ? "real" : "double precision";
        String s = text.strip();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "infinity":
            case "+infinity":
            case "inf":
            case "+inf":
                return Double.POSITIVE_INFINITY;
            case "-infinity":
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (!FLOAT_SYNTAX.matcher(s).matches()) {
            throw syntax(typeName, text);
        }
        double d = single ? Float.parseFloat(s) : Double.parseDouble(s);
        if (Double.isInfinite(d) || d == 0 && hasNonZeroDigit(s)) {
            throw new MillraceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + s + "\" is out of range for type " + typeName);
        }
        return d;
    }

    private static boolean hasNonZeroDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal parseNumeric(String text) {
        String s = text.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("nan") || lower.matches("[+-]?(inf|infinity)")) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "numeric NaN and infinity are not supported");
        }
        if (!NUMERIC_SYNTAX.matcher(s).matches()) {
            throw syntax("numeric", text);
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new MillraceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value \"" + text + "\" is out of range for type numeric");
        }
    }

    private static long parseOid(String text) {
        String s = text.strip();
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw syntax("oid", text);
        }
        if (v < Integer.MIN_VALUE || v > 0xFFFFFFFFL) {
            throw new MillraceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value \"" + text + "\" is out of range for type oid");
        }
        return v;
    }

    static MillraceException syntax(String typeName, String text) {
        return new MillraceException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    // ------------------------------------------------------------------ binary input

    /** The value of a parameter sent in binary form. */
    public static Object decodeBinary(PgType type, byte[] data) {
        if (type.element() != null) {
            return arrayFromBinary(type, data);
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        switch (type) {
            case BOOL:
                expectLength(type, data, 1);
                return data[0] != 0;
            case INT2:
                expectLength(type, data, 2);
                return in.getShort();
            case INT4:
            case OID:
                expectLength(type, data, 4);
                return in.getInt();
            case INT8:
                expectLength(type, data, 8);
                return in.getLong();
            case FLOAT4:
                expectLength(type, data, 4);
                return in.getFloat();
            case FLOAT8:
                expectLength(type, data, 8);
                return in.getDouble();
            case NUMERIC:
                return numericFromBinary(data);
            case BYTEA:
                return data;
            case JSON:
                return io.millrace.common.PgJson.json(utf8(data));
            case JSONB:
                if (data.length == 0 || data[0] != 1) {
                    throw new MillraceException(SqlState.INVALID_BINARY_REPRESENTATION,
                            "unsupported jsonb version number " + (data.length == 0 ? 0 : data[0]));
                }
                return io.millrace.common.PgJson.jsonb(new String(data, 1, data.length - 1, StandardCharsets.UTF_8));
            case UUID:
                expectLength(type, data, 16);
                return PgText.canonicalUuid(java.util.HexFormat.of().formatHex(data));
            case INTERVAL: {
                expectLength(type, data, 16);
                long micros = in.getLong();
                int days = in.getInt();
                return new io.millrace.common.PgInterval(in.getInt(), days, micros);
            }
            case DATE:
                expectLength(type, data, 4);
                int days = in.getInt();
                if (days == Integer.MIN_VALUE || days == Integer.MAX_VALUE) {
                    throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "infinite dates are not supported");
                }
                return LocalDate.ofEpochDay(days + PG_EPOCH_DAY);
            case TIME: {
                expectLength(type, data, 8);
                long micros = in.getLong();
                if (micros < 0 || micros >= 86_400_000_000L) {
                    throw new MillraceException(SqlState.DATETIME_FIELD_OVERFLOW, "time out of range");
                }
                return LocalTime.ofNanoOfDay(micros * 1000);
            }
            case TIMESTAMP:
            case TIMESTAMPTZ: {
                expectLength(type, data, 8);
                long micros = in.getLong();
                if (micros == Long.MIN_VALUE || micros == Long.MAX_VALUE) {
                    throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                            "infinite timestamps are not supported");
                }
                Instant instant = fromMicros(micros);
                return type == PgType.TIMESTAMPTZ ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            }
            case TEXT:
            case VARCHAR:
            case BPCHAR:
            case NAME:
            case UNKNOWN:
            default:
                return utf8(data);
        }
    }

    private static void expectLength(PgType type, byte[] data, int length) {
        if (data.length != length) {
            throw binaryError(type);
        }
    }

    private static MillraceException binaryError(PgType type) {
        return new MillraceException(SqlState.INVALID_BINARY_REPRESENTATION,
                "incorrect binary data format for type " + type.typname());
    }

    /** Strict UTF-8 decoding: invalid byte sequences are an error, not replacement characters. */
    static String utf8(byte[] data) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new MillraceException(SqlState.DATA_EXCEPTION, "invalid byte sequence for encoding \"UTF8\"");
        }
    }
}
