package io.millrace.planner;

import java.util.Collection;

/** The planner's read-only view of the catalog, as of the statement being planned. */
public interface CatalogAccess {
    /** Every relation of one schema (e.g. {@code public}). */
    Collection<RelationInfo> relations(String schemaName);

    /** The relation named {@code name} in {@code schemaName}, or null. */
    RelationInfo relation(String schemaName, String name);

    /** The schemas that exist. */
    Collection<String> schemaNames();

    /**
     * The schemas a name without schema is looked for in, in order (the session's search_path, of
     * those that exist); pg_catalog is searched before them.
     */
    default java.util.List<String> searchPath() {
        return java.util.List.of("public");
    }

    /** Schemas of system relations, e.g. {@code pg_catalog}; found before the others by unqualified names. */
    default Collection<String> systemSchemaNames() {
        return java.util.List.of();
    }

    /** The system relation {@code name} in {@code schemaName}, or null. */
    default SystemRelation systemRelation(String schemaName, String name) {
        return null;
    }

    /** Every system relation of one schema. */
    default Collection<SystemRelation> systemRelations(String schemaName) {
        return java.util.List.of();
    }

    /**
     * The sequence {@code name} in {@code schemaName} as a relation (its one row: where it stands),
     * or null when there is none.
     */
    default SystemRelation sequence(String schemaName, String name) {
        return null;
    }

    /** The session's answers to catalog information functions; null outside a session. */
    default SessionFunctions sessionFunctions() {
        return null;
    }

    /** Passes every question to another catalog view; subclasses change some answers. */
    class Delegating implements CatalogAccess {
        private final CatalogAccess inner;

        public Delegating(CatalogAccess inner) {
            this.inner = inner;
        }

        @Override
        public Collection<RelationInfo> relations(String schemaName) {
            return inner.relations(schemaName);
        }

        @Override
        public RelationInfo relation(String schemaName, String name) {
            return inner.relation(schemaName, name);
        }

        @Override
        public Collection<String> schemaNames() {
            return inner.schemaNames();
        }

        @Override
        public java.util.List<String> searchPath() {
            return inner.searchPath();
        }

        @Override
        public Collection<String> systemSchemaNames() {
            return inner.systemSchemaNames();
        }

        @Override
        public SystemRelation systemRelation(String schemaName, String name) {
            return inner.systemRelation(schemaName, name);
        }

        @Override
        public Collection<SystemRelation> systemRelations(String schemaName) {
            return inner.systemRelations(schemaName);
        }

        @Override
        public SystemRelation sequence(String schemaName, String name) {
            return inner.sequence(schemaName, name);
        }

        @Override
        public SessionFunctions sessionFunctions() {
            return inner.sessionFunctions();
        }
    }
}
