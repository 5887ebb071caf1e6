package io.millrace.executor.operator;

import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.batch.Column;
import io.millrace.executor.expr.EvalInput;
import io.millrace.executor.type.RowSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Small helpers for operators working on change batches. */
final class Batches {
    private Batches() {
    }

    /** The batch's columns as kernel input, read from Arrow only when a kernel asks. */
    static EvalInput evalInput(ChangeBatch batch) {
        return new EvalInput() {
            @Override
            public int rowCount() {
                return batch.rowCount();
            }

            @Override
            public Column column(int index) {
                return batch.column(index);
            }
        };
    }

    /** The same rows and weights in a new batch labelled with {@code schema} (same column types). */
    static ChangeBatch relabel(BufferAllocator allocator, RowSchema schema, ChangeBatch batch) {
        return ChangeBatch.of(allocator, schema, batch.columns(), batch.weights(), batch.rowCount());
    }

    /** A new batch of the rows at {@code positions}, with their weights. */
    static ChangeBatch select(BufferAllocator allocator, ChangeBatch batch, int[] positions, int count) {
        List<Column> cols = new ArrayList<>(batch.schema().size());
        for (int c = 0; c < batch.schema().size(); c++) {
            cols.add(batch.column(c).select(positions, count));
        }
        long[] weights = new long[count];
        for (int i = 0; i < count; i++) {
            weights[i] = batch.weight(positions[i]);
        }
        return ChangeBatch.of(allocator, batch.schema(), cols, weights, count);
    }
}
