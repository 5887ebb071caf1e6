package io.millrace.planner;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.type.RowSchema;
import java.util.List;

/**
 * What the planner knows of a relation in the catalog: its id (the storage key of its rows),
 * name, kind, columns, primary key column positions and, for a view, its query text.
 */
public record RelationInfo(long id, String schemaName, String name, RelationKind kind, RowSchema columns,
        List<Integer> primaryKey, String viewSql, List<String> viewSearchPath) {
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
    }

    /** The same relation with other column types (names and order unchanged). */
    public RelationInfo withColumns(RowSchema newColumns) {
        return new RelationInfo(id, schemaName, name, kind, newColumns, primaryKey, viewSql, viewSearchPath);
    }
}
