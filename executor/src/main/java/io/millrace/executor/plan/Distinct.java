package io.millrace.executor.plan;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.type.RowSchema;
import java.util.List;

/** Each distinct input row once. */
public record Distinct(PlanNode input) implements PlanNode {
    public Distinct {
        requireNonNull(input, "input is null");
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
        return new Distinct(newInputs.get(0));
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitDistinct(this);
    }
}
