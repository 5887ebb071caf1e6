package io.millrace.planner;

/** How a plan will run, which decides where ORDER BY and LIMIT go. */
public enum PlanPurpose {
    /** Once over a snapshot: the result is sorted and cut at the end. */
    ONE_SHOT,
    /** Kept running (a materialized view or a subscription): LIMIT becomes a maintained top-N. */
    MAINTAINED
}
