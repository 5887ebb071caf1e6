package io.millrace.executor.plan;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.expr.Expr;
import io.millrace.executor.type.RowSchema;
import java.util.List;

/** Computes each output column from the input row. */
public record Project(PlanNode input, List<Expr> expressions, RowSchema schema) implements PlanNode {
    public Project {
        requireNonNull(input, "input is null");
        expressions = List.copyOf(expressions);
        requireNonNull(schema, "schema is null");
        if (expressions.size() != schema.size()) {
            throw new IllegalArgumentException("expressions and schema differ in size");
        }
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public PlanNode withInputs(List<PlanNode> newInputs) {
        return new Project(newInputs.get(0), expressions, schema);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitProject(this);
    }
}
