package io.millrace.executor.expr;

import io.millrace.executor.batch.Column;
import java.util.List;

/** The rows a kernel evaluates over: a number of rows and their columns. */
public interface EvalInput {
    int rowCount();

    Column column(int index);

    static EvalInput of(List<Column> columns, int rowCount) {
        return new EvalInput() {
            @Override
            public int rowCount() {
                return rowCount;
            }

            @Override
            public Column column(int index) {
                return columns.get(index);
            }
        };
    }

    /** The rows at {@code positions} only; columns are selected when first asked for. */
    default EvalInput select(int[] positions, int count) {
        EvalInput base = this;
        return new EvalInput() {
            private final java.util.Map<Integer, Column> selected = new java.util.HashMap<>();

            @Override
            public int rowCount() {
                return count;
            }

            @Override
            public Column column(int index) {
                return selected.computeIfAbsent(index, i -> base.column(i).select(positions, count));
            }
        };
    }
}
