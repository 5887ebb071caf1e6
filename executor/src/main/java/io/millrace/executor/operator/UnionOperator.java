package io.millrace.executor.operator;

import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.type.RowSchema;
import java.util.ArrayList;
import java.util.List;

/** All changes of all inputs, relabelled with the union's schema. Stateless. */
final class UnionOperator implements Operator {
    private final OperatorContext ctx;
    private final RowSchema schema;

    UnionOperator(OperatorContext ctx, RowSchema schema) {
        this.ctx = ctx;
        this.schema = schema;
    }

    @Override
    public List<ChangeBatch> step(List<List<ChangeBatch>> inputs) {
        List<ChangeBatch> out = new ArrayList<>();
        for (List<ChangeBatch> input : inputs) {
            for (ChangeBatch b : input) {
                if (b.rowCount() > 0) {
                    out.add(Batches.relabel(ctx.allocator(), schema, b));
                }
            }
        }
        return out;
    }
}
