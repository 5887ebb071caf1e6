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
}
