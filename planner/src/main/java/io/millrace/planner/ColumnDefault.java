package io.millrace.planner;

import io.millrace.parser.ddl.IdentityGeneration;

/**
 * How a column is filled when a write does not give it a value. {@code expression} is its DEFAULT
 * expression as SQL text, or null for none (NULL); sequences in it are named by oid
 * ({@code nextval('16390'::regclass)}), as PostgreSQL keeps them by oid, so the expression means the
 * same whatever the writer's search_path. {@code identity} is how an identity column generates, or
 * null for any other column; an identity column's expression is its sequence's nextval.
 */
public record ColumnDefault(String expression, IdentityGeneration identity) {
    /** No default: the column is NULL when a write leaves it out. */
    public static final ColumnDefault NONE = new ColumnDefault(null, null);

    public ColumnDefault {
        if (identity != null && expression == null) {
            throw new IllegalArgumentException("an identity column generates from its sequence");
        }
    }

    public boolean isNone() {
        return expression == null;
    }
}
