package io.millrace.server.engine;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.batch.Consolidation;
import io.millrace.executor.dataflow.Dataflow;
import io.millrace.executor.dataflow.WorkerPool;
import io.millrace.executor.plan.Aggregate;
import io.millrace.executor.plan.Distinct;
import io.millrace.executor.plan.Join;
import io.millrace.executor.plan.JoinKind;
import io.millrace.executor.plan.PlanNode;
import io.millrace.executor.plan.TopN;
import io.millrace.planner.QueryPlan;
import io.millrace.storage.Commit;
import io.millrace.storage.KeyValueIterator;
import io.millrace.storage.Keys;
import io.millrace.storage.OrderedBytes;
import io.millrace.storage.StateMemory;
import io.millrace.storage.Store;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The materialized views the coordinator keeps up to date, and what happens when one's query
 * fails on the data. A view whose query raises a data error (division by zero, a bad cast, ...)
 * does not block the write: the view becomes <em>errored</em>, reading it reports the error, as
 * running its query would, and views reading it are errored too. An errored view is computed
 * afresh when a later change could make its query succeed again (a retraction in its inputs, or
 * any change when its query is not monotonic); if it succeeds, the view is back.
 *
 * <p>Errors are stored (META {@code view_error:<id>}) in the commit that causes or clears them.
 */
final class ViewMaintenance {
    private final Store store;
    private final WorkerPool pool;
    private final BufferAllocator allocator;
    private final StateMemory memory;
    private final Map<Long, MaintainedView> views = new LinkedHashMap<>();
    /** The maintained views reading each relation. */
    private final Map<Long, List<MaintainedView>> readers = new HashMap<>();
    /** Errored views; read by queries without the coordinator's lock. */
    private final Map<Long, MillraceException> errors = new ConcurrentHashMap<>();

    ViewMaintenance(Store store, WorkerPool pool, BufferAllocator allocator, StateMemory memory) {
        this.store = store;
        this.pool = pool;
        this.allocator = allocator;
        this.memory = memory;
        loadErrors();
    }

    static byte[] errorKey(long id) {
        return Keys.meta("view_error:" + id);
    }

    private void loadErrors() {
        byte[] prefix = Keys.meta("view_error:");
        // The key is the tag byte, then the string; its terminator must not be part of the prefix.
        byte[] scanPrefix = java.util.Arrays.copyOf(prefix, prefix.length - 2);
        try (KeyValueIterator it = store.scan(scanPrefix)) {
            while (it.next()) {
                OrderedBytes.Reader k = new OrderedBytes.Reader(it.key(), 1, it.key().length);
                k.readNullTag();
                String name = k.readString();
                long id = Long.parseLong(name.substring("view_error:".length()));
                errors.put(id, decodeError(it.value()));
            }
        }
    }

    static byte[] encodeError(MillraceException e) {
        return (e.sqlState().name() + "\n" + e.getMessage()).getBytes(StandardCharsets.UTF_8);
    }

    private static MillraceException decodeError(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        return new MillraceException(SqlState.valueOf(s.substring(0, nl)), s.substring(nl + 1));
    }

    /** The error of an errored view (or any relation not a view: null). */
    MillraceException error(long relationId) {
        return errors.get(relationId);
    }

    /** The error of the first errored view among {@code relations}, or null. */
    MillraceException firstError(Set<Long> relations) {
        for (long r : relations) {
            MillraceException e = errors.get(r);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    /** Fails with the error of the first errored view among {@code relations}. */
    void checkReadable(Set<Long> relations) {
        MillraceException e = firstError(relations);
        if (e != null) {
            throw new MillraceException(e.sqlState(), e.getMessage());
        }
    }

    Dataflow newDataflow(QueryPlan plan, long id, boolean fresh) {
        return new Dataflow(plan.root(), id, pool, pool.workers(), store, memory, fresh, ZoneOffset.UTC,
                io.millrace.executor.expr.SequenceFunctions.NONE, allocator);
    }

    void register(MaintainedView v) {
        MaintainedView old = views.put(v.id(), v);
        if (old != null) {
            unindex(old);
            if (old.dataflow() != v.dataflow()) {
                old.dataflow().close();
            }
        }
        for (long r : v.dataflow().relations()) {
            readers.computeIfAbsent(r, k -> new ArrayList<>()).add(v);
        }
    }

    /** Registers a view whose query failed on the data it was built from (rebuilding at start). */
    void registerErrored(MaintainedView v, MillraceException e) {
        register(v);
        errors.put(v.id(), e);
    }

    void unregister(long id) {
        MaintainedView v = views.remove(id);
        errors.remove(id);
        if (v != null) {
            unindex(v);
            v.dataflow().close();
        }
    }

    private void unindex(MaintainedView v) {
        for (long r : v.dataflow().relations()) {
            List<MaintainedView> list = readers.get(r);
            if (list != null) {
                list.remove(v);
                if (list.isEmpty()) {
                    readers.remove(r);
                }
            }
        }
    }

    int size() {
        return views.size();
    }

    void closeAll() {
        for (MaintainedView v : views.values()) {
            v.dataflow().close();
        }
        views.clear();
        readers.clear();
    }

    /** Whether a data error (class 21 or 22) is the query's, to be kept in the view, not the write's. */
    static boolean isDataError(MillraceException e) {
        String code = e.sqlState().code();
        return code.startsWith("22") || code.startsWith("21");
    }

    /** Whether inserts alone can never make a failing query succeed: no aggregates, anti or outer joins, top-N. */
    static boolean isMonotonic(PlanNode node) {
        if (node instanceof Aggregate || node instanceof TopN || node instanceof Distinct) {
            return false;
        }
        if (node instanceof Join j && j.kind() != JoinKind.INNER && j.kind() != JoinKind.SEMI) {
            return false;
        }
        for (PlanNode in : node.inputs()) {
            if (!isMonotonic(in)) {
                return false;
            }
        }
        return true;
    }

    /** The views work of one write. */
    final class Round {
        private final WriteContext ctx;
        private final Map<Long, List<ChangeBatch>> changes;
        private final List<MaintainedView> stepped = new ArrayList<>();
        private final Map<Long, MillraceException> newErrors = new LinkedHashMap<>();
        private final Map<Long, MaintainedView> recovered = new LinkedHashMap<>();

        Round(WriteContext ctx, Map<Long, List<ChangeBatch>> changes) {
            this.ctx = ctx;
            this.changes = changes;
        }

        /**
         * Brings every view reading what changed up to date, in creation order: a view's inputs were
         * created before it, so their changes are known when it runs. View changes join {@code changes}.
         */
        void run() {
            TreeMap<Long, MaintainedView> due = new TreeMap<>();
            for (long changed : List.copyOf(changes.keySet())) {
                addReaders(changed, due);
            }
            while (!due.isEmpty()) {
                MaintainedView v = due.pollFirstEntry().getValue();
                if (ctx.removedEntries.contains(v.id())) {
                    continue;
                }
                MillraceException inputError = inputError(v);
                if (inputError != null) {
                    if (!isErrored(v.id())) {
                        markErrored(v, inputError, due);
                    }
                    continue;
                }
                if (isErrored(v.id())) {
                    if (mayRecover(v)) {
                        recover(v, due);
                    }
                    continue;
                }
                stepped.add(v);
                List<ChangeBatch> delta;
                try {
                    List<ChangeBatch> out = v.dataflow().step(changes);
                    try {
                        delta = Consolidation.batch(out, v.relation().schema(), allocator);
                    } finally {
                        out.forEach(ChangeBatch::close);
                    }
                } catch (MillraceException e) {
                    if (!isDataError(e)) {
                        throw e;
                    }
                    stepped.remove(v);
                    v.dataflow().discardPendingState();
                    markErrored(v, e, due);
                    continue;
                }
                publish(v, delta, due);
            }
        }

        private void publish(MaintainedView v, List<ChangeBatch> delta, TreeMap<Long, MaintainedView> due) {
            if (!delta.isEmpty()) {
                v.relation().apply(delta, ctx.relationState);
                changes.put(v.id(), delta);
                addReaders(v.id(), due);
            }
        }

        private boolean isErrored(long id) {
            return newErrors.containsKey(id) || errors.containsKey(id) && !recovered.containsKey(id);
        }

        private MillraceException inputError(MaintainedView v) {
            for (long r : v.dataflow().relations()) {
                if (isErrored(r)) {
                    return newErrors.containsKey(r) ? newErrors.get(r) : errors.get(r);
                }
            }
            return null;
        }

        /** The view's contents and state are dropped; its readers follow it into the error. */
        private void markErrored(MaintainedView v, MillraceException e, TreeMap<Long, MaintainedView> due) {
            newErrors.put(v.id(), new MillraceException(e.sqlState(), e.getMessage()));
            ctx.deletePrefix(Keys.relation(v.id()));
            ctx.deletePrefix(Keys.dataflowState(v.id()));
            addReaders(v.id(), due);
        }

        private boolean mayRecover(MaintainedView v) {
            if (!isMonotonic(v.plan().root())) {
                return true;
            }
            for (long r : v.dataflow().relations()) {
                if (recovered.containsKey(r)) {
                    return true;
                }
                for (ChangeBatch b : changes.getOrDefault(r, List.of())) {
                    for (int i = 0; i < b.rowCount(); i++) {
                        if (b.weight(i) < 0) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** Computes an errored view afresh over the current rows; if its query succeeds, it is back. */
        private void recover(MaintainedView v, TreeMap<Long, MaintainedView> due) {
            Dataflow fresh = newDataflow(v.plan(), v.id(), true);
            Map<Long, List<ChangeBatch>> inputs = new HashMap<>();
            List<ChangeBatch> delta;
            try {
                for (long id : fresh.relations()) {
                    inputs.put(id, ctx.readRelation(id));
                }
                List<ChangeBatch> out = fresh.step(inputs);
                try {
                    delta = Consolidation.batch(out, v.relation().schema(), allocator);
                } finally {
                    out.forEach(ChangeBatch::close);
                }
            } catch (MillraceException e) {
                fresh.close();
                if (!isDataError(e)) {
                    throw e;
                }
                return;
            } finally {
                inputs.values().forEach(l -> l.forEach(ChangeBatch::close));
            }
            recovered.put(v.id(), new MaintainedView(v.id(), v.name(), v.plan(), fresh, v.relation()));
            publish(v, delta, due);
        }

        void flushTo(Commit commit) {
            for (MaintainedView v : stepped) {
                v.dataflow().flushStateTo(commit);
            }
            for (MaintainedView v : recovered.values()) {
                v.dataflow().flushStateTo(commit);
                commit.delete(errorKey(v.id()));
            }
            for (Map.Entry<Long, MillraceException> e : newErrors.entrySet()) {
                commit.put(errorKey(e.getKey()), encodeError(e.getValue()));
            }
        }

        void committed() {
            for (MaintainedView v : stepped) {
                v.dataflow().stateCommitted();
            }
            for (MaintainedView v : recovered.values()) {
                v.dataflow().stateCommitted();
                errors.remove(v.id());
                register(v);
            }
            for (Map.Entry<Long, MillraceException> e : newErrors.entrySet()) {
                errors.put(e.getKey(), e.getValue());
                MaintainedView v = views.get(e.getKey());
                if (v != null) {
                    // Its stored state is gone; recovery starts from a fresh dataflow.
                    v.dataflow().discardPendingState();
                }
            }
        }

        void aborted() {
            for (MaintainedView v : stepped) {
                v.dataflow().discardPendingState();
            }
            for (MaintainedView v : recovered.values()) {
                v.dataflow().close();
            }
        }

        /** Views that became errored in this round. */
        Map<Long, MillraceException> newErrors() {
            return newErrors;
        }
    }

    private void addReaders(long relation, TreeMap<Long, MaintainedView> due) {
        for (MaintainedView v : readers.getOrDefault(relation, List.of())) {
            due.put(v.id(), v);
        }
    }

    /** Views that read {@code id}, directly or through other views (for dropping a relation's readers). */
    Set<Long> readersOf(long id) {
        Set<Long> found = new LinkedHashSet<>();
        ArrayDeque<Long> todo = new ArrayDeque<>(List.of(id));
        while (!todo.isEmpty()) {
            for (MaintainedView v : readers.getOrDefault(todo.pop(), List.of())) {
                if (found.add(v.id())) {
                    todo.add(v.id());
                }
            }
        }
        return found;
    }
}
