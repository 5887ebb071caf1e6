package io.millrace.executor.plan;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.type.RowSchema;
import java.util.List;

/**
 * Groups rows by the {@code groupKeys} columns and computes {@code calls} per group. Output: the
 * group columns, then one column per call. With no group keys there is exactly one output row,
 * even over no input.
 */
public record Aggregate(PlanNode input, List<Integer> groupKeys, List<AggregateCall> calls, RowSchema schema)
        implements PlanNode {
    public Aggregate {
        requireNonNull(input, "input is null");
        groupKeys = List.copyOf(groupKeys);
        calls = List.copyOf(calls);
        requireNonNull(schema, "schema is null");
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public PlanNode withInputs(List<PlanNode> newInputs) {
        return new Aggregate(newInputs.get(0), groupKeys, calls, schema);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitAggregate(this);
    }
}
