package io.millrace.executor.batch;

import io.millrace.executor.type.DataType;

/** Integers, dates, times and timestamps. */
public final class LongColumn extends Column {
    private final long[] values;

    public LongColumn(DataType type, long[] values, boolean[] nulls, int size) {
        super(type, size, nulls);
        this.values = values;
    }

    public long[] values() {
        return values;
    }

    public long value(int i) {
        return values[i];
    }

    @Override
    public Object get(int i) {
        return isNull(i) ? null : values[i];
    }

    @Override
    public Column select(int[] positions, int count) {
        long[] v = new long[count];
        boolean[] n = nulls == null ? null : new boolean[count];
        for (int i = 0; i < count; i++) {
            v[i] = values[positions[i]];
            if (n != null) {
                n[i] = nulls[positions[i]];
            }
        }
        return new LongColumn(type, v, n, count);
    }
}
