package io.millrace.executor.plan;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.type.DataType;

/**
 * One aggregate of a {@link Aggregate}: the function, its argument column (-1 for COUNT(*)),
 * whether it aggregates distinct values, an optional filter column (a boolean input column
 * that must be TRUE for the row to count, -1 for none) and the result type.
 */
public record AggregateCall(AggregateFunction function, int argument, boolean distinct, int filter,
        DataType resultType) {
    public AggregateCall {
        requireNonNull(function, "function is null");
        requireNonNull(resultType, "resultType is null");
    }

    @Override
    public String toString() {
        String arg = argument < 0 ? "*" : (distinct ? "DISTINCT " : "") + "#" + argument;
        String base = function == AggregateFunction.COUNT_STAR ? "count(*)" : function.displayName() + "(" + arg + ")";
        return filter < 0 ? base : base + " FILTER (#" + filter + ")";
    }
}
