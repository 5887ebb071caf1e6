package io.millrace.executor.dataflow;

import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.batch.Column;
import io.millrace.executor.batch.RowCodec;
import io.millrace.executor.expr.ExprCompiler;
import io.millrace.executor.expr.SequenceFunctions;
import io.millrace.executor.operator.OperatorContext;
import io.millrace.executor.operator.Operator;
import io.millrace.executor.operator.Operators;
import io.millrace.executor.plan.Exchange;
import io.millrace.executor.plan.PlanNode;
import io.millrace.executor.plan.Scan;
import io.millrace.storage.Commit;
import io.millrace.storage.OrderedBytes;
import io.millrace.storage.StateMemory;
import io.millrace.storage.StateStore;
import io.millrace.storage.Store;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A plan instantiated on N workers: each worker has its own instance of every operator and its
 * own state store, and {@link Exchange} nodes move rows between workers. {@link #step} processes
 * one logical timestamp: the changes of every scanned relation go in, the plan's output changes
 * come out. State written during a step stays pending until {@link #flushStateTo} (the timestamp
 * commits) or {@link #discardPendingState} (it failed).
 */
public final class Dataflow implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Dataflow.class);
    /** Below this many input rows a step runs the workers one after another on the caller's thread. */
    private static final int PARALLEL_THRESHOLD = 4096;

    private final PlanNode root;
    private final long id;
    private final int workers;
    private final WorkerPool pool;
    private final BufferAllocator allocator;
    private final StateStore[] states;
    private final List<NodeInstance> order = new ArrayList<>();
    private final Set<Long> relations = new HashSet<>();
    private final StepControl control = new StepControl();

    /** One plan node: its inputs' positions in {@link #order} and one operator per worker. */
    private static final class NodeInstance {
        final PlanNode node;
        final int[] inputs;
        final Operator[] operators;

        NodeInstance(PlanNode node, int[] inputs, Operator[] operators) {
            this.node = node;
            this.inputs = inputs;
            this.operators = operators;
        }
    }

    /**
     * @param plan the plan, exchanges already placed
     * @param id the dataflow's id; its persistent state lives under this id
     * @param store where state persists, or null to keep state in memory (a one-shot query)
     * @param memory the budget of the state caches (with a store)
     * @param fresh whether the dataflow is new, so its stored state is empty
     * @param sequences what the plan's sequence functions act on (a session's; NONE for a maintained view)
     */
    public Dataflow(PlanNode plan, long id, WorkerPool pool, int workers, Store store, StateMemory memory,
            boolean fresh, ZoneId zone, SequenceFunctions sequences, BufferAllocator parentAllocator) {
        this.root = plan;
        this.id = id;
        this.pool = pool;
        this.workers = workers;
        this.allocator = parentAllocator.newChildAllocator("dataflow-" + id, 0, Long.MAX_VALUE);
        this.states = new StateStore[workers];
        for (int w = 0; w < workers; w++) {
            states[w] = store == null ? new StateStore() : new StateStore(store, memory, fresh);
        }
        ExprCompiler compiler = new ExprCompiler(zone, sequences);
        build(plan, compiler, new IdentityHashMap<>());
    }

    private int build(PlanNode node, ExprCompiler compiler, Map<PlanNode, Integer> built) {
        int[] inputs = new int[node.inputs().size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = build(node.inputs().get(i), compiler, built);
        }
        int operatorId = order.size();
        Operator[] ops = new Operator[workers];
        for (int w = 0; w < workers; w++) {
            OperatorContext ctx = new OperatorContext(allocator, states[w], id, operatorId, w, compiler, control);
            ops[w] = node instanceof Exchange ? null : Operators.create(ctx, node);
        }
        if (node instanceof Scan s) {
            relations.add(s.relationId());
        }
        order.add(new NodeInstance(node, inputs, ops));
        return operatorId;
    }

    public long id() {
        return id;
    }

    public PlanNode plan() {
        return root;
    }

    /** The ids of the relations this dataflow reads. */
    public Set<Long> relations() {
        return relations;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    /** Where a caller installs the check that can stop a running step (query cancellation). */
    public StepControl control() {
        return control;
    }

    /**
     * Processes one timestamp. {@code changes} maps relation ids to their changes at this
     * timestamp (batches stay owned by the caller). Returns the output changes, owned by the caller.
     */
    public List<ChangeBatch> step(Map<Long, List<ChangeBatch>> changes) {
        // outputs[node][worker] = batches that node produced on that worker
        List<List<List<ChangeBatch>>> outputs = new ArrayList<>(order.size());
        List<ChangeBatch> produced = new ArrayList<>();
        try {
            for (NodeInstance ni : order) {
                control.check();
                List<List<ChangeBatch>> nodeOut;
                if (ni.node instanceof Exchange e) {
                    nodeOut = exchange(e, outputs.get(ni.inputs[0]), produced);
                } else {
                    nodeOut = runOperator(ni, outputs, changes);
                    for (List<ChangeBatch> l : nodeOut) {
                        produced.addAll(l);
                    }
                }
                outputs.add(nodeOut);
            }
            List<ChangeBatch> result = new ArrayList<>();
            for (List<ChangeBatch> l : outputs.get(outputs.size() - 1)) {
                result.addAll(l);
            }
            produced.removeAll(result);
            return result;
        } catch (RuntimeException e) {
            for (List<List<ChangeBatch>> perWorker : outputs) {
                for (List<ChangeBatch> l : perWorker) {
                    produced.addAll(l);
                }
            }
            throw e;
        } finally {
            Set<ChangeBatch> closed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (ChangeBatch b : produced) {
                if (closed.add(b)) {
                    b.close();
                }
            }
        }
    }

    private List<List<ChangeBatch>> runOperator(NodeInstance ni, List<List<List<ChangeBatch>>> outputs,
            Map<Long, List<ChangeBatch>> changes) {
        List<List<List<ChangeBatch>>> perWorkerInputs = new ArrayList<>(workers);
        long rows = 0;
        for (int w = 0; w < workers; w++) {
            List<List<ChangeBatch>> inputs = new ArrayList<>();
            if (ni.node instanceof Scan s) {
                List<ChangeBatch> all = changes.getOrDefault(s.relationId(), List.of());
                List<ChangeBatch> mine = new ArrayList<>();
                for (int i = w; i < all.size(); i += workers) {
                    mine.add(all.get(i));
                    rows += all.get(i).rowCount();
                }
                inputs.add(mine);
            } else {
                for (int in : ni.inputs) {
                    List<ChangeBatch> l = outputs.get(in).get(w);
                    for (ChangeBatch b : l) {
                        rows += b.rowCount();
                    }
                    inputs.add(l);
                }
            }
            perWorkerInputs.add(inputs);
        }
        List<List<ChangeBatch>> result = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            result.add(null);
        }
        if (workers > 1 && rows >= PARALLEL_THRESHOLD) {
            pool.runAll(workers, w -> result.set(w, ni.operators[w].step(perWorkerInputs.get(w))));
        } else {
            for (int w = 0; w < workers; w++) {
                result.set(w, ni.operators[w].step(perWorkerInputs.get(w)));
            }
        }
        return result;
    }

    /** Routes every row to the worker its key hashes to (worker 0 when there are no keys). */
    private List<List<ChangeBatch>> exchange(Exchange e, List<List<ChangeBatch>> input, List<ChangeBatch> produced) {
        List<List<ChangeBatch>> out = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            out.add(new ArrayList<>());
        }
        if (workers == 1) {
            out.get(0).addAll(input.get(0));
            return out;
        }
        OrderedBytes key = new OrderedBytes();
        for (List<ChangeBatch> l : input) {
            for (ChangeBatch b : l) {
                int n = b.rowCount();
                if (e.keys().isEmpty()) {
                    out.get(0).add(b);
                    continue;
                }
                List<Column> cols = b.columns();
                int[][] positions = new int[workers][n];
                int[] counts = new int[workers];
                for (int r = 0; r < n; r++) {
                    key.reset();
                    RowCodec.writeKey(key, cols, e.keys(), r);
                    int target = Math.floorMod(RowCodec.hash(key.buffer(), key.length()), workers);
                    positions[target][counts[target]++] = r;
                }
                for (int w = 0; w < workers; w++) {
                    if (counts[w] == n) {
                        out.get(w).add(b);
                    } else if (counts[w] > 0) {
                        ChangeBatch part = select(b, positions[w], counts[w]);
                        produced.add(part);
                        out.get(w).add(part);
                    }
                }
            }
        }
        return out;
    }

    private ChangeBatch select(ChangeBatch b, int[] positions, int count) {
        List<Column> cols = new ArrayList<>();
        for (int c = 0; c < b.schema().size(); c++) {
            cols.add(b.column(c).select(positions, count));
        }
        long[] weights = new long[count];
        for (int i = 0; i < count; i++) {
            weights[i] = b.weight(positions[i]);
        }
        return ChangeBatch.of(allocator, b.schema(), cols, weights, count);
    }

    /** Moves the state written since the last flush into {@code commit}. */
    public void flushStateTo(Commit commit) {
        for (StateStore s : states) {
            s.flushTo(commit);
        }
    }

    /** The commit holding the flushed state is durable. */
    public void stateCommitted() {
        for (StateStore s : states) {
            s.committed();
        }
    }

    /** Forgets state written since the last commit. */
    public void discardPendingState() {
        for (StateStore s : states) {
            s.discard();
        }
    }

    @Override
    public void close() {
        for (StateStore s : states) {
            s.close();
        }
        try {
            allocator.close();
        } catch (IllegalStateException leak) {
            // A batch was not closed: a bug, but not one that should fail the statement that found it.
            LOG.error("dataflow {} leaked Arrow memory: {}", id, leak.getMessage());
        }
    }
}
