package io.millrace.executor.operator;

import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.batch.Column;
import io.millrace.executor.expr.EvalInput;
import io.millrace.executor.expr.Kernel;
import io.millrace.executor.plan.Project;
import io.millrace.executor.type.RowSchema;
import java.util.ArrayList;
import java.util.List;

/** Computes the output columns of every row; weights pass through. Stateless. */
final class ProjectOperator implements Operator {
    private final OperatorContext ctx;
    private final List<Kernel> expressions;
    private final RowSchema schema;

    ProjectOperator(OperatorContext ctx, Project node) {
        this.ctx = ctx;
        this.expressions = node.expressions().stream().map(ctx.compiler()::compile).toList();
        this.schema = node.schema();
    }

    @Override
    public List<ChangeBatch> step(List<List<ChangeBatch>> inputs) {
        List<ChangeBatch> out = new ArrayList<>();
        for (ChangeBatch batch : inputs.get(0)) {
            int n = batch.rowCount();
            if (n == 0) {
                continue;
            }
            EvalInput in = Batches.evalInput(batch);
            List<Column> cols = new ArrayList<>(expressions.size());
            for (Kernel k : expressions) {
                cols.add(k.eval(in));
            }
            out.add(ChangeBatch.of(ctx.allocator(), schema, cols, batch.weights(), n));
        }
        return out;
    }
}
