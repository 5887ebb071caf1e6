package io.millrace.executor.plan;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.expr.Expr;
import io.millrace.executor.type.RowSchema;
import java.util.List;

/** Keeps the rows for which {@code predicate} is TRUE. */
public record Filter(PlanNode input, Expr predicate) implements PlanNode {
    public Filter {
        requireNonNull(input, "input is null");
        requireNonNull(predicate, "predicate is null");
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
        return new Filter(newInputs.get(0), predicate);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitFilter(this);
    }
}
