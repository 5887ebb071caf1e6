package io.millrace.executor.operator;

import io.millrace.executor.batch.BoolColumn;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.expr.Kernel;
import io.millrace.executor.plan.Filter;
import java.util.ArrayList;
import java.util.List;

/** Keeps rows whose predicate is TRUE, with their weights. Stateless. */
final class FilterOperator implements Operator {
    private final OperatorContext ctx;
    private final Kernel predicate;

    FilterOperator(OperatorContext ctx, Filter node) {
        this.ctx = ctx;
        this.predicate = ctx.compiler().compile(node.predicate());
    }

    @Override
    public List<ChangeBatch> step(List<List<ChangeBatch>> inputs) {
        List<ChangeBatch> out = new ArrayList<>();
        for (ChangeBatch batch : inputs.get(0)) {
            int n = batch.rowCount();
            if (n == 0) {
                continue;
            }
            BoolColumn keep = (BoolColumn) predicate.eval(Batches.evalInput(batch));
            int[] positions = new int[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (keep.isTrue(i)) {
                    positions[count++] = i;
                }
            }
            if (count == 0) {
                continue;
            }
            out.add(Batches.select(ctx.allocator(), batch, positions, count));
        }
        return out;
    }
}
