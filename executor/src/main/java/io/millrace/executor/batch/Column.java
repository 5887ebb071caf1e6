package io.millrace.executor.batch;

import io.millrace.executor.type.DataType;

/**
 * A column of values being computed on: the working form of an Arrow vector inside expression
 * kernels and operators. Values are held by {@link io.millrace.executor.type.TypeKind.Physical}
 * kind in plain Java arrays so kernels are tight loops.
 */
public abstract sealed class Column permits LongColumn, DoubleColumn, BoolColumn, ObjectColumn {
    protected final DataType type;
    protected final int size;
    /** Null flags, or null when no value is NULL. */
    protected final boolean[] nulls;

    protected Column(DataType type, int size, boolean[] nulls) {
        this.type = type;
        this.size = size;
        this.nulls = nulls;
    }

    public DataType type() {
        return type;
    }

    public int size() {
        return size;
    }

    public boolean isNull(int i) {
        return nulls != null && nulls[i];
    }

    /** The null flags, or null when there are no NULLs. Do not modify. */
    public boolean[] nulls() {
        return nulls;
    }

    public boolean hasNulls() {
        if (nulls == null) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (nulls[i]) {
                return true;
            }
        }
        return false;
    }

    /** The value at {@code i} in its internal Java form (Long, Double, Boolean, BigDecimal, String) or null. */
    public abstract Object get(int i);

    /** A column of {@code n} copies of one internal value. */
    public static Column constant(DataType type, Object value, int n) {
        boolean[] nulls = null;
        if (value == null) {
            nulls = new boolean[n];
            java.util.Arrays.fill(nulls, true);
        }
        return switch (type.physical()) {
            case LONG -> {
                long[] v = new long[n];
                if (value != null) {
                    java.util.Arrays.fill(v, (Long) value);
                }
                yield new LongColumn(type, v, nulls, n);
            }
            case DOUBLE -> {
                double[] v = new double[n];
                if (value != null) {
                    java.util.Arrays.fill(v, (Double) value);
                }
                yield new DoubleColumn(type, v, nulls, n);
            }
            case BOOL -> {
                boolean[] v = new boolean[n];
                if (value != null) {
                    java.util.Arrays.fill(v, (Boolean) value);
                }
                yield new BoolColumn(type, v, nulls, n);
            }
            case DECIMAL, STRING, ARRAY -> {
                Object[] v = new Object[n];
                if (value != null) {
                    java.util.Arrays.fill(v, value);
                }
                yield new ObjectColumn(type, v, nulls, n);
            }
        };
    }

    /** The rows of this column at {@code positions}, in that order. */
    public abstract Column select(int[] positions, int count);
}
