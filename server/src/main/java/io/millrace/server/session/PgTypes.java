package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.expr.Temporal;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import io.millrace.pgwire.PgType;
import io.millrace.pgwire.ResultColumn;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** Between the engine's types and values and the wire's: OIDs, type modifiers, Java values. */
public final class PgTypes {
    private PgTypes() {
    }

    public static PgType pgType(DataType t) {
        return switch (t.kind()) {
            case BOOLEAN -> PgType.BOOL;
            case SMALLINT -> PgType.INT2;
            case INTEGER -> PgType.INT4;
            case BIGINT -> PgType.INT8;
            case REAL -> PgType.FLOAT4;
            case DOUBLE -> PgType.FLOAT8;
            case NUMERIC -> PgType.NUMERIC;
            case TEXT, UNKNOWN -> PgType.TEXT;
            case VARCHAR -> PgType.VARCHAR;
            case CHAR -> PgType.BPCHAR;
            case DATE -> PgType.DATE;
            case TIME -> PgType.TIME;
            case TIMESTAMP -> PgType.TIMESTAMP;
            case TIMESTAMPTZ -> PgType.TIMESTAMPTZ;
            case ARRAY -> t.isVector() ? (t.element().kind() == io.millrace.executor.type.TypeKind.SMALLINT
                    ? PgType.INT2VECTOR : PgType.OIDVECTOR) : PgType.arrayOf(pgType(t.element()));
            case UUID -> PgType.UUID;
            case BYTEA -> PgType.BYTEA;
            case INTERVAL -> PgType.INTERVAL;
            case JSON -> PgType.JSON;
            case JSONB -> PgType.JSONB;
        };
    }

    /** The type modifier PostgreSQL reports: varchar(n) is n+4, numeric(p,s) is (p<<16|s)+4. */
    public static int typmod(DataType t) {
        if (t.precision() == DataType.UNSPECIFIED) {
            return -1;
        }
        return switch (t.kind()) {
            case VARCHAR, CHAR -> t.precision() + 4;
            case NUMERIC -> ((t.precision() << 16) | Math.max(t.scale(), 0)) + 4;
            default -> -1;
        };
    }

    /** The engine type a client-declared parameter type stands for; null when unspecified. */
    public static DataType dataType(PgType t) {
        if (t == null) {
            return null;
        }
        if (t.element() != null) {
            return t.isVector() ? DataType.vector(dataType(t.element())) : DataType.array(dataType(t.element()));
        }
        return switch (t) {
            case BOOL -> DataType.BOOLEAN;
            case INT2 -> DataType.SMALLINT;
            case INT4, OID -> DataType.INTEGER;
            case INT8 -> DataType.BIGINT;
            case FLOAT4 -> DataType.REAL;
            case FLOAT8 -> DataType.DOUBLE;
            case NUMERIC -> DataType.NUMERIC;
            case TEXT, NAME -> DataType.TEXT;
            case VARCHAR -> DataType.VARCHAR;
            case BPCHAR -> DataType.TEXT;
            case DATE -> DataType.DATE;
            case TIME -> DataType.TIME;
            case TIMESTAMP -> DataType.TIMESTAMP;
            case TIMESTAMPTZ -> DataType.TIMESTAMPTZ;
            case UNKNOWN -> null;
            case UUID -> DataType.UUID;
            case BYTEA -> DataType.BYTEA;
            case INTERVAL -> DataType.INTERVAL;
            case JSON -> DataType.JSON;
            case JSONB -> DataType.JSONB;
            default -> throw new IllegalStateException("array type " + t + " handled above");
        };
    }

    public static List<ResultColumn> columns(RowSchema schema) {
        List<ResultColumn> out = new ArrayList<>(schema.size());
        for (Field f : schema.fields()) {
            out.add(new ResultColumn(f.name(), pgType(f.type()), typmod(f.type()), 0, (short) 0));
        }
        return out;
    }

    /** An internal value as the Java value pgwire expects for the column's type. */
    public static Object toWire(Object v, DataType t) {
        if (v == null) {
            return null;
        }
        return switch (t.kind()) {
            case BOOLEAN -> v;
            case SMALLINT -> (short) (long) (Long) v;
            case INTEGER -> (int) (long) (Long) v;
            case BIGINT -> v;
            case REAL -> (float) (double) (Double) v;
            case DOUBLE -> v;
            case NUMERIC -> v;
            case TEXT, VARCHAR, CHAR, UNKNOWN, UUID, JSON, JSONB -> v;
            case BYTEA -> java.util.HexFormat.of().parseHex((String) v);
            case INTERVAL -> io.millrace.common.PgInterval.fromHeld((String) v);
            case DATE -> Temporal.toDate((Long) v);
            case TIME -> Temporal.toTime((Long) v);
            case TIMESTAMP -> Temporal.toTimestamp((Long) v);
            case TIMESTAMPTZ -> Temporal.toInstant((Long) v);
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (Object e : (List<?>) v) {
                    out.add(toWire(e, t.element()));
                }
                yield out;
            }
        };
    }

    public static Object[] toWire(Object[] row, RowSchema schema) {
        Object[] out = new Object[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = toWire(row[i], schema.type(i));
        }
        return out;
    }

    /** A value pgwire decoded for a parameter of type {@code t}, in internal form. */
    public static Object toInternal(Object v, DataType t) {
        if (v == null) {
            return null;
        }
        try {
            return switch (t.kind()) {
                case BOOLEAN -> v instanceof Boolean b ? b : io.millrace.executor.expr.TextParse.parseBoolean(v.toString());
                case SMALLINT, INTEGER, BIGINT -> v instanceof Number n ? n.longValue()
                        : io.millrace.executor.expr.TextParse.parseInteger(v.toString(), t.kind());
                case REAL, DOUBLE -> v instanceof Number n ? n.doubleValue()
                        : io.millrace.executor.expr.TextParse.parseDouble(v.toString(), t.kind());
                case NUMERIC -> v instanceof BigDecimal d ? d : v instanceof Number n ? new BigDecimal(n.toString())
                        : io.millrace.executor.expr.TextParse.parseNumeric(v.toString());
                case TEXT, VARCHAR, CHAR, UNKNOWN -> v.toString();
                case UUID -> io.millrace.common.PgText.canonicalUuid(v.toString());
                case JSON -> io.millrace.common.PgJson.json(v.toString());
                case JSONB -> io.millrace.common.PgJson.jsonb(v.toString());
                case BYTEA -> java.util.HexFormat.of().formatHex(v instanceof byte[] b ? b
                        : io.millrace.common.PgText.parseBytea(v.toString()));
                case INTERVAL -> (v instanceof io.millrace.common.PgInterval i ? i
                        : io.millrace.common.PgInterval.parse(v.toString())).held();
                case DATE -> v instanceof LocalDate d ? Temporal.fromDate(d)
                        : io.millrace.executor.expr.TextParse.parseDate(v.toString());
                case TIME -> v instanceof LocalTime lt ? Temporal.fromTime(lt)
                        : io.millrace.executor.expr.TextParse.parseTime(v.toString());
                case TIMESTAMP -> v instanceof LocalDateTime ldt ? Temporal.fromTimestamp(ldt)
                        : io.millrace.executor.expr.TextParse.parseTimestamp(v.toString());
                case TIMESTAMPTZ -> v instanceof Instant i ? Temporal.fromInstant(i)
                        : io.millrace.executor.expr.TextParse.parseTimestamptz(v.toString(), java.time.ZoneOffset.UTC);
                case ARRAY -> {
                    if (!(v instanceof List<?> list)) {
                        yield io.millrace.executor.expr.Casts.fromText(v.toString(), t, java.time.ZoneOffset.UTC);
                    }
                    List<Object> out = new ArrayList<>();
                    for (Object e : list) {
                        out.add(toInternal(e, t.element()));
                    }
                    yield java.util.Collections.unmodifiableList(out);
                }
            };
        } catch (ClassCastException e) {
            throw new MillraceException(SqlState.DATATYPE_MISMATCH, "parameter value " + v + " does not fit type " + t);
        }
    }
}
