package io.millrace.executor.batch;

import io.millrace.executor.type.DataType;
import io.millrace.executor.type.TypeKind;
import io.millrace.storage.OrderedBytes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows and keys as bytes for storage. An <em>exact</em> encoding keeps every detail of a value
 * (a numeric's scale, a char's padding) so it decodes to the same value; a <em>key</em> encoding
 * makes values that compare equal in SQL (1.5 and 1.50) encode the same, for grouping, joining and
 * hashing. Both order like the values they encode.
 */
public final class RowCodec {
    private RowCodec() {
    }

    public static void writeValue(OrderedBytes out, DataType type, Object v, boolean exact) {
        if (v == null) {
            out.writeNull();
            return;
        }
        switch (type.physical()) {
            case LONG -> out.writeLong((Long) v);
            case DOUBLE -> out.writeDouble((Double) v);
            case BOOL -> out.writeBoolean((Boolean) v);
            case DECIMAL -> out.writeDecimal((BigDecimal) v, exact);
            case STRING -> {
                String s = (String) v;
                if (!exact && type.kind() == TypeKind.CHAR) {
                    int end = s.length();
                    while (end > 0 && s.charAt(end - 1) == ' ') {
                        end--;
                    }
                    s = s.substring(0, end);
                }
                out.writeString(s);
            }
            case ARRAY -> {
                // Each element behind a 1 byte, then a 0: arrays order element by element, a
                // prefix before the longer array, as PostgreSQL compares them.
                out.writeByte(OrderedBytes.VALUE_TAG);
                for (Object e : (List<?>) v) {
                    out.writeByte(1);
                    writeValue(out, type.element(), e, exact);
                }
                out.writeByte(0);
            }
        }
    }

    public static Object readValue(OrderedBytes.Reader in, DataType type, boolean exact) {
        if (in.readNullTag()) {
            return null;
        }
        return switch (type.physical()) {
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case BOOL -> in.readBoolean();
            case DECIMAL -> in.readDecimal(exact);
            case STRING -> in.readString();
            case ARRAY -> {
                List<Object> elements = new ArrayList<>();
                while (in.readByte() == 1) {
                    elements.add(readValue(in, type.element(), exact));
                }
                yield Collections.unmodifiableList(elements);
            }
        };
    }

    /** Appends the exact encoding of row {@code row} of {@code columns}. */
    public static void writeRow(OrderedBytes out, List<Column> columns, int row) {
        for (Column c : columns) {
            writeValue(out, c.type(), c.get(row), true);
        }
    }

    public static void writeRow(OrderedBytes out, List<DataType> types, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            writeValue(out, types.get(i), values[i], true);
        }
    }

    /** Decodes an exact row encoding into internal values. */
    public static Object[] readRow(OrderedBytes.Reader in, List<DataType> types) {
        Object[] values = new Object[types.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = readValue(in, types.get(i), true);
        }
        return values;
    }

    /** Appends the key encoding of columns {@code keys} of row {@code row}. */
    public static void writeKey(OrderedBytes out, List<Column> columns, List<Integer> keys, int row) {
        for (int k : keys) {
            Column c = columns.get(k);
            writeValue(out, c.type(), c.get(row), false);
        }
    }

    /** Whether any of the key columns is NULL in row {@code row}. */
    public static boolean anyNull(List<Column> columns, List<Integer> keys, int row) {
        for (int k : keys) {
            if (columns.get(k).isNull(row)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Appends a sort key for one value: ascending or descending, NULLs first or last. Equal values
     * encode equally; the order of encodings is the ORDER BY order.
     */
    public static void writeSortValue(OrderedBytes out, DataType type, Object v, boolean ascending,
            boolean nullsFirst) {
        if (v == null) {
            out.writeByte(nullsFirst ? 0x01 : 0x03);
            return;
        }
        OrderedBytes tmp = new OrderedBytes();
        writeValue(tmp, type, v, false);
        byte[] b = tmp.buffer();
        out.writeByte(0x02);
        for (int i = 1; i < tmp.length(); i++) {
            out.writeByte(ascending ? b[i] : ~b[i]);
        }
    }

    /** A stable 32-bit hash of a byte range, for routing keys to workers. */
    public static int hash(byte[] bytes, int length) {
        int h = 0x9747b28c;
        for (int i = 0; i < length; i++) {
            h ^= bytes[i];
            h *= 0x5bd1e995;
            h ^= h >>> 15;
        }
        return h;
    }
}
