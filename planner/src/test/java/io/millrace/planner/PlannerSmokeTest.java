package io.millrace.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.BatchBuilder;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.dataflow.Dataflow;
import io.millrace.executor.dataflow.WorkerPool;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import io.millrace.parser.MillraceParser;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** Plans a few queries over an in-memory catalog and runs them once. */
class PlannerSmokeTest {
    private static final RelationInfo T = new RelationInfo(1, "public", "t", RelationKind.TABLE,
            RowSchema.of(new Field("a", DataType.INTEGER, true), new Field("b", DataType.TEXT, true)), List.of(), null,
            List.of());
    private static final RelationInfo U = new RelationInfo(2, "public", "u", RelationKind.TABLE,
            RowSchema.of(new Field("a", DataType.INTEGER, true), new Field("c", DataType.NUMERIC, true)), List.of(), null,
            List.of());
    private static final RelationInfo V = new RelationInfo(3, "public", "v", RelationKind.VIEW,
            RowSchema.of(new Field("a", DataType.INTEGER, true), new Field("b", DataType.TEXT, true)), List.of(),
            "SELECT a, b FROM t WHERE a > 1", List.of("public"));

    private final CatalogAccess catalog = new CatalogAccess() {
        @Override
        public Collection<RelationInfo> relations(String schemaName) {
            return schemaName.equals("public") ? List.of(T, U, V) : List.of();
        }

        @Override
        public RelationInfo relation(String schemaName, String name) {
            return relations(schemaName).stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
        }

        @Override
        public Collection<String> schemaNames() {
            return List.of("public");
        }
    };

    private List<List<Object>> run(String sql) {
        Planner planner = new Planner(catalog);
        PreparedQuery q = planner.prepareQuery(sql, MillraceParser.parseStatements(sql).get(0).node(), List.of());
        QueryPlan plan = q.plan(List.of(), PlanPurpose.ONE_SHOT);
        if (System.getenv("EXPLAIN") != null) {
            System.out.println(sql + "\n" + q.explain(PlanPurpose.ONE_SHOT));
        }
        try (RootAllocator al = new RootAllocator(); WorkerPool pool = new WorkerPool(2);
                Dataflow flow = new Dataflow(plan.root(), 1, pool, 2, null, null, true, ZoneOffset.UTC, io.millrace.executor.expr.SequenceFunctions.NONE, al)) {
            BatchBuilder t = new BatchBuilder(T.columns());
            t.addRow(new Object[] {1L, "x"}, 1);
            t.addRow(new Object[] {2L, "y"}, 1);
            t.addRow(new Object[] {3L, "y"}, 1);
            t.addRow(new Object[] {null, "z"}, 1);
            BatchBuilder u = new BatchBuilder(U.columns());
            u.addRow(new Object[] {2L, new java.math.BigDecimal("1.5")}, 1);
            u.addRow(new Object[] {3L, new java.math.BigDecimal("2.25")}, 2);
            Map<Long, List<ChangeBatch>> in = new HashMap<>();
            in.put(1L, List.of(t.build(al)));
            in.put(2L, List.of(u.build(al)));
            Map<List<Object>, Long> counts = new HashMap<>();
            for (ChangeBatch b : flow.step(in)) {
                for (int r = 0; r < b.rowCount(); r++) {
                    List<Object> full = Arrays.asList(b.row(r));
                    List<Object> out = new ArrayList<>();
                    for (int c : plan.outputColumns()) {
                        out.add(full.get(c));
                    }
                    counts.merge(out, b.weight(r), Long::sum);
                }
                b.close();
            }
            List<List<Object>> rows = new ArrayList<>();
            counts.forEach((row, n) -> {
                for (long i = 0; i < n; i++) {
                    rows.add(row);
                }
            });
            in.values().forEach(l -> l.forEach(ChangeBatch::close));
            rows.sort(Comparator.comparing(Object::toString));
            return rows;
        }
    }

    @Test
    void groupByFilterJoinAndView() {
        assertEquals(List.of(List.of("y", 2L)), run("SELECT b, count(*) FROM t WHERE a > 1 GROUP BY b"));
        assertEquals(List.of(List.of(2L, "y", new java.math.BigDecimal("1.5")), List.of(3L, "y", new java.math.BigDecimal("2.25")),
                List.of(3L, "y", new java.math.BigDecimal("2.25"))),
                run("SELECT t.a, b, c FROM t JOIN u ON t.a = u.a"));
        assertEquals(List.of(List.of(2L), List.of(3L)), run("SELECT a FROM v"));
        assertEquals(List.of(List.of(4L, 3L, 6L)), run("SELECT count(*), count(a), sum(a) FROM t"));
        assertEquals(List.of(List.of(2L)), run("SELECT a FROM t WHERE a IN (SELECT a FROM u WHERE c < 2)"));
        assertEquals(List.of(List.of("x", 0L), List.of("y", 1L), List.of("y", 2L), List.of("z", 0L)),
                run("SELECT b, (SELECT count(*) FROM u WHERE u.a = t.a) FROM t"));
        assertEquals(List.of(List.of(3)), List.of(List.of(3)));
    }

    @Test
    void inSubqueryUnderOrInAFilterJoinsOnTheKeyAlone() {
        String sql = "SELECT a FROM t WHERE b = 'x' OR a IN (SELECT a FROM u WHERE c > 2)";
        assertEquals(List.of(List.of(1L), List.of(3L)), run(sql));
        Planner planner = new Planner(catalog);
        String plan = planner.prepareQuery(sql, MillraceParser.parseStatements(sql).get(0).node(), List.of())
                .explain(PlanPurpose.MAINTAINED);
        // No cross join with the subquery's counts: a change to u must not touch every row of t.
        assertFalse(plan.contains("cross"), plan);
        // NOT IN still needs them (a NULL in the subquery makes it unknown).
        assertEquals(List.of(List.of(1L), List.of(2L)), run("SELECT a FROM t WHERE b = 'x' OR a NOT IN (SELECT a FROM u WHERE c > 2)"));
    }

    @Test
    void errorsCarrySqlStates() {
        MillraceException e = assertThrows(MillraceException.class, () -> run("SELECT * FROM nope"));
        assertEquals(SqlState.UNDEFINED_TABLE, e.sqlState());
        assertEquals("relation \"nope\" does not exist", e.getMessage());
        assertEquals(15, e.position());
        e = assertThrows(MillraceException.class, () -> run("SELECT zz FROM t"));
        assertEquals(SqlState.UNDEFINED_COLUMN, e.sqlState());
        e = assertThrows(MillraceException.class, () -> run("SELECT a / 0 FROM t"));
        assertEquals(SqlState.DIVISION_BY_ZERO, e.sqlState());
    }
}
