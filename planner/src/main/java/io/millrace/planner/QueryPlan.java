package io.millrace.planner;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.plan.PlanNode;
import io.millrace.executor.plan.SortKey;
import io.millrace.executor.type.RowSchema;
import java.util.List;
import java.util.Set;

/**
 * A planned query, ready to run. {@code root} produces rows of its own schema; a one-shot run then
 * sorts them by {@code ordering}, applies {@code offset} and {@code limit} (-1: none), and keeps
 * the {@code outputColumns}, which {@code outputSchema} describes. A maintained plan (a view or
 * subscription) already has any LIMIT as a TopN and the output projection in its root, so its
 * ordering is empty and its output columns are all of the root's.
 */
public record QueryPlan(PlanNode root, List<SortKey> ordering, long offset, long limit, List<Integer> outputColumns,
        RowSchema outputSchema, Set<Long> relations) {
    public QueryPlan {
        requireNonNull(root, "root is null");
        ordering = List.copyOf(ordering);
        outputColumns = List.copyOf(outputColumns);
        requireNonNull(outputSchema, "outputSchema is null");
        relations = Set.copyOf(relations);
    }
}
