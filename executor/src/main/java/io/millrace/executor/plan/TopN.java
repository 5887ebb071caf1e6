package io.millrace.executor.plan;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.type.RowSchema;
import java.util.List;

/**
 * The rows at positions {@code offset} .. {@code offset + limit} of the input in {@code ordering}
 * ({@code limit} -1: no limit). Rows that tie on the ordering are ordered by their whole value,
 * so the result is deterministic.
 */
public record TopN(PlanNode input, List<SortKey> ordering, long offset, long limit) implements PlanNode {
    public TopN {
        requireNonNull(input, "input is null");
        ordering = List.copyOf(ordering);
    }

    @Override
    public RowSchema schema() {
        return input.schema();
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public PlanNode withInputs(List<PlanNode> newInputs) {
        return new TopN(newInputs.get(0), ordering, offset, limit);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitTopN(this);
    }
}
