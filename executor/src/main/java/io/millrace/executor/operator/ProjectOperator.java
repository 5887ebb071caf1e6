package io.millrace.executor.operator;

import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.batch.Column;
import io.millrace.executor.expr.EvalInput;
import io.millrace.executor.expr.Expr;
import io.millrace.executor.expr.Kernel;
import io.millrace.executor.plan.Project;
import io.millrace.executor.type.RowSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes the output columns of every row; weights pass through. Stateless. A row standing for
 * several copies (weight 2 or more) is split into single copies first when an expression is
 * volatile, so that each copy gets its own nextval() or gen_random_uuid().
 */
final class ProjectOperator implements Operator {
    private final OperatorContext ctx;
    private final List<Kernel> expressions;
    private final RowSchema schema;
    private final boolean volatileExpressions;

    ProjectOperator(OperatorContext ctx, Project node) {
        this.ctx = ctx;
        this.expressions = node.expressions().stream().map(ctx.compiler()::compile).toList();
        this.schema = node.schema();
        this.volatileExpressions = node.expressions().stream().anyMatch(ProjectOperator::isVolatile);
    }

    private static boolean isVolatile(Expr e) {
        if (e instanceof Expr.Call c) {
            return c.function().isVolatile() || c.args().stream().anyMatch(ProjectOperator::isVolatile);
        }
        if (e instanceof Expr.Cast c) {
            return isVolatile(c.input());
        }
        if (e instanceof Expr.Case c) {
            return c.conditions().stream().anyMatch(ProjectOperator::isVolatile)
                    || c.results().stream().anyMatch(ProjectOperator::isVolatile) || isVolatile(c.otherwise());
        }
        return false;
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
            long[] weights = batch.weights();
            if (volatileExpressions) {
                int[] copies = singleCopies(weights, n);
                if (copies != null) {
                    in = in.select(copies, copies.length);
                    long[] single = new long[copies.length];
                    for (int i = 0; i < copies.length; i++) {
                        single[i] = Long.signum(weights[copies[i]]);
                    }
                    weights = single;
                    n = copies.length;
                }
            }
            List<Column> cols = new ArrayList<>(expressions.size());
            for (Kernel k : expressions) {
                cols.add(k.eval(in));
            }
            out.add(ChangeBatch.of(ctx.allocator(), schema, cols, weights, n));
        }
        return out;
    }

    /** Each row's position once per copy it stands for, or null when every row is one copy. */
    private static int[] singleCopies(long[] weights, int n) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += Math.abs(weights[i]);
        }
        if (total == n) {
            return null;
        }
        int[] positions = new int[Math.toIntExact(total)];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (long c = Math.abs(weights[i]); c > 0; c--) {
                positions[p++] = i;
            }
        }
        return positions;
    }
}
