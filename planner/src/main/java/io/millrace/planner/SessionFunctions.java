package io.millrace.planner;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What PostgreSQL's session and catalog information functions return for the session planning a
 * statement ({@code current_user}, {@code pg_table_is_visible(oid)}, {@code format_type(oid, int)},
 * ...). The planner turns each call into an expression over these values.
 */
public interface SessionFunctions {
    String currentUser();

    String currentDatabase();

    /** The first schema of the search path that exists, or null. */
    String currentSchema();

    /** The schemas of the search path that exist, in order. */
    List<String> searchPath();

    /** What {@code version()} returns. */
    String version();

    /** A setting's current value, or null when there is no such setting. */
    String setting(String name);

    /** Every setting's current value, by name as PostgreSQL spells it. */
    Map<String, String> settings();

    /**
     * The names values of {@code regType} (regclass, regtype, regnamespace, regrole) print as, by
     * oid: a relation's qualified with its schema where the search path would not find it.
     */
    Map<Long, String> objectNames(String regType);

    /** Role names by oid. */
    Map<Long, String> roleNames();

    /** The oids of relations that a name without schema would not find (pg_table_is_visible). */
    Set<Long> invisibleRelations();

    /** The query text of each view and materialized view, by oid. */
    Map<Long, String> viewDefinitions();

    /** pg_get_indexdef: the CREATE INDEX statement of each index, by oid. */
    Map<Long, String> indexDefinitions();

    /** The columns of each index, in order, by the index's oid (pg_get_indexdef(oid, n, pretty)). */
    Map<Long, List<String>> indexColumnNames();

    /** pg_get_constraintdef: each constraint as written in CREATE TABLE, by oid. */
    Map<Long, String> constraintDefinitions();

    /**
     * The oid a name stands for as {@code 'name'::regclass} (or regtype, regnamespace, regrole,
     * regproc) reads it, or null when there is no such object.
     */
    Long objectOid(String regType, String name);

    /** pg_relation_size (or with {@code total} pg_total_relation_size) of every relation and index, by oid. */
    Map<Long, Long> relationSizes(boolean total);

    /** When the server started (pg_postmaster_start_time()). */
    java.time.Instant serverStartTime();

    /** txid_current(): the transaction id the catalog's next change would have (the catalogs' xmin count the same way). */
    long currentXid();

    /**
     * pg_get_serial_sequence: the sequence (schema-qualified) the column {@code column} of the table
     * {@code table} (a name as a regclass reads it) owns, or null when it owns none.
     */
    String serialSequence(String table, String column);

    /** Type names as format_type spells them without a type modifier, by type oid. */
    Map<Long, String> typeNames();
}
