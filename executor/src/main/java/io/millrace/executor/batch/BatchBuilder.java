package io.millrace.executor.batch;

import io.millrace.executor.type.RowSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Builds a {@link ChangeBatch} row by row. */
public final class BatchBuilder {
    private final RowSchema schema;
    private final ColumnBuilder[] columns;
    private long[] weights;
    private int rows;

    public BatchBuilder(RowSchema schema) {
        this(schema, 16);
    }

    public BatchBuilder(RowSchema schema, int capacity) {
        this.schema = schema;
        this.columns = new ColumnBuilder[schema.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new ColumnBuilder(schema.type(i), capacity);
        }
        this.weights = new long[Math.max(4, capacity)];
    }

    public RowSchema schema() {
        return schema;
    }

    public int rowCount() {
        return rows;
    }

    /** The builder of column {@code i}; append one value to every column, then {@link #endRow(long)}. */
    public ColumnBuilder column(int i) {
        return columns[i];
    }

    public void endRow(long weight) {
        if (rows == weights.length) {
            weights = Arrays.copyOf(weights, rows * 2);
        }
        weights[rows++] = weight;
    }

    /** Appends a row of internal values. */
    public void addRow(Object[] values, long weight) {
        for (int i = 0; i < columns.length; i++) {
            columns[i].append(values[i]);
        }
        endRow(weight);
    }

    /** Appends row {@code row} of {@code columns}. */
    public void addRow(List<Column> source, int row, long weight) {
        for (int i = 0; i < columns.length; i++) {
            columns[i].appendFrom(source.get(i), row);
        }
        endRow(weight);
    }

    public ChangeBatch build(BufferAllocator allocator) {
        List<Column> built = new ArrayList<>(columns.length);
        for (ColumnBuilder c : columns) {
            built.add(c.build());
        }
        return ChangeBatch.of(allocator, schema, built, weights, rows);
    }
}
