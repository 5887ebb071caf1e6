package io.millrace.executor.batch;

import io.millrace.executor.type.DataType;
import io.millrace.storage.OrderedBytes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The Arrow vector type of each SQL type, and copying between Arrow vectors and working
 * {@link Column}s. Numerics are stored as variable-length binary (4-byte scale, then the unscaled
 * value's two's complement bytes) because PostgreSQL numerics keep a scale per value; arrays are
 * stored as binary too, in their exact {@link RowCodec} encoding.
 */
public final class ArrowColumns {
    private ArrowColumns() {
    }

    public static ArrowType arrowType(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case SMALLINT -> new ArrowType.Int(16, true);
            case INTEGER -> new ArrowType.Int(32, true);
            case BIGINT -> new ArrowType.Int(64, true);
            case REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case NUMERIC, ARRAY -> ArrowType.Binary.INSTANCE;
            case TEXT, VARCHAR, CHAR, UNKNOWN, UUID, BYTEA, INTERVAL, JSON, JSONB -> ArrowType.Utf8.INSTANCE;
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIME -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case TIMESTAMPTZ -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
        };
    }

    /** A new, empty vector for {@code type}. */
    public static FieldVector newVector(String name, DataType type, BufferAllocator allocator) {
        return new org.apache.arrow.vector.types.pojo.Field(name, FieldType.nullable(arrowType(type)), null)
                .createVector(allocator);
    }

    /** Writes all of {@code column} into {@code vector}, which is (re)sized to hold it. */
    public static void write(Column column, FieldVector vector) {
        int n = column.size();
        vector.setInitialCapacity(n);
        vector.allocateNew();
        switch (column.type().kind()) {
            case BOOLEAN -> {
                BoolColumn c = (BoolColumn) column;
                BitVector v = (BitVector) vector;
                for (int i = 0; i < n; i++) {
                    if (c.isNull(i)) {
                        v.setNull(i);
                    } else {
                        v.set(i, c.value(i) ? 1 : 0);
                    }
                }
            }
            case SMALLINT -> {
                LongColumn c = (LongColumn) column;
                SmallIntVector v = (SmallIntVector) vector;
                for (int i = 0; i < n; i++) {
                    if (c.isNull(i)) {
                        v.setNull(i);
                    } else {
                        v.set(i, (short) c.value(i));
                    }
                }
            }
            case INTEGER -> {
                LongColumn c = (LongColumn) column;
                IntVector v = (IntVector) vector;
                for (int i = 0; i < n; i++) {
                    if (c.isNull(i)) {
                        v.setNull(i);
                    } else {
                        v.set(i, (int) c.value(i));
                    }
                }
            }
            case DATE -> {
                LongColumn c = (LongColumn) column;
                DateDayVector v = (DateDayVector) vector;
                for (int i = 0; i < n; i++) {
                    if (c.isNull(i)) {
                        v.setNull(i);
                    } else {
                        v.set(i, (int) c.value(i));
                    }
                }
            }
            case BIGINT, TIME, TIMESTAMP, TIMESTAMPTZ -> {
                LongColumn c = (LongColumn) column;
                for (int i = 0; i < n; i++) {
                    if (c.isNull(i)) {
                        vector.setNull(i);
                    } else {
                        setLong(vector, i, c.value(i));
                    }
                }
            }
            case REAL -> {
                DoubleColumn c = (DoubleColumn) column;
                Float4Vector v = (Float4Vector) vector;
                for (int i = 0; i < n; i++) {
                    if (c.isNull(i)) {
                        v.setNull(i);
                    } else {
                        v.set(i, (float) c.value(i));
                    }
                }
            }
            case DOUBLE -> {
                DoubleColumn c = (DoubleColumn) column;
                Float8Vector v = (Float8Vector) vector;
                for (int i = 0; i < n; i++) {
                    if (c.isNull(i)) {
                        v.setNull(i);
                    } else {
                        v.set(i, c.value(i));
                    }
                }
            }
            case NUMERIC -> writeBinary(column, (VarBinaryVector) vector, o -> encodeDecimal((BigDecimal) o));
            case ARRAY -> {
                OrderedBytes b = new OrderedBytes();
                writeBinary(column, (VarBinaryVector) vector, o -> {
                    RowCodec.writeValue(b.reset(), column.type(), o, true);
                    return b.toArray();
                });
            }
            case TEXT, VARCHAR, CHAR, UNKNOWN, UUID, BYTEA, INTERVAL, JSON, JSONB -> {
                VarCharVector v = (VarCharVector) vector;
                for (int i = 0; i < n; i++) {
                    Object o = column.get(i);
                    if (o == null) {
                        v.setNull(i);
                    } else {
                        v.setSafe(i, ((String) o).getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        vector.setValueCount(n);
    }

    private static void setLong(FieldVector vector, int i, long value) {
        if (vector instanceof BigIntVector v) {
            v.set(i, value);
        } else if (vector instanceof TimeMicroVector v) {
            v.set(i, value);
        } else if (vector instanceof TimeStampMicroTZVector v) {
            v.set(i, value);
        } else {
            ((TimeStampMicroVector) vector).set(i, value);
        }
    }

    /** Reads all of {@code vector} into a working column of {@code type}. */
    public static Column read(FieldVector vector, DataType type) {
        int n = vector.getValueCount();
        boolean[] nulls = null;
        if (vector.getNullCount() > 0) {
            nulls = new boolean[n];
            for (int i = 0; i < n; i++) {
                nulls[i] = vector.isNull(i);
            }
        }
        switch (type.kind()) {
            case BOOLEAN -> {
                BitVector v = (BitVector) vector;
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (nulls == null || !nulls[i]) && v.get(i) != 0;
                }
                return new BoolColumn(type, out, nulls, n);
            }
            case SMALLINT -> {
                SmallIntVector v = (SmallIntVector) vector;
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    if (nulls == null || !nulls[i]) {
                        out[i] = v.get(i);
                    }
                }
                return new LongColumn(type, out, nulls, n);
            }
            case INTEGER -> {
                IntVector v = (IntVector) vector;
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    if (nulls == null || !nulls[i]) {
                        out[i] = v.get(i);
                    }
                }
                return new LongColumn(type, out, nulls, n);
            }
            case DATE -> {
                DateDayVector v = (DateDayVector) vector;
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    if (nulls == null || !nulls[i]) {
                        out[i] = v.get(i);
                    }
                }
                return new LongColumn(type, out, nulls, n);
            }
            case BIGINT, TIME, TIMESTAMP, TIMESTAMPTZ -> {
                long[] out = new long[n];
                org.apache.arrow.memory.ArrowBuf data = vector.getDataBuffer();
                for (int i = 0; i < n; i++) {
                    if (nulls == null || !nulls[i]) {
                        out[i] = data.getLong((long) i * 8);
                    }
                }
                return new LongColumn(type, out, nulls, n);
            }
            case REAL -> {
                Float4Vector v = (Float4Vector) vector;
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    if (nulls == null || !nulls[i]) {
                        out[i] = v.get(i);
                    }
                }
                return new DoubleColumn(type, out, nulls, n);
            }
            case DOUBLE -> {
                Float8Vector v = (Float8Vector) vector;
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    if (nulls == null || !nulls[i]) {
                        out[i] = v.get(i);
                    }
                }
                return new DoubleColumn(type, out, nulls, n);
            }
            case NUMERIC -> {
                return readBinary((VarBinaryVector) vector, type, nulls, ArrowColumns::decodeDecimal);
            }
            case ARRAY -> {
                return readBinary((VarBinaryVector) vector, type, nulls,
                        b -> RowCodec.readValue(new OrderedBytes.Reader(b), type, true));
            }
            default -> {
                VarCharVector v = (VarCharVector) vector;
                Object[] out = new Object[n];
                for (int i = 0; i < n; i++) {
                    if (nulls == null || !nulls[i]) {
                        out[i] = new String(v.get(i), StandardCharsets.UTF_8);
                    }
                }
                return new ObjectColumn(type, out, null, n);
            }
        }
    }

    /** A column of values held as variable-length binary, each encoded by {@code encode}. */
    private static void writeBinary(Column column, VarBinaryVector v, java.util.function.Function<Object, byte[]> encode) {
        for (int i = 0; i < column.size(); i++) {
            Object o = column.get(i);
            if (o == null) {
                v.setNull(i);
            } else {
                v.setSafe(i, encode.apply(o));
            }
        }
    }

    private static Column readBinary(VarBinaryVector v, DataType type, boolean[] nulls,
            java.util.function.Function<byte[], Object> decode) {
        int n = v.getValueCount();
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            if (nulls == null || !nulls[i]) {
                out[i] = decode.apply(v.get(i));
            }
        }
        return new ObjectColumn(type, out, null, n);
    }

    static byte[] encodeDecimal(BigDecimal d) {
        byte[] unscaled = d.unscaledValue().toByteArray();
        byte[] out = new byte[4 + unscaled.length];
        int s = d.scale();
        out[0] = (byte) (s >>> 24);
        out[1] = (byte) (s >>> 16);
        out[2] = (byte) (s >>> 8);
        out[3] = (byte) s;
        System.arraycopy(unscaled, 0, out, 4, unscaled.length);
        return out;
    }

    static BigDecimal decodeDecimal(byte[] b) {
        int s = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        byte[] unscaled = java.util.Arrays.copyOfRange(b, 4, b.length);
        return new BigDecimal(new BigInteger(unscaled), s);
    }
}
