package io.millrace.executor.batch;

import io.millrace.executor.type.DataType;

/** Numerics ({@link java.math.BigDecimal}) and strings ({@link String}); a null element is SQL NULL. */
public final class ObjectColumn extends Column {
    private final Object[] values;

    public ObjectColumn(DataType type, Object[] values, boolean[] nulls, int size) {
        super(type, size, nulls);
        this.values = values;
    }

    public Object[] values() {
        return values;
    }

    @Override
    public boolean isNull(int i) {
        return values[i] == null;
    }

    @Override
    public boolean hasNulls() {
        for (int i = 0; i < size; i++) {
            if (values[i] == null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object get(int i) {
        return values[i];
    }

    @Override
    public Column select(int[] positions, int count) {
        Object[] v = new Object[count];
        for (int i = 0; i < count; i++) {
            v[i] = values[positions[i]];
        }
        return new ObjectColumn(type, v, null, count);
    }
}
