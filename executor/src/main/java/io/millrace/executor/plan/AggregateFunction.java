package io.millrace.executor.plan;

/** Aggregate functions; all of them support retraction. */
public enum AggregateFunction {
    COUNT_STAR("count(*)"),
    COUNT("count"),
    SUM("sum"),
    AVG("avg"),
    MIN("min"),
    MAX("max"),
    BOOL_AND("bool_and"),
    BOOL_OR("bool_or"),
    /** The group's only value; more than one row is error 21000 (a scalar subquery's rule). */
    SINGLE_VALUE("single_value"),
    /** The group's values (NULLs included) as an array, in ascending value order; NULL for no rows. */
    ARRAY_AGG("array_agg");

    private final String displayName;

    AggregateFunction(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
