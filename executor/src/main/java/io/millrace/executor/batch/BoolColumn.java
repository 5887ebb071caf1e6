package io.millrace.executor.batch;

import io.millrace.executor.type.DataType;

/** Booleans, with SQL's NULL as the third value. */
public final class BoolColumn extends Column {
    private final boolean[] values;

    public BoolColumn(DataType type, boolean[] values, boolean[] nulls, int size) {
        super(type, size, nulls);
        this.values = values;
    }

    public boolean[] values() {
        return values;
    }

    public boolean value(int i) {
        return values[i];
    }

    /** True where the value is TRUE (not FALSE, not NULL): what WHERE keeps. */
    public boolean isTrue(int i) {
        return values[i] && !isNull(i);
    }

    @Override
    public Object get(int i) {
        return isNull(i) ? null : values[i];
    }

    @Override
    public Column select(int[] positions, int count) {
        boolean[] v = new boolean[count];
        boolean[] n = nulls == null ? null : new boolean[count];
        for (int i = 0; i < count; i++) {
            v[i] = values[positions[i]];
            if (n != null) {
                n[i] = nulls[positions[i]];
            }
        }
        return new BoolColumn(type, v, n, count);
    }
}
