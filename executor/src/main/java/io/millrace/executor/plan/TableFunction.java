package io.millrace.executor.plan;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.expr.Expr;
import io.millrace.executor.type.RowSchema;
import java.util.List;

/**
 * A set-returning function called once per input row ({@code FROM t, unnest(t.a)},
 * {@code SELECT generate_series(1, n) FROM t}): each input row comes out once per row the call
 * returns, followed by that row's columns, then its ordinal when {@code ordinality} (WITH
 * ORDINALITY). An input row for which the call returns no rows is dropped, or with {@code outer}
 * (LEFT JOIN LATERAL ... ON true) kept once with NULLs for the function's columns.
 */
public record TableFunction(PlanNode input, Kind function, List<Expr> arguments, boolean ordinality, boolean outer,
        RowSchema schema) implements PlanNode {

    /** The set-returning functions there are. */
    public enum Kind {
        /** {@code generate_series(start, stop [, step])} over integers: one column. */
        GENERATE_SERIES,
        /** {@code unnest(array)}: one row per element, in order (NULL or empty arrays give none). */
        UNNEST,
        /** {@code information_schema._pg_expandarray(array)}: columns x (the element) and n (its 1-based index). */
        EXPAND_ARRAY,
        /** {@code json[b]_array_elements(j)}: one row per element (json[b]); {@code _text}: as text. */
        JSON_ARRAY_ELEMENTS, JSON_ARRAY_ELEMENTS_TEXT,
        /** {@code json[b]_object_keys(j)}: one row per key. */
        JSON_OBJECT_KEYS,
        /** {@code json[b]_each(j)}: one row per member, its key and value (json[b]; {@code _text}: text). */
        JSON_EACH, JSON_EACH_TEXT;

        /** How many columns a call returns. */
        public int width() {
            return this == EXPAND_ARRAY || this == JSON_EACH || this == JSON_EACH_TEXT ? 2 : 1;
        }
    }

    /** More rows than this from one call would be held in memory at once: refused (54000). */
    public static final long MAX_ROWS_PER_CALL = 1_000_000L;

    public TableFunction {
        requireNonNull(input, "input is null");
        requireNonNull(function, "function is null");
        arguments = List.copyOf(arguments);
        requireNonNull(schema, "schema is null");
        int expected = input.schema().size() + function.width() + (ordinality ? 1 : 0);
        if (schema.size() != expected) {
            throw new IllegalArgumentException("expected " + expected + " columns, got " + schema.size());
        }
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }

    @Override
    public PlanNode withInputs(List<PlanNode> newInputs) {
        return new TableFunction(newInputs.get(0), function, arguments, ordinality, outer, schema);
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitTableFunction(this);
    }
}
