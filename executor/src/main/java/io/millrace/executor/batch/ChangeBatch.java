package io.millrace.executor.batch;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.type.RowSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The unit of data flowing between operators: rows in Arrow vectors plus a signed weight per row
 * (a Z-set delta). Weight +n inserts n copies of the row, -n deletes n copies; an update is the
 * old row at -1 and the new row at +1. A batch is immutable once built and owned by whoever
 * holds it last, who closes it.
 */
public final class ChangeBatch implements AutoCloseable {
    public static final String WEIGHT_COLUMN = "mr_weight";

    private final RowSchema schema;
    private final VectorSchemaRoot root;
    private final BigIntVector weights;
    private final Column[] columns;
    private boolean closed;

    private ChangeBatch(RowSchema schema, VectorSchemaRoot root) {
        this.schema = schema;
        this.root = root;
        this.weights = (BigIntVector) root.getVector(schema.size());
        this.columns = new Column[schema.size()];
    }

    /** A batch holding {@code columns} (each {@code weights.length} long) with those weights. */
    public static ChangeBatch of(BufferAllocator allocator, RowSchema schema, List<Column> columns, long[] weights,
            int rowCount) {
        requireNonNull(allocator, "allocator is null");
        if (columns.size() != schema.size()) {
            throw new IllegalArgumentException("expected " + schema.size() + " columns, got " + columns.size());
        }
        List<FieldVector> vectors = new ArrayList<>(schema.size() + 1);
        for (int i = 0; i < schema.size(); i++) {
            FieldVector v = ArrowColumns.newVector("c" + i, schema.type(i), allocator);
            ArrowColumns.write(columns.get(i), v);
            vectors.add(v);
        }
        BigIntVector w = new BigIntVector(WEIGHT_COLUMN, allocator);
        w.allocateNew(rowCount);
        for (int i = 0; i < rowCount; i++) {
            w.set(i, weights[i]);
        }
        w.setValueCount(rowCount);
        vectors.add(w);
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(rowCount);
        ChangeBatch batch = new ChangeBatch(schema, root);
        for (int i = 0; i < columns.size(); i++) {
            batch.columns[i] = columns.get(i);
        }
        return batch;
    }

    public RowSchema schema() {
        return schema;
    }

    public int rowCount() {
        return weights.getValueCount();
    }

    public boolean isEmpty() {
        return rowCount() == 0;
    }

    public long weight(int row) {
        return weights.get(row);
    }

    public long[] weights() {
        int n = rowCount();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = weights.get(i);
        }
        return out;
    }

    /** The Arrow vector of column {@code i}. */
    public FieldVector vector(int i) {
        return root.getVector(i);
    }

    /** The working form of column {@code i}, read from Arrow on first use. */
    public Column column(int i) {
        Column c = columns[i];
        if (c == null) {
            c = ArrowColumns.read(root.getVector(i), schema.type(i));
            columns[i] = c;
        }
        return c;
    }

    public List<Column> columns() {
        List<Column> all = new ArrayList<>(schema.size());
        for (int i = 0; i < schema.size(); i++) {
            all.add(column(i));
        }
        return all;
    }

    /** The internal values of row {@code row}. */
    public Object[] row(int row) {
        Object[] values = new Object[schema.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column(i).get(row);
        }
        return values;
    }

    /** Sum of all weights: the change in the number of rows this batch makes. */
    public long totalWeight() {
        long sum = 0;
        for (int i = 0; i < rowCount(); i++) {
            sum += weights.get(i);
        }
        return sum;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            root.close();
        }
    }
}
