package io.millrace.executor.plan;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.type.RowSchema;
import java.util.List;

/**
 * The rows of a stored relation (a table or materialized view). Run once, it reads a snapshot;
 * kept running, it receives the relation's changes.
 */
public record Scan(long relationId, String relationName, RowSchema schema) implements PlanNode {
    public Scan {
        requireNonNull(relationName, "relationName is null");
        requireNonNull(schema, "schema is null");
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }

    @Override
    public PlanNode withInputs(List<PlanNode> newInputs) {
        return this;
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitScan(this);
    }
}
