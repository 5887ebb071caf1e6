package io.millrace.server.engine;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.type.RowSchema;
import io.millrace.executor.batch.Consolidation;
import io.millrace.executor.dataflow.Dataflow;
import io.millrace.executor.dataflow.WorkerPool;
import io.millrace.executor.plan.PlanPrinter;
import io.millrace.executor.relation.StoredRelation;
import io.millrace.planner.QueryPlan;
import io.millrace.server.catalog.Catalog;
import io.millrace.server.catalog.CatalogEntry;
import io.millrace.server.catalog.ObjectKind;
import io.millrace.storage.Commit;
import io.millrace.storage.Keys;
import io.millrace.storage.StateMemory;
import io.millrace.storage.StateStore;
import io.millrace.storage.Store;
import io.millrace.storage.StoreSnapshot;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer. It picks every logical timestamp, and for each one applies the table changes,
 * runs every affected materialized view's dataflow, and commits table rows, view rows, operator
 * state and catalog changes in a single synced RocksDB write before anyone is told the write
 * succeeded. Reads take a RocksDB snapshot, which always falls between two commits, so they see
 * every acknowledged write and never half of one.
 */
public final class Coordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
    private static final byte[] LAST_TIMESTAMP = Keys.meta("last_timestamp");
    private static final int SNAPSHOT_BATCH_ROWS = 4096;

    private final Store store;
    private final Catalog catalog;
    private final WorkerPool pool;
    private final BufferAllocator allocator;
    private final QueryRunner runner;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final ViewMaintenance views;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Map<Long, StoredRelation> relations = new ConcurrentHashMap<>();
    private final AtomicLong subscriptionIds = new AtomicLong(Long.MIN_VALUE / 2);
    private final ScheduledExecutorService ticker;
    private volatile long lastTimestamp;
    private final EngineMetrics metrics;
    private final StateMemory stateMemory = StateMemory.quarterOfHeap();

    /** Counters the coordinator keeps for the metrics endpoint. */
    public static final class EngineMetrics {
        public final AtomicLong commits = new AtomicLong();
        public final AtomicLong rowsWritten = new AtomicLong();
        public final AtomicLong queries = new AtomicLong();
        public final AtomicLong commitNanos = new AtomicLong();
    }

    public Coordinator(Store store, Catalog catalog, int workers) {
        this.store = store;
        this.catalog = catalog;
        this.pool = new WorkerPool(workers);
        this.allocator = new RootAllocator();
        this.runner = new QueryRunner(pool, allocator);
        this.metrics = new EngineMetrics();
        this.views = new ViewMaintenance(store, pool, allocator, stateMemory);
        byte[] last = store.get(LAST_TIMESTAMP);
        this.lastTimestamp = last == null ? 0 : Keys.readLongValue(last);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "millrace-progress");
            t.setDaemon(true);
            return t;
        });
    }

    public EngineMetrics metrics() {
        return metrics;
    }

    Store store() {
        return store;
    }

    /** About how many bytes a stored relation's rows take on disk and in memory, with its dataflow's state if asked. */
    public long storedBytes(long relationId, boolean withState) {
        long bytes = store.approximateSize(Keys.relation(relationId));
        return withState ? bytes + store.approximateSize(Keys.dataflowState(relationId)) : bytes;
    }

    Catalog catalogStore() {
        return catalog;
    }

    BufferAllocator allocator() {
        return allocator;
    }

    QueryRunner runner() {
        return runner;
    }

    public int workers() {
        return pool.workers();
    }

    /** The timestamp of the last commit. */
    public long lastTimestamp() {
        return lastTimestamp;
    }

    /** The stored rows of a table or materialized view. */
    public StoredRelation relation(long id) {
        return relations.computeIfAbsent(id, k -> {
            CatalogEntry e = catalog.current().get(k);
            if (e == null || !e.isStored()) {
                throw new MillraceException(SqlState.UNDEFINED_TABLE, "relation with id " + k + " does not exist");
            }
            return new StoredRelation(e.id(), e.name(), e.columns(), e.primaryKey(),
                    catalog.current().uniqueIndexes(k).stream().map(index -> index.storedIndex(e)).toList());
        });
    }

    /**
     * Recreates the dataflows of the stored materialized views. A view whose stored state came from a
     * different plan (another Millrace version) is rebuilt from its inputs.
     */
    public void start(Function<CatalogEntry, QueryPlan> planner) {
        List<CatalogEntry> rebuild = new ArrayList<>();
        for (CatalogEntry e : catalog.current().entries()) {
            if (e.kind() != ObjectKind.MATERIALIZED_VIEW) {
                continue;
            }
            QueryPlan plan = planner.apply(e);
            String fingerprint = fingerprint(plan);
            if (!fingerprint.equals(e.planFingerprint())) {
                rebuild.add(e);
                continue;
            }
            Dataflow df = views.newDataflow(plan, e.id(), false);
            views.register(new MaintainedView(e.id(), e.name(), plan, df, relation(e.id())));
        }
        for (CatalogEntry e : rebuild) {
            LOG.info("rebuilding materialized view {}: its plan changed", e.name());
            QueryPlan plan = planner.apply(e);
            MillraceException error = write(ctx -> {
                ctx.deletePrefix(Keys.relation(e.id()));
                ctx.deletePrefix(Keys.dataflowState(e.id()));
                return installView(ctx, e, plan);
            });
            if (error != null) {
                LOG.warn("materialized view {} fails on its data: {}", e.name(), error.getMessage());
            }
        }
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        LOG.info("coordinator started at timestamp {} with {} materialized views and {} workers", lastTimestamp,
                views.size(), pool.workers());
    }

    static String fingerprint(QueryPlan plan) {
        return Integer.toHexString(PlanPrinter.print(plan.root()).hashCode()) + ":" + plan.outputSchema();
    }

    // ---- reads -----------------------------------------------------------------------------------

    /** Runs a query once over a snapshot of everything committed so far. */
    public QueryResult query(QueryPlan plan, ZoneId zone, io.millrace.executor.expr.SequenceFunctions sequences, CancelToken cancel) {
        metrics.queries.incrementAndGet();
        views.checkReadable(plan.relations());
        try (StoreSnapshot snapshot = store.snapshot()) {
            return runner.run(plan, new RelationSource() {
                @Override
                public List<ChangeBatch> all(long id) {
                    return relation(id).read(snapshot, allocator, SNAPSHOT_BATCH_ROWS);
                }

                @Override
                public List<ChangeBatch> lookup(long id, List<Object> key) {
                    return single(relation(id), relation(id).lookup(snapshot, key.toArray()));
                }
            }, zone, sequences, cancel);
        }
    }

    /** Runs a query whose only input is {@code rows} of relation {@code relationId} (e.g. a write's RETURNING). */
    public QueryResult queryOver(QueryPlan plan, long relationId, RowSchema schema, List<Object[]> rows, ZoneId zone,
            io.millrace.executor.expr.SequenceFunctions sequences, CancelToken cancel) {
        return runner.run(plan, new RelationSource() {
            @Override
            public List<ChangeBatch> all(long id) {
                if (id != relationId) {
                    throw new IllegalStateException("relation " + id + " is not this query's input");
                }
                io.millrace.executor.batch.BatchBuilder b = new io.millrace.executor.batch.BatchBuilder(schema,
                        Math.max(1, rows.size()));
                for (Object[] row : rows) {
                    b.addRow(row, 1);
                }
                return List.of(b.build(allocator));
            }

            @Override
            public List<ChangeBatch> lookup(long id, List<Object> key) {
                return all(id);
            }
        }, zone, sequences, cancel);
    }

    /** A batch holding {@code row} once, or no batch when it is null. */
    List<ChangeBatch> single(StoredRelation relation, Object[] row) {
        if (row == null) {
            return List.of();
        }
        io.millrace.executor.batch.BatchBuilder b = new io.millrace.executor.batch.BatchBuilder(relation.schema(), 1);
        b.addRow(row, 1);
        return List.of(b.build(allocator));
    }

    /** Fails with a view's error if {@code relations} include an errored view. */
    void checkReadable(Set<Long> relations) {
        views.checkReadable(relations);
    }

    /** A consistent snapshot for point reads; close it. */
    public StoreSnapshot snapshot() {
        return store.snapshot();
    }

    // ---- writes ----------------------------------------------------------------------------------

    /** A unit of work run under the write lock at one timestamp. */
    @FunctionalInterface
    public interface WriteAction<T> {
        T run(WriteContext ctx);
    }

    /**
     * Runs {@code action} at a new timestamp, brings every affected view up to date, and commits
     * it all durably. Returns after the commit is on disk. On failure nothing is applied.
     */
    public <T> T write(WriteAction<T> action) {
        lock.lock();
        try {
            long start = System.nanoTime();
            long ts = Math.max(lastTimestamp + 1, System.currentTimeMillis());
            StateStore relationState = new StateStore(store, null, false);
            ViewMaintenance.Round round = null;
            Map<Long, List<ChangeBatch>> changes = new LinkedHashMap<>();
            try (Commit commit = store.newCommit()) {
                WriteContext ctx = new WriteContext(this, ts, relationState, commit, catalog.current());
                T result;
                try {
                    result = action.run(ctx);
                    changes.putAll(ctx.tableChanges);
                    round = views.new Round(ctx, changes);
                    round.run();
                    relationState.flushTo(commit);
                    round.flushTo(commit);
                    for (Dataflow df : ctx.newDataflows) {
                        df.flushStateTo(commit);
                    }
                    commit.put(LAST_TIMESTAMP, Keys.longValue(ts));
                    store.write(commit);
                    round.committed();
                    for (Dataflow df : ctx.newDataflows) {
                        df.stateCommitted();
                    }
                } catch (RuntimeException | Error e) {
                    ctx.tableChanges.values().forEach(l -> l.forEach(ChangeBatch::close));
                    if (round != null) {
                        round.aborted();
                    }
                    ctx.onAbort.forEach(Runnable::run);
                    throw e;
                }
                lastTimestamp = ts;
                Set<Long> changedRelations = changedRelations(ctx);
                catalog.apply(ctx.addedEntries, ctx.removedEntries);
                changedRelations.forEach(relations::remove);
                ctx.onCommit.forEach(Runnable::run);
                long rows = 0;
                for (List<ChangeBatch> l : ctx.tableChanges.values()) {
                    for (ChangeBatch b : l) {
                        rows += b.rowCount();
                    }
                }
                metrics.rowsWritten.addAndGet(rows);
                metrics.commits.incrementAndGet();
                metrics.commitNanos.addAndGet(System.nanoTime() - start);
                advanceSubscriptions(ts, changes, round.newErrors());
                return result;
            } finally {
                for (List<ChangeBatch> l : changes.values()) {
                    l.forEach(ChangeBatch::close);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The relations whose stored form a write's catalog changes change: those it removes, and the
     * tables whose indexes it adds or removes (their unique indexes are checked as their rows change).
     */
    private Set<Long> changedRelations(WriteContext ctx) {
        Set<Long> changed = new HashSet<>(ctx.removedEntries);
        for (long id : ctx.removedEntries) {
            CatalogEntry e = catalog.current().get(id);
            if (e != null && e.kind() == ObjectKind.INDEX) {
                changed.add(e.onRelation());
            }
        }
        for (CatalogEntry e : ctx.addedEntries) {
            if (e.kind() == ObjectKind.INDEX) {
                changed.add(e.onRelation());
            }
        }
        return changed;
    }

    /** Uncommitted table state over the committed state: a transaction block's own writes. */
    public StateStore newOverlay() {
        return new StateStore(store, null, false);
    }

    /**
     * Runs {@code action} as a write would, over {@code overlay}, and commits nothing: the table
     * changes it records stay in the overlay, so later actions over the same overlay see them.
     */
    public <T> T dryRunOver(StateStore overlay, WriteAction<T> action) {
        lock.lock();
        try (Commit commit = store.newCommit()) {
            WriteContext ctx = new WriteContext(this, lastTimestamp + 1, overlay, commit, catalog.current());
            try {
                return action.run(ctx);
            } finally {
                ctx.tableChanges.values().forEach(l -> l.forEach(ChangeBatch::close));
            }
        } finally {
            lock.unlock();
        }
    }

    private static boolean touches(Set<Long> inputs, Map<Long, List<ChangeBatch>> changes) {
        for (long id : changes.keySet()) {
            if (inputs.contains(id)) {
                return true;
            }
        }
        return false;
    }

    private void advanceSubscriptions(long ts, Map<Long, List<ChangeBatch>> changes,
            Map<Long, MillraceException> newErrors) {
        for (Subscription s : subscriptions) {
            if (s.isClosed()) {
                subscriptions.remove(s);
                s.dataflow().close();
                continue;
            }
            for (long r : s.dataflow().relations()) {
                if (newErrors.containsKey(r)) {
                    s.fail(newErrors.get(r));
                }
            }
            if (touches(s.dataflow().relations(), changes)) {
                s.advance(ts, changes);
            }
            s.progressed(ts + 1);
        }
    }

    /** Called once a second: lets subscriptions that report progress know time moved on. */
    private void tick() {
        if (!lock.tryLock()) {
            return;
        }
        try {
            long now = Math.max(lastTimestamp, System.currentTimeMillis());
            for (Subscription s : subscriptions) {
                s.progressed(now);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Creates a view's dataflow, runs it over the current rows and stores its output. When its query
     * fails on the current rows (or reads an errored view), the view is created errored and the
     * error is returned: it is maintained from then on and comes back once a change fixes it.
     */
    MillraceException installView(WriteContext ctx, CatalogEntry entry, QueryPlan plan) {
        Dataflow df = views.newDataflow(plan, entry.id(), true);
        StoredRelation relation = new StoredRelation(entry.id(), entry.name(), entry.columns(), entry.primaryKey(),
                List.of());
        relations.put(entry.id(), relation);
        ctx.onAbort(() -> {
            relations.remove(entry.id());
            df.close();
        });
        ctx.addCatalogEntry(entry.withPlanFingerprint(fingerprint(plan)));
        MillraceException error = views.firstError(plan.relations());
        if (error == null) {
            try {
                fill(ctx, df, relation);
            } catch (MillraceException e) {
                if (!ViewMaintenance.isDataError(e)) {
                    throw e;
                }
                error = e;
            }
        }
        if (error != null) {
            MillraceException viewError = new MillraceException(error.sqlState(), error.getMessage());
            df.discardPendingState();
            ctx.commit().put(ViewMaintenance.errorKey(entry.id()), ViewMaintenance.encodeError(viewError));
            ctx.onCommit(() -> views.registerErrored(new MaintainedView(entry.id(), entry.name(), plan, df, relation),
                    viewError));
            return viewError;
        }
        ctx.commit().delete(ViewMaintenance.errorKey(entry.id()));
        ctx.newDataflows.add(df);
        ctx.onCommit(() -> views.register(new MaintainedView(entry.id(), entry.name(), plan, df, relation)));
        return null;
    }

    /** Runs a new view's dataflow over the current rows and stores its output. */
    private void fill(WriteContext ctx, Dataflow df, StoredRelation relation) {
        Map<Long, List<ChangeBatch>> inputs = new HashMap<>();
        try {
            for (long id : df.relations()) {
                inputs.put(id, ctx.readRelation(id));
            }
            List<ChangeBatch> out = df.step(inputs);
            List<ChangeBatch> delta;
            try {
                delta = Consolidation.batch(out, relation.schema(), allocator);
            } finally {
                out.forEach(ChangeBatch::close);
            }
            try {
                relation.apply(delta, ctx.relationState);
            } finally {
                delta.forEach(ChangeBatch::close);
            }
        } finally {
            inputs.values().forEach(l -> l.forEach(ChangeBatch::close));
        }
    }

    /** Stops maintaining a dropped view once its drop commits. */
    public void dropDataflow(WriteContext ctx, long id) {
        ctx.deletePrefix(Keys.dataflowState(id));
        ctx.commit().delete(ViewMaintenance.errorKey(id));
        ctx.onCommit(() -> views.unregister(id));
    }

    // ---- subscriptions ---------------------------------------------------------------------------

    /**
     * Starts a subscription. Its first update holds the current result at the current timestamp
     * (when {@code snapshot}); later updates follow every commit that changes it.
     */
    public Subscription subscribe(QueryPlan plan, boolean snapshot, boolean progress, ZoneId zone) {
        lock.lock();
        try {
            views.checkReadable(plan.relations());
            long id = subscriptionIds.incrementAndGet();
            Dataflow df = new Dataflow(plan.root(), id, pool, pool.workers(), null, null, true, zone,
                    io.millrace.executor.expr.SequenceFunctions.NONE, allocator);
            Subscription s = new Subscription(id, df, plan.outputSchema(), progress);
            Map<Long, List<ChangeBatch>> inputs = new HashMap<>();
            try (StoreSnapshot snap = store.snapshot()) {
                for (long rel : df.relations()) {
                    inputs.put(rel, relation(rel).read(snap, allocator, SNAPSHOT_BATCH_ROWS));
                }
                List<ChangeBatch> out = df.step(inputs);
                try {
                    if (snapshot) {
                        s.emit(lastTimestamp, Consolidation.rows(out));
                    }
                } finally {
                    out.forEach(ChangeBatch::close);
                }
            } catch (RuntimeException e) {
                df.close();
                throw e;
            } finally {
                inputs.values().forEach(l -> l.forEach(ChangeBatch::close));
            }
            s.progressed(lastTimestamp + 1);
            subscriptions.add(s);
            return s;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        lock.lock();
        try {
            for (Subscription s : subscriptions) {
                s.close();
                s.dataflow().close();
            }
            subscriptions.clear();
            views.closeAll();
            pool.close();
            allocator.close();
        } finally {
            lock.unlock();
        }
    }
}
