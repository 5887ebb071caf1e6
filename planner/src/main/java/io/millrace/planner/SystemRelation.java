package io.millrace.planner;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.type.RowSchema;
import java.util.List;
import java.util.function.Supplier;

/**
 * A relation of the system catalogs ({@code pg_catalog}, {@code information_schema}): its rows
 * (internal values) describe the live catalog and are computed each time a query runs. One that
 * is {@code alwaysEmpty} describes objects Millrace does not have (policies, publications, ...);
 * the planner prunes it, and whatever it empties, before anything else.
 */
public record SystemRelation(String schemaName, String name, RowSchema columns, Supplier<List<List<Object>>> rows,
        boolean alwaysEmpty) {
    public SystemRelation {
        requireNonNull(schemaName, "schemaName is null");
        requireNonNull(name, "name is null");
        requireNonNull(columns, "columns is null");
        requireNonNull(rows, "rows is null");
    }

    public SystemRelation(String schemaName, String name, RowSchema columns, Supplier<List<List<Object>>> rows) {
        this(schemaName, name, columns, rows, false);
    }

    public static SystemRelation empty(String schemaName, String name, RowSchema columns) {
        return new SystemRelation(schemaName, name, columns, List::of, true);
    }
}
