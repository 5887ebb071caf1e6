package io.millrace.planner;

/** The kinds of relation a query can read. */
public enum RelationKind {
    TABLE,
    /** A named query, expanded where it is used. */
    VIEW,
    /** A query whose result is stored and kept up to date; read like a table. */
    MATERIALIZED_VIEW
}
