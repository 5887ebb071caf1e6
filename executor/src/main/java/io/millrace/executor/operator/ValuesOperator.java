package io.millrace.executor.operator;

import io.millrace.executor.batch.BatchBuilder;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.plan.Values;
import java.util.List;

/** Emits constant rows once, at the dataflow's first timestamp; remembers that it did. */
final class ValuesOperator implements Operator {
    private static final byte[] EMITTED = {1};

    private final OperatorContext ctx;
    private final Values node;
    private final byte[] flagKey;

    ValuesOperator(OperatorContext ctx, Values node) {
        this.ctx = ctx;
        this.node = node;
        this.flagKey = ctx.statePrefix(0);
    }

    @Override
    public List<ChangeBatch> step(List<List<ChangeBatch>> inputs) {
        if (ctx.worker() != 0 || ctx.state().get(flagKey) != null) {
            return List.of();
        }
        ctx.state().put(flagKey, EMITTED);
        BatchBuilder b = new BatchBuilder(node.schema(), node.rows().size());
        for (List<Object> row : node.rows()) {
            b.addRow(row.toArray(), 1);
        }
        return List.of(b.build(ctx.allocator()));
    }
}
