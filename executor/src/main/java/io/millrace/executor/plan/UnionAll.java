package io.millrace.executor.plan;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.type.RowSchema;
import java.util.List;

/** All rows of all inputs, which have the same column types. */
public record UnionAll(List<PlanNode> inputs, RowSchema schema) implements PlanNode {
    public UnionAll {
        inputs = List.copyOf(inputs);
        requireNonNull(schema, "schema is null");
    }

    @Override
    public PlanNode withInputs(List<PlanNode> newInputs) {
        return new UnionAll(newInputs, schema);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitUnionAll(this);
    }
}
