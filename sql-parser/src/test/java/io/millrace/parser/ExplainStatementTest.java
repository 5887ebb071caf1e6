package io.millrace.parser;

import static io.millrace.parser.ParserAssertions.parseOne;
import static io.millrace.parser.ParserAssertions.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.millrace.parser.ddl.SqlCreateView;
import io.millrace.parser.ddl.SqlExplainStatement;
import io.millrace.parser.ddl.SqlExplainStatement.Mode;
import io.millrace.parser.ddl.SqlSubscribe;
import io.millrace.parser.ddl.StatementKind;
import java.util.List;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** EXPLAIN in its forms. */
class ExplainStatementTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            EXPLAIN SELECT 1                        | DATAFLOW | false
            EXPLAIN DATAFLOW SELECT 1               | DATAFLOW | false
            EXPLAIN DATAFLOW FOR SELECT 1           | DATAFLOW | false
            EXPLAIN PLAN FOR SELECT 1               | PLAN     | false
            explain plan select 1                   | PLAN     | false
            EXPLAIN LOGICAL SELECT 1                | LOGICAL  | false
            EXPLAIN LOGICAL PLAN FOR SELECT 1       | LOGICAL  | false
            EXPLAIN VERBOSE SELECT 1                | DATAFLOW | true
            EXPLAIN PLAN VERBOSE FOR SELECT 1       | PLAN     | true
            EXPLAIN (PLAN) SELECT 1                 | PLAN     | false
            EXPLAIN (VERBOSE, DATAFLOW) SELECT 1    | DATAFLOW | true
            EXPLAIN (LOGICAL, VERBOSE false) SELECT 1 | LOGICAL | false
            """)
    void modes(String sql, Mode mode, boolean verbose) {
        final SqlExplainStatement explain = parseOne(sql, SqlExplainStatement.class);
        assertEquals(StatementKind.EXPLAIN, explain.statementKind());
        assertEquals(SqlKind.OTHER, explain.getKind());
        assertEquals(mode, explain.mode());
        assertEquals(verbose, explain.verbose());
        assertEquals(List.of(), explain.options());
        assertInstanceOf(SqlSelect.class, explain.statement());
        roundTrip(sql);
    }

    @Test
    void explainsDmlCreateViewAndSubscribe() {
        assertInstanceOf(SqlInsert.class,
                parseOne("EXPLAIN INSERT INTO t SELECT * FROM u", SqlExplainStatement.class).statement());
        final SqlCreateView view = assertInstanceOf(SqlCreateView.class,
                parseOne("EXPLAIN CREATE MATERIALIZED VIEW mv AS SELECT a FROM t", SqlExplainStatement.class).statement());
        assertTrue(view.materialized());
        assertInstanceOf(SqlSubscribe.class, parseOne("EXPLAIN SUBSCRIBE TO mv", SqlExplainStatement.class).statement());
        assertInstanceOf(SqlSelect.class, parseOne("EXPLAIN (SELECT 1)", SqlExplainStatement.class).statement());
    }

    @Test
    void otherParenthesizedOptionsAreKeptForThePlanner() {
        final SqlExplainStatement explain = parseOne("EXPLAIN (FORMAT json, analyze) SELECT 1", SqlExplainStatement.class);
        assertEquals(Mode.DATAFLOW, explain.mode());
        assertEquals(List.of("format", "analyze"), explain.options().stream().map(o -> o.name()).toList());
        assertEquals("json", explain.options().get(0).stringValue());
        assertFalse(explain.verbose());
        roundTrip("EXPLAIN (FORMAT json, analyze) SELECT 1");
    }

    @Test
    void explainRoundTrips() {
        assertEquals("EXPLAIN PLAN FOR SELECT a FROM t", roundTrip("explain plan for select a from t"));
        assertEquals("EXPLAIN DATAFLOW VERBOSE FOR SELECT 1", roundTrip("explain verbose select 1"));
    }
}
