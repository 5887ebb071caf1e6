package io.millrace.executor.plan;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.type.RowSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows of a stored relation (a table or materialized view). Run once, it reads a snapshot;
 * kept running, it receives the relation's changes.
 *
 * <p>{@code pointKey}, when not null, holds values (internal form) for every primary-key column:
 * the query only needs the row with that key, so a one-shot run may look it up instead of reading
 * the relation. The predicate that implies it stays in the plan, so reading more rows is still
 * correct.
 */
public record Scan(long relationId, String relationName, RowSchema schema, List<Object> pointKey) implements PlanNode {
    public Scan {
        requireNonNull(relationName, "relationName is null");
        requireNonNull(schema, "schema is null");
        pointKey = pointKey == null ? null : Collections.unmodifiableList(new ArrayList<>(pointKey));
    }

    public Scan(long relationId, String relationName, RowSchema schema) {
        this(relationId, relationName, schema, null);
    }

    /** The same scan, reading only the row with this primary key. */
    public Scan withPointKey(List<Object> key) {
        return new Scan(relationId, relationName, schema, key);
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
