package io.millrace.executor.expr;

import io.millrace.common.MillraceException;
import io.millrace.common.PgArrayText;
import io.millrace.common.PgInterval;
import io.millrace.common.PgJson;
import io.millrace.common.PgText;
import io.millrace.common.SqlState;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.TypeKind;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** PostgreSQL's casts between the engine's types, on internal values. */
public final class Casts {
    private Casts() {
    }

    /** Converts one non-null internal value. */
    @FunctionalInterface
    public interface Converter {
        Object convert(Object value);
    }

    /** Whether an explicit cast from {@code from} to {@code to} exists. */
    public static boolean canCast(DataType from, DataType to) {
        TypeKind f = from.kind();
        TypeKind t = to.kind();
        if (f == TypeKind.ARRAY && t == TypeKind.ARRAY) {
            return canCast(from.element(), to.element());
        }
        if (f == TypeKind.ARRAY || t == TypeKind.ARRAY) {
            // Arrays convert to and from text only (and an untyped NULL becomes one).
            return f.isString() || t.isString() || f == TypeKind.UNKNOWN;
        }
        if (f == t || f == TypeKind.UNKNOWN || f.isString() || t.isString()) {
            return true;
        }
        if (isJson(f) && isJson(t) || f == TypeKind.JSONB && (t.isNumeric() || t == TypeKind.BOOLEAN)) {
            return true;
        }
        if (f.isNumeric() && t.isNumeric()) {
            return true;
        }
        if ((f == TypeKind.BOOLEAN && t == TypeKind.INTEGER) || (f == TypeKind.INTEGER && t == TypeKind.BOOLEAN)) {
            return true;
        }
        if (f == TypeKind.TIME && t == TypeKind.INTERVAL || f == TypeKind.INTERVAL && t == TypeKind.TIME) {
            return true;
        }
        return f.isTemporal() && t.isTemporal() && !(f == TypeKind.TIME || t == TypeKind.TIME)
                || (f == TypeKind.TIMESTAMP || f == TypeKind.TIMESTAMPTZ) && t == TypeKind.TIME;
    }

    /** The value conversion from {@code from} to {@code to}; {@code zone} is the session time zone. */
    public static Converter converter(DataType from, DataType to, ZoneId zone) {
        TypeKind f = from.kind();
        TypeKind t = to.kind();
        if (!canCast(from, to)) {
            throw new MillraceException(SqlState.CANNOT_COERCE,
                    "cannot cast type " + from + " to " + to);
        }
        if (t.isString()) {
            Converter toText = toText(from, zone);
            return v -> stringTypmod(toText.convert(v).toString(), to, true);
        }
        if (f.isString() || f == TypeKind.UNKNOWN) {
            return v -> fromText((String) v, to, zone);
        }
        if (t == TypeKind.ARRAY) {
            Converter element = converter(from.element(), to.element(), zone);
            return v -> mapElements((List<?>) v, element);
        }
        if (isJson(t)) {
            return t == TypeKind.JSONB && f == TypeKind.JSON ? v -> PgJson.jsonb((String) v) : v -> v;
        }
        if (f == TypeKind.JSONB) {
            return jsonbScalar(to, zone);
        }
        switch (t) {
            case BOOLEAN:
                if (f == TypeKind.BOOLEAN) {
                    return v -> v;
                }
                return v -> ((Long) v) != 0;
            case SMALLINT, INTEGER, BIGINT:
                return switch (f.physical()) {
                    case LONG -> v -> Scalars.checkRange((Long) v, t);
                    case DOUBLE -> v -> Scalars.doubleToLong((Double) v, t);
                    case DECIMAL -> v -> Scalars.decimalToLong((BigDecimal) v, t);
                    case BOOL -> v -> ((Boolean) v) ? 1L : 0L;
                    default -> throw unsupported(from, to);
                };
            case REAL, DOUBLE:
                return switch (f.physical()) {
                    case LONG -> t == TypeKind.REAL ? v -> (double) (float) (long) (Long) v : v -> (double) (long) (Long) v;
                    case DOUBLE -> t == TypeKind.REAL ? v -> {
                        double d = (Double) v;
                        float fl = (float) d;
                        if (Float.isInfinite(fl) && !Double.isInfinite(d)) {
                            throw Scalars.outOfRange(TypeKind.REAL);
                        }
                        return (double) fl;
                    } : v -> v;
                    case DECIMAL -> t == TypeKind.REAL ? v -> (double) ((BigDecimal) v).floatValue()
                            : v -> ((BigDecimal) v).doubleValue();
                    default -> throw unsupported(from, to);
                };
            case NUMERIC:
                return switch (f.physical()) {
                    case LONG -> v -> Scalars.applyNumericTypmod(BigDecimal.valueOf((Long) v), to, true);
                    case DOUBLE -> v -> Scalars.applyNumericTypmod(Scalars.doubleToDecimal((Double) v, f), to, true);
                    case DECIMAL -> v -> Scalars.applyNumericTypmod((BigDecimal) v, to, true);
                    default -> throw unsupported(from, to);
                };
            case DATE:
                return switch (f) {
                    case DATE -> v -> v;
                    case TIMESTAMP -> v -> Math.floorDiv((Long) v, Temporal.MICROS_PER_DAY);
                    case TIMESTAMPTZ -> v -> Math.floorDiv(Temporal.instantToLocal((Long) v, zone), Temporal.MICROS_PER_DAY);
                    default -> throw unsupported(from, to);
                };
            case INTERVAL:
                // From time: its microseconds since midnight.
                return f == TypeKind.INTERVAL ? v -> v : v -> new PgInterval(0, 0, (Long) v).held();
            case TIME:
                return switch (f) {
                    case TIME -> v -> v;
                    // The time part, within a day.
                    case INTERVAL -> v -> Math.floorMod(PgInterval.fromHeld((String) v).micros(), Temporal.MICROS_PER_DAY);
                    case TIMESTAMP -> v -> Math.floorMod((Long) v, Temporal.MICROS_PER_DAY);
                    case TIMESTAMPTZ -> v -> Math.floorMod(Temporal.instantToLocal((Long) v, zone), Temporal.MICROS_PER_DAY);
                    default -> throw unsupported(from, to);
                };
            case TIMESTAMP:
                return switch (f) {
                    case TIMESTAMP -> v -> v;
                    case DATE -> v -> (Long) v * Temporal.MICROS_PER_DAY;
                    case TIMESTAMPTZ -> v -> Temporal.instantToLocal((Long) v, zone);
                    default -> throw unsupported(from, to);
                };
            case TIMESTAMPTZ:
                return switch (f) {
                    case TIMESTAMPTZ -> v -> v;
                    case DATE -> v -> Temporal.localToInstant((Long) v * Temporal.MICROS_PER_DAY, zone);
                    case TIMESTAMP -> v -> Temporal.localToInstant((Long) v, zone);
                    default -> throw unsupported(from, to);
                };
            default:
                throw unsupported(from, to);
        }
    }

    private static boolean isJson(TypeKind k) {
        return k == TypeKind.JSON || k == TypeKind.JSONB;
    }

    /** jsonb to a number or boolean: the value must be a JSON number or boolean (22023). */
    private static Converter jsonbScalar(DataType to, ZoneId zone) {
        boolean bool = to.kind() == TypeKind.BOOLEAN;
        Converter fromNumeric = bool ? null : converter(DataType.NUMERIC, to, zone);
        return v -> {
            Object json = PgJson.parse((String) v);
            if (bool ? json instanceof Boolean : json instanceof BigDecimal) {
                return bool ? json : fromNumeric.convert(json);
            }
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "cannot cast jsonb "
                    + PgJson.typeOf(json) + " to type " + to);
        };
    }

    private static MillraceException unsupported(DataType from, DataType to) {
        return new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "cannot cast type " + from + " to " + to);
    }

    /** The text form PostgreSQL's output function gives a value. */
    public static Converter toText(DataType from, ZoneId zone) {
        return switch (from.kind()) {
            case BOOLEAN -> v -> ((Boolean) v) ? "true" : "false";
            case SMALLINT, INTEGER, BIGINT -> v -> Long.toString((Long) v);
            case REAL -> v -> PgText.formatFloat((float) (double) (Double) v);
            case DOUBLE -> v -> PgText.formatDouble((Double) v);
            case NUMERIC -> v -> ((BigDecimal) v).toPlainString();
            case DATE -> v -> PgText.formatDate(Temporal.toDate((Long) v));
            case TIME -> v -> PgText.formatTime(Temporal.toTime((Long) v));
            case TIMESTAMP -> v -> PgText.formatTimestamp(Temporal.toTimestamp((Long) v));
            case TIMESTAMPTZ -> v -> PgText.formatTimestamptz(Temporal.toInstant((Long) v), zone);
            case TEXT, VARCHAR, CHAR, UNKNOWN, UUID, JSON, JSONB -> v -> v;
            case BYTEA -> v -> "\\x" + v;
            case INTERVAL -> v -> PgInterval.fromHeld((String) v).toString();
            case ARRAY -> {
                Converter element = elementText(from.element(), zone);
                // A vector prints as its elements between spaces ("1 2"), as PostgreSQL prints one.
                yield from.isVector() ? v -> String.join(" ", mapElements((List<?>) v, e -> element.convert(e).toString()))
                        : v -> PgArrayText.format(mapElements((List<?>) v, e -> element.convert(e).toString()));
            }
        };
    }

    /**
     * An array element's text, as the element type's output function writes it: a boolean is t or
     * f there (its cast to text is true or false).
     */
    public static Converter elementText(DataType element, ZoneId zone) {
        return element.kind() == TypeKind.BOOLEAN ? v -> ((Boolean) v) ? "t" : "f" : toText(element, zone);
    }

    /** Parses text into a value of {@code to}. */
    public static Object fromText(String s, DataType to, ZoneId zone) {
        return switch (to.kind()) {
            case BOOLEAN -> TextParse.parseBoolean(s);
            case SMALLINT, INTEGER, BIGINT -> TextParse.parseInteger(s, to.kind());
            case REAL, DOUBLE -> TextParse.parseDouble(s, to.kind());
            case NUMERIC -> Scalars.applyNumericTypmod(TextParse.parseNumeric(s), to, true);
            case DATE -> TextParse.parseDate(s);
            case TIME -> TextParse.parseTime(s);
            case TIMESTAMP -> TextParse.parseTimestamp(s);
            case TIMESTAMPTZ -> TextParse.parseTimestamptz(s, zone);
            case TEXT, VARCHAR, CHAR, UNKNOWN -> stringTypmod(s, to, true);
            case UUID -> PgText.canonicalUuid(s);
            case JSON -> PgJson.json(s);
            case JSONB -> PgJson.jsonb(s);
            case BYTEA -> java.util.HexFormat.of().formatHex(PgText.parseBytea(s));
            case INTERVAL -> PgInterval.parse(s).held();
            case ARRAY -> mapElements(to.isVector() ? vectorElements(s) : PgArrayText.parse(s),
                    e -> fromText((String) e, to.element(), zone));
        };
    }

    private static List<String> vectorElements(String s) {
        return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
    }

    /** The elements of an array, each non-null one converted: an immutable list. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> mapElements(List<?> elements, Converter convert) {
        List<Object> out = new ArrayList<>(elements.size());
        for (Object e : elements) {
            out.add(e == null ? null : convert.convert(e));
        }
        return (List<T>) Collections.unmodifiableList(out);
    }

    /**
     * Applies varchar(n) / char(n). An explicit cast truncates; an assignment (INSERT, UPDATE)
     * fails with 22001 unless only spaces would be cut, as PostgreSQL does.
     */
    public static String stringTypmod(String s, DataType to, boolean explicit) {
        int n = to.precision();
        if (to.kind() == TypeKind.CHAR && n == DataType.UNSPECIFIED) {
            n = 1;
        }
        if (n == DataType.UNSPECIFIED || to.kind() == TypeKind.TEXT) {
            return s;
        }
        int len = s.codePointCount(0, s.length());
        if (len > n) {
            String cut = s.substring(0, s.offsetByCodePoints(0, n));
            if (!explicit && !s.substring(cut.length()).isBlank()) {
                throw new MillraceException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                        "value too long for type " + to);
            }
            return cut;
        }
        if (to.kind() == TypeKind.CHAR && len < n) {
            return s + " ".repeat(n - len);
        }
        return s;
    }
}
