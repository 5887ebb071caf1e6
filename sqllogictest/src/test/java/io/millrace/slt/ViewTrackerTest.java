package io.millrace.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.millrace.slt.ViewPlan.QueryView;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which query becomes a view after which statement, and what happens around the script's DDL. */
class ViewTrackerTest {
    private static List<SltRecord> records(String text) throws SltParseException {
        return SltParser.parse("t.slt", text).active("postgresql").records();
    }

    /** Indexes (into the records) of the queries whose views are due after statement {@code index}. */
    private static List<Integer> due(ViewPlan plan, int index) {
        return plan.dueAfter(index).stream().map(QueryView::recordIndex).toList();
    }

    /** Runs the tracker through the statements before {@code end}, all succeeding, creating every view. */
    private static void runStatements(List<SltRecord> rs, ViewTracker tracker, int from, int end) {
        for (int i = from; i < end; i++) {
            if (rs.get(i) instanceof SltRecord.Statement s) {
                tracker.beforeStatement(i, s.line());
                for (QueryView v : tracker.afterStatement(i, s.line(), true)) {
                    tracker.created(v);
                }
            } else if (rs.get(i) instanceof SltRecord.Query) {
                tracker.done(i);
            }
        }
    }

    private static final String SCRIPT = """
            statement ok
            CREATE TABLE t (a INT)

            statement ok
            INSERT INTO t VALUES (1), (2)

            query I rowsort
            SELECT a FROM t

            statement ok
            CREATE TABLE u (b INT)

            query II rowsort
            SELECT a, b FROM t JOIN u ON a = b

            query I nosort
            SELECT 'u' FROM t -- u

            query I nosort
            SELECT 1 + 1

            statement ok
            CREATE VIEW v AS SELECT a FROM t WHERE a > 1

            query I rowsort
            SELECT * FROM v

            query I rowsort
            SELECT count(*) FROM u

            statement ok
            INSERT INTO u VALUES (2)

            query I nosort
            EXPLAIN SELECT * FROM t
            """;

    @Test
    void eachQueryIsDueAfterTheLastCreationOfWhatItReads() throws Exception {
        List<SltRecord> rs = records(SCRIPT);
        ViewPlan plan = ViewPlan.of(rs);
        assertEquals(List.of(2, 5), due(plan, 0)); // 'u' in a literal or a comment is no read of u
        assertEquals(List.of(4, 9), due(plan, 3)); // the join waits for u as well
        assertEquals(List.of(8), due(plan, 7)); // the query on the script's view v
        assertEquals(Set.of("t", "u"), plan.view(4).reads());
        assertEquals(Set.of("v"), plan.view(8).reads());
        assertNull(plan.view(6)); // reads no relation: ad hoc
        assertNull(plan.view(11)); // not a plain query: ad hoc
        assertEquals(List.of("t", "u", "v"), List.copyOf(plan.createdRelations().keySet()));
        assertEquals("VIEW", plan.createdRelations().get("v"));
        assertTrue(due(plan, 10).isEmpty()); // plain DML creates nothing
    }

    @Test
    void viewsAreCreatedRightAfterTheirStatementRuns() throws Exception {
        List<SltRecord> rs = records(SCRIPT);
        ViewPlan plan = ViewPlan.of(rs);
        ViewTracker tracker = new ViewTracker(plan);
        List<QueryView> afterCreateT = tracker.afterStatement(0, 2, true);
        assertEquals(List.of(2, 5), afterCreateT.stream().map(QueryView::recordIndex).toList());
        afterCreateT.forEach(tracker::created);
        assertEquals(ViewTracker.State.LIVE, tracker.state(2));
        assertEquals(ViewTracker.State.WAITING, tracker.state(4));
        assertTrue(tracker.afterStatement(1, 5, true).isEmpty());
        tracker.done(2);
        assertEquals(ViewTracker.State.DONE, tracker.state(2));
        assertEquals(List.of(5), tracker.live().stream().map(QueryView::recordIndex).toList());
        assertEquals(List.of("t"), List.copyOf(tracker.existingRelations().keySet()));
    }

    @Test
    void aViewWhoseRelationFailedToAppearIsMissing() throws Exception {
        List<SltRecord> rs = records(SCRIPT);
        ViewTracker tracker = new ViewTracker(ViewPlan.of(rs));
        tracker.afterStatement(0, 2, true).forEach(tracker::created);
        // CREATE TABLE u fails: the join's view cannot be created.
        assertTrue(tracker.afterStatement(3, 10, false).isEmpty());
        assertEquals(ViewTracker.State.MISSING, tracker.state(4));
        assertTrue(tracker.reason(4).contains("u"));
    }

    @Test
    void failedViewIsRemembered() throws Exception {
        List<SltRecord> rs = records(SCRIPT);
        ViewTracker tracker = new ViewTracker(ViewPlan.of(rs));
        List<QueryView> views = tracker.afterStatement(0, 2, true);
        tracker.failed(views.get(0), "ERROR: not supported [0A000]");
        assertEquals(ViewTracker.State.FAILED, tracker.state(2));
        assertEquals("ERROR: not supported [0A000]", tracker.reason(2));
    }

    private static final String DDL_SCRIPT = """
            statement ok
            CREATE TABLE t (a INT)

            statement ok
            CREATE VIEW v AS SELECT a FROM t

            query I rowsort
            SELECT a FROM v

            query I rowsort
            SELECT a FROM t

            statement error
            DROP TABLE t

            statement ok
            CREATE OR REPLACE VIEW v AS SELECT a FROM t

            statement ok
            INSERT INTO t VALUES (1)

            query I rowsort
            SELECT a FROM t

            statement ok
            DROP TABLE t CASCADE

            query I rowsort
            SELECT a FROM v

            query I rowsort
            SELECT a FROM t

            statement ok
            CREATE TABLE t (a INT, b INT)

            query II rowsort
            SELECT a, b FROM t
            """;

    @Test
    void viewsAreDroppedBeforeTheScriptDropsWhatTheyReadAndComeBackWhenItIsBack() throws Exception {
        List<SltRecord> rs = records(DDL_SCRIPT);
        ViewPlan plan = ViewPlan.of(rs);
        // Records: 0 CREATE t, 1 CREATE v, 2 q(v), 3 q(t), 4 DROP t (error), 5 CREATE OR REPLACE v,
        // 6 INSERT, 7 q(t), 8 DROP t CASCADE, 9 q(v), 10 q(t), 11 CREATE t, 12 q(t)
        assertEquals(List.of(3, 7, 10), due(plan, 0));
        assertEquals(List.of(2), due(plan, 1));
        assertEquals(List.of(9), due(plan, 5)); // v is re-created at 5, so its query waits for that
        assertEquals(List.of(12), due(plan, 11)); // the recreated t

        ViewTracker tracker = new ViewTracker(plan);
        runStatements(rs, tracker, 0, 4);
        // Live now: the views of 7 and 10 on t (3 and 2 were reached and are done).
        assertEquals(List.of(7, 10), tracker.live().stream().map(QueryView::recordIndex).toList());

        // The script's DROP TABLE t (expected to fail) would be blocked by our views: they go first.
        List<QueryView> dropped = tracker.beforeStatement(4, 14);
        assertEquals(List.of(7, 10), dropped.stream().map(QueryView::recordIndex).toList());
        assertEquals(ViewTracker.State.DROPPED, tracker.state(7));
        // The DROP failed, so t is still there: the views come back at once.
        List<QueryView> back = tracker.afterStatement(4, 14, false);
        assertEquals(List.of(7, 10), back.stream().map(QueryView::recordIndex).toList());
        back.forEach(tracker::created);

        // CREATE OR REPLACE VIEW v touches v only: nothing of ours reads v yet (9 is due after it).
        assertTrue(tracker.beforeStatement(5, 17).isEmpty());
        List<QueryView> afterReplace = tracker.afterStatement(5, 17, true);
        assertEquals(List.of(9), afterReplace.stream().map(QueryView::recordIndex).toList());
        afterReplace.forEach(tracker::created);
        runStatements(rs, tracker, 6, 8);

        // DROP TABLE t CASCADE: the views on t and, through v, the view on v go first.
        List<QueryView> beforeCascade = tracker.beforeStatement(8, 26);
        assertEquals(List.of(9, 10), beforeCascade.stream().map(QueryView::recordIndex).toList());
        assertTrue(tracker.afterStatement(8, 26, true).isEmpty());
        assertTrue(tracker.existingRelations().isEmpty()); // v went with t
        assertEquals(ViewTracker.State.DROPPED, tracker.state(9));
        assertNotNull(tracker.reason(9));
        tracker.done(9);
        tracker.done(10);

        // t comes back with another shape; the last query's view is due after that.
        List<QueryView> afterRecreate = tracker.afterStatement(11, 35, true);
        assertEquals(List.of(12), afterRecreate.stream().map(QueryView::recordIndex).toList());
    }

    @Test
    void alterOfARelationAViewReadsDropsTheViewFirst() throws Exception {
        List<SltRecord> rs = records("""
                statement ok
                CREATE TABLE t (a INT)

                statement ok
                ALTER TABLE t ADD COLUMN b INT

                query I rowsort
                SELECT a FROM t
                """);
        ViewTracker tracker = new ViewTracker(ViewPlan.of(rs));
        tracker.afterStatement(0, 2, true).forEach(tracker::created);
        assertEquals(1, tracker.beforeStatement(1, 5).size());
        assertEquals(1, tracker.afterStatement(1, 5, true).size()); // ALTER keeps t: re-created
    }
}
