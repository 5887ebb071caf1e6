package io.millrace.executor.plan;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.expr.Expr;
import io.millrace.executor.type.RowSchema;
import java.util.List;

/**
 * Joins rows whose key columns are equal ({@code leftKeys[i] = rightKeys[i]}; NULL never equals
 * NULL unless {@code nullSafe[i]}) and for which {@code residual}, over the left columns followed
 * by the right columns, is TRUE. No keys means a cross join filtered by the residual.
 */
public record Join(PlanNode left, PlanNode right, JoinKind kind, List<Integer> leftKeys, List<Integer> rightKeys,
        List<Boolean> nullSafe, Expr residual, RowSchema schema) implements PlanNode {
    public Join {
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
        requireNonNull(kind, "kind is null");
        leftKeys = List.copyOf(leftKeys);
        rightKeys = List.copyOf(rightKeys);
        nullSafe = List.copyOf(nullSafe);
        requireNonNull(schema, "schema is null");
        if (leftKeys.size() != rightKeys.size() || leftKeys.size() != nullSafe.size()) {
            throw new IllegalArgumentException("join key lists differ in size");
        }
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(left, right);
    }

    @Override
    public PlanNode withInputs(List<PlanNode> newInputs) {
        return new Join(newInputs.get(0), newInputs.get(1), kind, leftKeys, rightKeys, nullSafe, residual, schema);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitJoin(this);
    }
}
