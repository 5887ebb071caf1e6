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
    SINGLE_VALUE("single_value");

    private final String displayName;

    AggregateFunction(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
