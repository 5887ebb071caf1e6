package io.millrace.executor.operator;

import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.type.RowSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a stored relation's rows enter the dataflow: the dataflow hands it the relation's changes
 * (or, the first time, its snapshot as inserts) and it passes them on.
 */
final class ScanOperator implements Operator {
    private final OperatorContext ctx;
    private final RowSchema schema;

    ScanOperator(OperatorContext ctx, RowSchema schema) {
        this.ctx = ctx;
        this.schema = schema;
    }

    @Override
    public List<ChangeBatch> step(List<List<ChangeBatch>> inputs) {
        List<ChangeBatch> out = new ArrayList<>();
        for (ChangeBatch b : inputs.get(0)) {
            if (b.rowCount() > 0) {
                // A copy, so the dataflow can free every batch it handed out after the step.
                out.add(Batches.relabel(ctx.allocator(), schema, b));
            }
        }
        return out;
    }
}
