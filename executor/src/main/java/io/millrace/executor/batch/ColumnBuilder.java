package io.millrace.executor.batch;

import io.millrace.executor.type.DataType;
import java.util.Arrays;

/** Grows a {@link Column} one value at a time. */
public final class ColumnBuilder {
    private final DataType type;
    private long[] longs;
    private double[] doubles;
    private boolean[] bools;
    private Object[] objects;
    private boolean[] nulls;
    private boolean anyNull;
    private int size;

    public ColumnBuilder(DataType type, int capacity) {
        this.type = type;
        int cap = Math.max(capacity, 4);
        switch (type.physical()) {
            case LONG -> longs = new long[cap];
            case DOUBLE -> doubles = new double[cap];
            case BOOL -> bools = new boolean[cap];
            case DECIMAL, STRING, ARRAY -> objects = new Object[cap];
        }
        if (objects == null) {
            nulls = new boolean[cap];
        }
    }

    public DataType type() {
        return type;
    }

    public int size() {
        return size;
    }

    private void grow() {
        int cap = Math.max(8, size * 2);
        if (longs != null) {
            longs = Arrays.copyOf(longs, cap);
        } else if (doubles != null) {
            doubles = Arrays.copyOf(doubles, cap);
        } else if (bools != null) {
            bools = Arrays.copyOf(bools, cap);
        } else {
            objects = Arrays.copyOf(objects, cap);
        }
        if (nulls != null) {
            nulls = Arrays.copyOf(nulls, cap);
        }
    }

    private int capacity() {
        return longs != null ? longs.length : doubles != null ? doubles.length
                : bools != null ? bools.length : objects.length;
    }

    public void appendNull() {
        if (size == capacity()) {
            grow();
        }
        if (nulls != null) {
            nulls[size] = true;
            anyNull = true;
        }
        size++;
    }

    public void appendLong(long v) {
        if (size == capacity()) {
            grow();
        }
        longs[size++] = v;
    }

    public void appendDouble(double v) {
        if (size == capacity()) {
            grow();
        }
        doubles[size++] = v;
    }

    public void appendBoolean(boolean v) {
        if (size == capacity()) {
            grow();
        }
        bools[size++] = v;
    }

    /** Appends an internal value (Long, Double, Boolean, BigDecimal or String) or null. */
    public void append(Object v) {
        if (v == null) {
            appendNull();
            return;
        }
        switch (type.physical()) {
            case LONG -> appendLong(((Number) v).longValue());
            case DOUBLE -> appendDouble(((Number) v).doubleValue());
            case BOOL -> appendBoolean((Boolean) v);
            case DECIMAL, STRING, ARRAY -> {
                if (size == capacity()) {
                    grow();
                }
                objects[size++] = v;
            }
        }
    }

    /** Appends row {@code i} of {@code src}, which must have the same physical kind. */
    public void appendFrom(Column src, int i) {
        if (src.isNull(i)) {
            appendNull();
            return;
        }
        switch (type.physical()) {
            case LONG -> appendLong(((LongColumn) src).value(i));
            case DOUBLE -> appendDouble(((DoubleColumn) src).value(i));
            case BOOL -> appendBoolean(((BoolColumn) src).value(i));
            case DECIMAL, STRING, ARRAY -> append(src.get(i));
        }
    }

    public Column build() {
        boolean[] n = anyNull ? nulls : null;
        return switch (type.physical()) {
            case LONG -> new LongColumn(type, longs, n, size);
            case DOUBLE -> new DoubleColumn(type, doubles, n, size);
            case BOOL -> new BoolColumn(type, bools, n, size);
            case DECIMAL, STRING, ARRAY -> new ObjectColumn(type, objects, null, size);
        };
    }
}
