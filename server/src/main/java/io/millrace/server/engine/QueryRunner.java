package io.millrace.server.engine;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.batch.Consolidation;
import io.millrace.executor.dataflow.Dataflow;
import io.millrace.executor.dataflow.WorkerPool;
import io.millrace.executor.expr.ExprCompiler;
import io.millrace.executor.expr.SequenceFunctions;
import io.millrace.executor.plan.SortKey;
import io.millrace.planner.QueryPlan;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import io.millrace.executor.plan.PlanNode;
import io.millrace.executor.plan.Scan;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs a plan once: the inputs enter as one batch of inserts per relation, the dataflow runs one
 * step with its state in memory, and the net output is sorted and cut as the query asks. This is
 * the same plan and the same operators a materialized view keeps running.
 */
public final class QueryRunner {
    /** Below this many input rows a query runs on one worker. */
    private static final long PARALLEL_ROWS = 50_000;
    private static final AtomicLong ONE_SHOT_IDS = new AtomicLong(Long.MIN_VALUE);

    private final WorkerPool pool;
    private final BufferAllocator allocator;

    public QueryRunner(WorkerPool pool, BufferAllocator allocator) {
        this.pool = pool;
        this.allocator = allocator;
    }

    /**
     * Runs {@code plan} over the relations {@code inputs} supplies (the batches it returns are
     * closed here).
     */
    public QueryResult run(QueryPlan plan, RelationSource inputs, ZoneId zone, SequenceFunctions sequences,
            CancelToken cancel) {
        Map<Long, List<ChangeBatch>> changes = new HashMap<>();
        Map<Long, List<Object>> pointKeys = pointKeys(plan.root());
        try {
            long rows = 0;
            for (long id : plan.relations()) {
                List<Object> key = pointKeys.get(id);
                List<ChangeBatch> batches = key != null ? inputs.lookup(id, key) : inputs.all(id);
                changes.put(id, batches);
                for (ChangeBatch b : batches) {
                    rows += b.rowCount();
                }
            }
            cancel.check();
            int workers = rows >= PARALLEL_ROWS ? pool.workers() : 1;
            List<Consolidation.WeightedRow> net;
            try (Dataflow flow = new Dataflow(plan.root(), ONE_SHOT_IDS.incrementAndGet(), pool, workers, null, null,
                    true, zone, sequences, allocator)) {
                flow.control().setCheck(cancel::check);
                List<ChangeBatch> out = flow.step(changes);
                try {
                    net = Consolidation.rows(out);
                } finally {
                    out.forEach(ChangeBatch::close);
                }
            }
            cancel.check();
            List<Object[]> expanded = new ArrayList<>();
            for (Consolidation.WeightedRow w : net) {
                if (w.weight() < 0) {
                    throw new MillraceException(SqlState.INTERNAL_ERROR,
                            "query produced a row a negative number of times");
                }
                for (long i = 0; i < w.weight(); i++) {
                    expanded.add(w.values());
                }
            }
            if (!plan.ordering().isEmpty()) {
                expanded.sort(comparator(plan));
            }
            int from = (int) Math.min(expanded.size(), plan.offset());
            int to = plan.limit() < 0 ? expanded.size() : (int) Math.min(expanded.size(), from + plan.limit());
            List<Object[]> result = new ArrayList<>(Math.max(0, to - from));
            List<Integer> cols = plan.outputColumns();
            for (int i = from; i < to; i++) {
                Object[] full = expanded.get(i);
                Object[] row = new Object[cols.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = full[cols.get(c)];
                }
                result.add(row);
            }
            return new QueryResult(plan.outputSchema(), result);
        } finally {
            for (List<ChangeBatch> l : changes.values()) {
                l.forEach(ChangeBatch::close);
            }
        }
    }

    /**
     * Relations every scan of which wants one row by primary key, with that key. A relation scanned
     * twice with different keys (or once without one) is read whole.
     */
    private static Map<Long, List<Object>> pointKeys(PlanNode root) {
        Map<Long, List<Object>> keys = new HashMap<>();
        java.util.Set<Long> whole = new java.util.HashSet<>();
        java.util.ArrayDeque<PlanNode> todo = new java.util.ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            PlanNode n = todo.pop();
            todo.addAll(n.inputs());
            if (n instanceof Scan s) {
                if (s.pointKey() == null || (keys.containsKey(s.relationId()) && !keys.get(s.relationId()).equals(s.pointKey()))) {
                    whole.add(s.relationId());
                } else {
                    keys.put(s.relationId(), s.pointKey());
                }
            }
        }
        whole.forEach(keys::remove);
        return keys;
    }

    private static Comparator<Object[]> comparator(QueryPlan plan) {
        Comparator<Object[]> result = null;
        for (SortKey k : plan.ordering()) {
            Comparator<Object> values = ExprCompiler.valueComparator(plan.root().schema().type(k.column()));
            int col = k.column();
            Comparator<Object[]> c = (a, b) -> {
                Object x = a[col];
                Object y = b[col];
                if (x == null || y == null) {
                    if (x == y) {
                        return 0;
                    }
                    return (x == null) == k.nullsFirst() ? -1 : 1;
                }
                int cmp = values.compare(x, y);
                return k.ascending() ? cmp : -cmp;
            };
            result = result == null ? c : result.thenComparing(c);
        }
        return result;
    }
}
