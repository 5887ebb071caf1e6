package io.millrace.server.engine;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.relation.StoredRelation;
import io.millrace.planner.QueryPlan;
import io.millrace.server.catalog.Catalog;
import io.millrace.server.catalog.CatalogEntry;
import io.millrace.storage.Commit;
import io.millrace.storage.StateStore;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one timestamp writes, gathered while a write runs under the coordinator's lock:
 * table changes (applied to the rows as they are made, so later reads in the same write see them),
 * catalog changes, and extra storage writes. The coordinator then runs the views and commits it
 * all at once.
 */
public final class WriteContext {
    private final Coordinator coordinator;
    private final long timestamp;
    final StateStore relationState;
    final Commit commit;
    final Map<Long, List<ChangeBatch>> tableChanges = new LinkedHashMap<>();
    final List<CatalogEntry> addedEntries = new ArrayList<>();
    final Set<Long> removedEntries = new LinkedHashSet<>();
    final List<Runnable> onCommit = new ArrayList<>();
    final List<Runnable> onAbort = new ArrayList<>();
    final List<io.millrace.executor.dataflow.Dataflow> newDataflows = new ArrayList<>();
    private final Catalog.Version catalog;

    WriteContext(Coordinator coordinator, long timestamp, StateStore relationState, Commit commit,
            Catalog.Version catalog) {
        this.coordinator = coordinator;
        this.timestamp = timestamp;
        this.relationState = relationState;
        this.commit = commit;
        this.catalog = catalog;
    }

    public long timestamp() {
        return timestamp;
    }

    /** The catalog as it was when this write started. */
    public Catalog.Version catalog() {
        return catalog;
    }

    /** Runs a query over the current rows, this write's changes included. */
    public QueryResult query(QueryPlan plan, ZoneId zone, io.millrace.executor.expr.SequenceFunctions sequences, CancelToken cancel) {
        coordinator.checkReadable(plan.relations());
        return coordinator.runner().run(plan, new RelationSource() {
            @Override
            public List<ChangeBatch> all(long id) {
                return readRelation(id);
            }

            @Override
            public List<ChangeBatch> lookup(long id, List<Object> key) {
                StoredRelation r = coordinator.relation(id);
                return coordinator.single(r, r.lookup(relationState, key.toArray()));
            }
        }, zone, sequences, cancel);
    }

    /** All rows of a stored relation, this write's changes included, as insert batches. */
    public List<ChangeBatch> readRelation(long id) {
        return coordinator.relation(id).read(relationState, coordinator.allocator(), 4096);
    }

    /** Where batches built for this write are allocated. */
    public org.apache.arrow.memory.BufferAllocator allocator() {
        return coordinator.allocator();
    }

    public StoredRelation relation(long id) {
        return coordinator.relation(id);
    }

    /**
     * Applies one statement's changes to a table's rows, checking its primary key and unique
     * indexes row by row (a violation's key prints timestamptz in {@code zone}), and records them for
     * the views.
     */
    public void changeTable(long tableId, List<ChangeBatch> changes, ZoneId zone) {
        if (changes.isEmpty()) {
            return;
        }
        StoredRelation relation = coordinator.relation(tableId);
        try {
            relation.applyStatement(changes, relationState, zone);
        } catch (RuntimeException e) {
            changes.forEach(ChangeBatch::close);
            throw e;
        }
        tableChanges.computeIfAbsent(tableId, k -> new ArrayList<>()).addAll(changes);
    }

    /**
     * Adds a unique index to the catalog and fills it from its table's rows as this write sees them
     * (23505 when two rows share a key).
     */
    public void addUniqueIndex(CatalogEntry index, ZoneId zone) {
        addCatalogEntry(index);
        fillUniqueIndex(index, zone);
    }

    /**
     * Fills a unique index from its table's rows as this write sees them, replacing its entries
     * (over a transaction block's overlay: the block's rows, once the index is committed).
     */
    public void fillUniqueIndex(CatalogEntry index, ZoneId zone) {
        CatalogEntry table = catalog.get(index.onRelation());
        coordinator.relation(table.id()).fillIndex(index.storedIndex(table), relationState, zone);
    }

    public long allocateId() {
        return coordinator.catalogStore().allocateId(commit);
    }

    public void addCatalogEntry(CatalogEntry entry) {
        Catalog.write(commit, entry);
        addedEntries.add(entry);
    }

    public void removeCatalogEntry(long id) {
        Catalog.delete(commit, id);
        removedEntries.add(id);
    }

    /** Deletes every stored key starting with {@code prefix} (a dropped relation's rows, say) in this commit. */
    public void deletePrefix(byte[] prefix) {
        coordinator.store().deletePrefix(commit, prefix);
    }

    /** Extra writes for this timestamp. */
    public Commit commit() {
        return commit;
    }

    public void onCommit(Runnable r) {
        onCommit.add(r);
    }

    public void onAbort(Runnable r) {
        onAbort.add(r);
    }

    /**
     * Creates the dataflow of a new materialized view, runs it over the current rows and stores its
     * output; the view is maintained from the next timestamp on. Returns the error its query raised
     * on the current rows, if it did: the view is then created errored, and reading it reports the
     * error until a change makes the query succeed.
     */
    public MillraceException installMaterializedView(CatalogEntry entry, QueryPlan plan) {
        if (!entry.isStored()) {
            throw new MillraceException(SqlState.INTERNAL_ERROR, "not a materialized view");
        }
        return coordinator.installView(this, entry, plan);
    }
}
