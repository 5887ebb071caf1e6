package io.millrace.planner;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.type.RowSchema;
import java.util.List;

/**
 * What the planner knows of a relation in the catalog: its id (the storage key of its rows),
 * name, kind, columns, primary key column positions, for a view its query text, and for a table
 * its columns' defaults (one per column, or none at all when no column has one).
 */
public record RelationInfo(long id, String schemaName, String name, RelationKind kind, RowSchema columns,
        List<Integer> primaryKey, String viewSql, List<String> viewSearchPath, List<ColumnDefault> defaults) {
    /** A relation none of whose columns has a default. */
    public RelationInfo(long id, String schemaName, String name, RelationKind kind, RowSchema columns,
            List<Integer> primaryKey, String viewSql, List<String> viewSearchPath) {
        this(id, schemaName, name, kind, columns, primaryKey, viewSql, viewSearchPath, List.of());
    }

    public RelationInfo {
        requireNonNull(schemaName, "schemaName is null");
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(columns, "columns is null");
        primaryKey = List.copyOf(primaryKey);
        viewSearchPath = List.copyOf(viewSearchPath);
        if (kind == RelationKind.VIEW) {
            requireNonNull(viewSql, "viewSql is null");
        }
        defaults = List.copyOf(defaults);
        if (!defaults.isEmpty() && defaults.size() != columns.size()) {
            throw new IllegalArgumentException("a default for each column, or none");
        }
    }

    /** How column {@code index} is filled when a write leaves it out. */
    public ColumnDefault columnDefault(int index) {
        return defaults.isEmpty() ? ColumnDefault.NONE : defaults.get(index);
    }

    /** The same relation with other column types (names and order unchanged). */
    public RelationInfo withColumns(RowSchema newColumns) {
        return new RelationInfo(id, schemaName, name, kind, newColumns, primaryKey, viewSql, viewSearchPath, defaults);
    }
}
