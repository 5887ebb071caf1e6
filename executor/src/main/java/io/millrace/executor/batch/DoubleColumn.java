package io.millrace.executor.batch;

import io.millrace.executor.type.DataType;

/** real and double precision values. */
public final class DoubleColumn extends Column {
    private final double[] values;

    public DoubleColumn(DataType type, double[] values, boolean[] nulls, int size) {
        super(type, size, nulls);
        this.values = values;
    }

    public double[] values() {
        return values;
    }

    public double value(int i) {
        return values[i];
    }

    @Override
    public Object get(int i) {
        return isNull(i) ? null : values[i];
    }

    @Override
    public Column select(int[] positions, int count) {
        double[] v = new double[count];
        boolean[] n = nulls == null ? null : new boolean[count];
        for (int i = 0; i < count; i++) {
            v[i] = values[positions[i]];
            if (n != null) {
                n[i] = nulls[positions[i]];
            }
        }
        return new DoubleColumn(type, v, n, count);
    }
}
