package io.millrace.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.millrace.executor.batch.BatchBuilder;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.dataflow.Dataflow;
import io.millrace.executor.dataflow.WorkerPool;
import io.millrace.executor.expr.Expr;
import io.millrace.executor.expr.Function;
import io.millrace.executor.plan.Aggregate;
import io.millrace.executor.plan.AggregateCall;
import io.millrace.executor.plan.AggregateFunction;
import io.millrace.executor.plan.Distinct;
import io.millrace.executor.plan.Exchanges;
import io.millrace.executor.plan.Filter;
import io.millrace.executor.plan.Join;
import io.millrace.executor.plan.JoinKind;
import io.millrace.executor.plan.PlanNode;
import io.millrace.executor.plan.Scan;
import io.millrace.executor.plan.SortKey;
import io.millrace.executor.plan.TopN;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import io.millrace.storage.Commit;
import io.millrace.storage.Store;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For random streams of inserts and deletes, a dataflow kept running with its state in RocksDB
 * must hold exactly what the same plan computes from scratch over the current data.
 */
class IncrementalEquivalenceTest {
    private static final RowSchema T = RowSchema.of(
            new Field("k", DataType.INTEGER, true), new Field("v", DataType.BIGINT, true),
            new Field("s", DataType.TEXT, true), new Field("d", DataType.NUMERIC, true));
    private static final Scan LEFT = new Scan(1, "l", T);
    private static final Scan RIGHT = new Scan(2, "r", T);

    private static BufferAllocator allocator;
    private static WorkerPool pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        allocator = new RootAllocator();
        pool = new WorkerPool(3);
    }

    @AfterAll
    static void tearDown() {
        pool.close();
        allocator.close();
    }

    private static Expr col(int i, DataType t) {
        return new Expr.ColumnRef(i, t);
    }

    private static Join join(JoinKind kind, boolean residual) {
        Expr res = residual ? new Expr.Call(Function.LT, List.of(col(1, DataType.BIGINT), col(5, DataType.BIGINT)),
                DataType.BOOLEAN) : null;
        RowSchema schema = kind.outputsRight() ? T.concat(T) : T;
        if (kind == JoinKind.LEFT || kind == JoinKind.FULL) {
            schema = kind == JoinKind.FULL ? T.asNullable().concat(T.asNullable()) : T.concat(T.asNullable());
        }
        return new Join(LEFT, RIGHT, kind, List.of(0), List.of(0), List.of(false), res, schema);
    }

    static Stream<PlanNode> plans() {
        RowSchema aggSchema = RowSchema.of(new Field("k", DataType.INTEGER, true),
                new Field("c", DataType.BIGINT, false), new Field("cv", DataType.BIGINT, false),
                new Field("sv", DataType.NUMERIC, true), new Field("av", DataType.NUMERIC, true),
                new Field("mn", DataType.TEXT, true), new Field("mx", DataType.BIGINT, true),
                new Field("cd", DataType.BIGINT, false), new Field("sd", DataType.NUMERIC, true));
        Aggregate grouped = new Aggregate(LEFT, List.of(0), List.of(
                new AggregateCall(AggregateFunction.COUNT_STAR, -1, false, -1, DataType.BIGINT),
                new AggregateCall(AggregateFunction.COUNT, 1, false, -1, DataType.BIGINT),
                new AggregateCall(AggregateFunction.SUM, 1, false, -1, DataType.NUMERIC),
                new AggregateCall(AggregateFunction.AVG, 1, false, -1, DataType.NUMERIC),
                new AggregateCall(AggregateFunction.MIN, 2, false, -1, DataType.TEXT),
                new AggregateCall(AggregateFunction.MAX, 1, false, -1, DataType.BIGINT),
                new AggregateCall(AggregateFunction.COUNT, 2, true, -1, DataType.BIGINT),
                new AggregateCall(AggregateFunction.SUM, 3, true, -1, DataType.NUMERIC)), aggSchema);
        Aggregate global = new Aggregate(new Filter(LEFT, new Expr.Call(Function.GT,
                List.of(col(1, DataType.BIGINT), new Expr.Literal(3L, DataType.BIGINT)), DataType.BOOLEAN)),
                List.of(), grouped.calls(), new RowSchema(aggSchema.fields().subList(1, aggSchema.size())));
        return Stream.of(
                join(JoinKind.INNER, false), join(JoinKind.INNER, true), join(JoinKind.LEFT, false),
                join(JoinKind.LEFT, true), join(JoinKind.FULL, true), join(JoinKind.SEMI, true),
                join(JoinKind.ANTI, true), join(JoinKind.ANTI, false),
                new Join(LEFT, RIGHT, JoinKind.INNER, List.of(), List.of(), List.of(), null, T.concat(T)),
                grouped, global, new Distinct(new io.millrace.executor.plan.Project(LEFT,
                        List.of(col(0, DataType.INTEGER), col(2, DataType.TEXT)),
                        RowSchema.of(T.field(0), T.field(2)))),
                new TopN(LEFT, List.of(new SortKey(1, false, true), new SortKey(2, true, false)), 2, 5));
    }

    private static Object[] randomRow(Random rnd) {
        return new Object[] {
            rnd.nextInt(8) == 0 ? null : (long) rnd.nextInt(5),
            rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(10),
            rnd.nextInt(10) == 0 ? null : "s" + rnd.nextInt(4),
            rnd.nextInt(10) == 0 ? null : new BigDecimal(rnd.nextInt(3) + "." + rnd.nextInt(2) + (rnd.nextBoolean() ? "0" : ""))
        };
    }

    @ParameterizedTest
    @MethodSource("plans")
    void maintainedResultEqualsRecomputedResult(PlanNode logical) {
        PlanNode plan = Exchanges.place(logical);
        Random rnd = new Random(42);
        Map<List<Object>, Long> left = new HashMap<>();
        Map<List<Object>, Long> right = new HashMap<>();
        Map<List<Object>, Long> maintained = new HashMap<>();
        try (Store store = Store.open(dir, 4 << 20);
                Dataflow flow = new Dataflow(plan, 7, pool, 3, store, new io.millrace.storage.StateMemory(1 << 16), false, ZoneOffset.UTC, io.millrace.executor.expr.SequenceFunctions.NONE, allocator)) {
            for (int step = 0; step < 60; step++) {
                Map<Long, List<ChangeBatch>> changes = new HashMap<>();
                changes.put(1L, List.of(randomChanges(rnd, left)));
                changes.put(2L, List.of(randomChanges(rnd, right)));
                List<ChangeBatch> out = flow.step(changes);
                accumulate(out, maintained);
                try (Commit c = store.newCommit()) {
                    flow.flushStateTo(c);
                    store.write(c);
                }
                flow.stateCommitted();
                changes.values().forEach(l -> l.forEach(ChangeBatch::close));
                assertEquals(recompute(plan, left, right), nonZero(maintained), "after step " + step);
            }
        }
    }

    private static Map<List<Object>, Long> nonZero(Map<List<Object>, Long> m) {
        Map<List<Object>, Long> out = new HashMap<>();
        m.forEach((k, v) -> {
            if (v != 0) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static ChangeBatch randomChanges(Random rnd, Map<List<Object>, Long> contents) {
        BatchBuilder b = new BatchBuilder(T);
        int n = 1 + rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            List<List<Object>> existing = new ArrayList<>(contents.keySet());
            if (!existing.isEmpty() && rnd.nextInt(3) == 0) {
                List<Object> victim = existing.get(rnd.nextInt(existing.size()));
                b.addRow(victim.toArray(), -1);
                contents.merge(victim, -1L, Long::sum);
                if (contents.get(victim) == 0) {
                    contents.remove(victim);
                }
            } else {
                Object[] row = randomRow(rnd);
                b.addRow(row, 1);
                contents.merge(Arrays.asList(row), 1L, Long::sum);
            }
        }
        return b.build(allocator);
    }

    private static Map<List<Object>, Long> recompute(PlanNode plan, Map<List<Object>, Long> left,
            Map<List<Object>, Long> right) {
        try (Dataflow once = new Dataflow(plan, 99, pool, 2, null, null, true, ZoneOffset.UTC, io.millrace.executor.expr.SequenceFunctions.NONE, allocator)) {
            Map<Long, List<ChangeBatch>> snapshot = new HashMap<>();
            snapshot.put(1L, List.of(asBatch(left)));
            snapshot.put(2L, List.of(asBatch(right)));
            Map<List<Object>, Long> result = new HashMap<>();
            accumulate(once.step(snapshot), result);
            snapshot.values().forEach(l -> l.forEach(ChangeBatch::close));
            return nonZero(result);
        }
    }

    private static ChangeBatch asBatch(Map<List<Object>, Long> contents) {
        BatchBuilder b = new BatchBuilder(T);
        contents.forEach((row, n) -> b.addRow(row.toArray(), n));
        return b.build(allocator);
    }

    private static void accumulate(List<ChangeBatch> out, Map<List<Object>, Long> into) {
        for (ChangeBatch b : out) {
            for (int r = 0; r < b.rowCount(); r++) {
                into.merge(Arrays.asList(b.row(r)), b.weight(r), Long::sum);
            }
            b.close();
        }
    }
}
