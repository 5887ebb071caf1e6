package io.millrace.server.catalog;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.relation.UniqueIndex;
import io.millrace.executor.type.RowSchema;
import io.millrace.planner.ColumnDefault;
import java.util.List;
import java.util.Set;

/**
 * One object in the catalog. {@code createSql} is the statement that created it, as SHOW CREATE
 * prints it; {@code querySql} the defining query of a view; {@code dependencies} the ids of every
 * object it reads, directly or through views; {@code onRelation} the table an index is on;
 * {@code planFingerprint} identifies the dataflow a materialized view's stored state belongs to;
 * {@code searchPath} the schemas a view's query looks names up in (the search_path it was created
 * under); {@code uniqueness} what an index enforces ({@link Uniqueness#NONE} for other objects);
 * {@code defaults} how a table's columns are filled when a write leaves them out (one per column,
 * or none at all), a table's dependencies then being the sequences they use; {@code sequence} what
 * a sequence is (null for other objects), {@code onRelation} being the table of the column that owns it.
 * A schema is an entry of kind SCHEMA in {@link Catalog#SCHEMAS}.
 */
public record CatalogEntry(long id, ObjectKind kind, String schemaName, String name, RowSchema columns,
        List<Integer> primaryKey, String createSql, String querySql, Set<Long> dependencies, long onRelation,
        String planFingerprint, List<String> searchPath, Uniqueness uniqueness, List<ColumnDefault> defaults,
        SequenceDefinition sequence) {
    /** An entry that is neither a table with defaults nor a sequence. */
    public CatalogEntry(long id, ObjectKind kind, String schemaName, String name, RowSchema columns,
            List<Integer> primaryKey, String createSql, String querySql, Set<Long> dependencies, long onRelation,
            String planFingerprint, List<String> searchPath, Uniqueness uniqueness) {
        this(id, kind, schemaName, name, columns, primaryKey, createSql, querySql, dependencies, onRelation,
                planFingerprint, searchPath, uniqueness, List.of(), null);
    }

    public CatalogEntry {
        requireNonNull(kind, "kind is null");
        requireNonNull(schemaName, "schemaName is null");
        requireNonNull(name, "name is null");
        requireNonNull(columns, "columns is null");
        primaryKey = List.copyOf(primaryKey);
        requireNonNull(createSql, "createSql is null");
        dependencies = Set.copyOf(dependencies);
        planFingerprint = planFingerprint == null ? "" : planFingerprint;
        searchPath = List.copyOf(searchPath);
        requireNonNull(uniqueness, "uniqueness is null");
        defaults = List.copyOf(defaults);
        if (!defaults.isEmpty() && defaults.size() != columns.size()) {
            throw new IllegalArgumentException("a default for each column, or none");
        }
        if ((kind == ObjectKind.SEQUENCE) != (sequence != null)) {
            throw new IllegalArgumentException("a sequence, and only a sequence, has a sequence definition");
        }
    }

    /** How column {@code index} is filled when a write leaves it out. */
    public ColumnDefault columnDefault(int index) {
        return defaults.isEmpty() ? ColumnDefault.NONE : defaults.get(index);
    }

    /** This table with other column defaults, reading the sequences {@code dependencies}. */
    public CatalogEntry withDefaults(List<ColumnDefault> newDefaults, Set<Long> newDependencies) {
        return new CatalogEntry(id, kind, schemaName, name, columns, primaryKey, createSql, querySql, newDependencies,
                onRelation, planFingerprint, searchPath, uniqueness, newDefaults, sequence);
    }

    public boolean isRelation() {
        return kind == ObjectKind.TABLE || kind == ObjectKind.VIEW || kind == ObjectKind.MATERIALIZED_VIEW;
    }

    /** Whether its rows are stored (a table or materialized view). */
    public boolean isStored() {
        return kind == ObjectKind.TABLE || kind == ObjectKind.MATERIALIZED_VIEW;
    }

    public CatalogEntry withPlanFingerprint(String fingerprint) {
        return new CatalogEntry(id, kind, schemaName, name, columns, primaryKey, createSql, querySql, dependencies,
                onRelation, fingerprint, searchPath, uniqueness, defaults, sequence);
    }

    /** Whether this is a unique index (a UNIQUE constraint's included). */
    public boolean isUniqueIndex() {
        return kind == ObjectKind.INDEX && uniqueness.isUnique();
    }

    /** This unique index as storage keeps it; {@code table} is the table it is on. */
    public UniqueIndex storedIndex(CatalogEntry table) {
        return new UniqueIndex(id, name, table.columns(),
                columns.names().stream().map(c -> table.columns().names().indexOf(c)).toList());
    }
}
