package io.millrace.parser;

import static io.millrace.parser.ParserAssertions.assertSyntaxError;
import static io.millrace.parser.ParserAssertions.parseOne;
import static io.millrace.parser.ParserAssertions.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.parser.ddl.SqlCloseCursor;
import io.millrace.parser.ddl.SqlCopy;
import io.millrace.parser.ddl.SqlDeclareCursor;
import io.millrace.parser.ddl.SqlFetch;
import io.millrace.parser.ddl.SqlOption;
import io.millrace.parser.ddl.SqlSubscribe;
import io.millrace.parser.ddl.StatementKind;
import java.util.List;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE, DECLARE / FETCH / CLOSE, COPY. */
class StreamingStatementTest {
    private static List<String> optionNames(List<SqlOption> options) {
        return options.stream().map(SqlOption::name).toList();
    }

    @Test
    void subscribeToAName() {
        final SqlSubscribe subscribe = parseOne("SUBSCRIBE TO s.mv", SqlSubscribe.class);
        assertEquals(StatementKind.SUBSCRIBE, subscribe.statementKind());
        assertEquals("s.mv", subscribe.target().toString());
        assertNull(subscribe.query());
        assertNull(subscribe.queryText());
        assertEquals(List.of(), subscribe.options());
        assertEquals("mv", parseOne("SUBSCRIBE mv", SqlSubscribe.class).target().toString());
    }

    @Test
    void subscribeToAQueryKeepsItsText() {
        final SqlSubscribe subscribe = parseOne(
                "SUBSCRIBE (SELECT a FROM t WHERE b = 'x)' ORDER BY a LIMIT 3) WITH (SNAPSHOT = false, progress)",
                SqlSubscribe.class);
        assertNull(subscribe.target());
        assertInstanceOf(SqlOrderBy.class, subscribe.query());
        assertEquals("SELECT a FROM t WHERE b = 'x)' ORDER BY a LIMIT 3", subscribe.queryText());
        assertEquals(List.of("snapshot", "progress"), optionNames(subscribe.options()));
        assertFalse(subscribe.option("snapshot").booleanValue());
        assertTrue(subscribe.option("progress").booleanValue());
        assertNull(subscribe.option("progress").value());
    }

    @Test
    void subscribeOptionsAreCaseInsensitiveAndUnknownOnesAreKept() {
        final SqlSubscribe subscribe =
                parseOne("SUBSCRIBE v WITH (Snapshot TRUE, \"PROGRESS\" = 'on', bogus = 3)", SqlSubscribe.class);
        assertEquals(List.of("snapshot", "progress", "bogus"), optionNames(subscribe.options()));
        assertTrue(subscribe.option("snapshot").booleanValue());
        assertTrue(subscribe.option("progress").booleanValue());
        assertEquals("3", subscribe.option("bogus").stringValue());
        final MillraceException e = assertThrows(MillraceException.class, () -> subscribe.option("bogus").booleanValue());
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.sqlState());
        assertEquals("bogus requires a Boolean value", e.getMessage());
    }

    @Test
    void optionGivenTwiceIsRejected() {
        assertSyntaxError("SUBSCRIBE v WITH (snapshot, SNAPSHOT false)", "conflicting or redundant options", 29);
    }

    @Test
    void subscribeRoundTrips() {
        assertEquals("SUBSCRIBE (SELECT a FROM t) WITH (snapshot FALSE, progress)",
                roundTrip("subscribe to (select a from t) with (snapshot = false, progress)"));
        assertEquals("SUBSCRIBE v", roundTrip("SUBSCRIBE TO v"));
    }

    @Test
    void declareCursorForSubscribeOrQuery() {
        final SqlDeclareCursor cursor =
                parseOne("DECLARE c CURSOR FOR SUBSCRIBE v WITH (SNAPSHOT false)", SqlDeclareCursor.class);
        assertEquals(StatementKind.DECLARE_CURSOR, cursor.statementKind());
        assertEquals("c", cursor.cursorName());
        assertTrue(cursor.isSubscribe());
        assertFalse(cursor.noScroll());
        assertFalse(cursor.withHold());
        assertEquals("SUBSCRIBE v WITH (SNAPSHOT false)", cursor.queryText());
        assertFalse(((SqlSubscribe) cursor.query()).option("snapshot").booleanValue());

        final SqlDeclareCursor query =
                parseOne("DECLARE \"C\" NO SCROLL CURSOR WITH HOLD FOR SELECT 1", SqlDeclareCursor.class);
        assertEquals("C", query.cursorName());
        assertTrue(query.noScroll());
        assertTrue(query.withHold());
        assertFalse(query.isSubscribe());
        assertInstanceOf(SqlSelect.class, query.query());
        assertFalse(parseOne("DECLARE c CURSOR WITHOUT HOLD FOR SELECT 1", SqlDeclareCursor.class).withHold());
        assertEquals("DECLARE c NO SCROLL CURSOR WITH HOLD FOR SUBSCRIBE v",
                roundTrip("declare c no scroll cursor with hold for subscribe v"));
    }

    @Test
    void fetchForms() {
        final SqlFetch plain = parseOne("FETCH c", SqlFetch.class);
        assertEquals(StatementKind.FETCH, plain.statementKind());
        assertEquals("c", plain.cursorName());
        assertFalse(plain.all());
        assertEquals(1, plain.count());
        assertEquals(100, parseOne("FETCH 100 c", SqlFetch.class).count());
        assertEquals(100, parseOne("FETCH FORWARD 100 FROM c", SqlFetch.class).count());
        assertTrue(parseOne("FETCH ALL IN c", SqlFetch.class).all());
        assertTrue(parseOne("FETCH FORWARD ALL c", SqlFetch.class).all());
        assertEquals(1, parseOne("FETCH NEXT FROM c", SqlFetch.class).count());
        assertEquals(1, parseOne("FETCH FORWARD FROM c", SqlFetch.class).count());
        // a cursor called "forward"
        assertEquals("forward", parseOne("FETCH forward", SqlFetch.class).cursorName());
    }

    @Test
    void fetchWithTimeout() {
        final SqlFetch fetch = parseOne("FETCH ALL FROM c WITH (TIMEOUT = '5s')", SqlFetch.class);
        assertEquals("5s", fetch.option("timeout").stringValue());
        assertEquals("0", parseOne("FETCH 1 c WITH (timeout 0)", SqlFetch.class).option("timeout").stringValue());
        assertEquals("FETCH ALL FROM c WITH (timeout '1s')", roundTrip("fetch all c with (timeout = '1s')"));
        assertEquals("FETCH 5 FROM c", roundTrip("fetch forward 5 in c"));
    }

    @Test
    void close() {
        final SqlCloseCursor close = parseOne("CLOSE c", SqlCloseCursor.class);
        assertEquals(StatementKind.CLOSE_CURSOR, close.statementKind());
        assertEquals("c", close.cursorName());
        assertFalse(close.all());
        assertTrue(parseOne("CLOSE ALL", SqlCloseCursor.class).all());
        assertEquals("CLOSE ALL", roundTrip("close all"));
    }

    @Test
    void copyTableFromStdinWithOptions() {
        final SqlCopy copy = parseOne(
                "COPY s.t (a, b) FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';', NULL '', QUOTE '\"', "
                        + "ESCAPE '\\')",
                SqlCopy.class);
        assertEquals(StatementKind.COPY, copy.statementKind());
        assertEquals(SqlCopy.Direction.FROM_STDIN, copy.direction());
        assertEquals("s.t", copy.table().toString());
        assertEquals(List.of("a", "b"), copy.columnNames());
        assertNull(copy.query());
        assertEquals(List.of("format", "header", "delimiter", "null", "quote", "escape"), optionNames(copy.options()));
        assertEquals("csv", copy.option("format").stringValue());
        assertTrue(copy.option("header").booleanValue());
        assertEquals(";", copy.option("delimiter").stringValue());
        assertEquals("", copy.option("null").stringValue());
        assertEquals("\"", copy.option("quote").stringValue());
        assertEquals("\\", copy.option("escape").stringValue());
    }

    @Test
    void copyTableToStdout() {
        final SqlCopy copy = parseOne("COPY t TO STDOUT", SqlCopy.class);
        assertEquals(SqlCopy.Direction.TO_STDOUT, copy.direction());
        assertNull(copy.columns());
        assertEquals(List.of(), copy.options());
        assertEquals(List.of("format"), optionNames(parseOne("COPY t TO STDOUT (FORMAT text)", SqlCopy.class).options()));
    }

    @Test
    void copyOldStyleOptionsBecomeTheSameOptions() {
        final SqlCopy csv = parseOne("COPY t FROM STDIN WITH CSV HEADER", SqlCopy.class);
        assertEquals(List.of("format", "header"), optionNames(csv.options()));
        assertEquals("csv", csv.option("format").stringValue());
        assertTrue(csv.option("header").booleanValue());

        final SqlCopy delimited = parseOne("COPY t (a) TO STDOUT DELIMITER AS '|' NULL AS 'NULL' CSV QUOTE '''' ESCAPE AS '\\'",
                SqlCopy.class);
        assertEquals("|", delimited.option("delimiter").stringValue());
        assertEquals("NULL", delimited.option("null").stringValue());
        assertEquals("csv", delimited.option("format").stringValue());
        assertEquals("'", delimited.option("quote").stringValue());
        assertEquals("\\", delimited.option("escape").stringValue());
        assertEquals("binary", parseOne("COPY t TO STDOUT BINARY", SqlCopy.class).option("format").stringValue());
        assertEquals("csv", parseOne("COPY t FROM STDIN CSV", SqlCopy.class).option("format").stringValue());

        assertSyntaxError("COPY t FROM STDIN WITH SOMETHING", "syntax error at or near \"SOMETHING\"", 24);
        assertSyntaxError("COPY t FROM STDIN CSV CSV", "conflicting or redundant options", 23);
    }

    @Test
    void copyQueryOrSubscribeToStdout() {
        final SqlCopy query = parseOne("COPY (SELECT a FROM t WHERE b = ')') TO STDOUT WITH CSV", SqlCopy.class);
        assertNull(query.table());
        assertInstanceOf(SqlSelect.class, query.query());
        assertEquals("SELECT a FROM t WHERE b = ')'", query.queryText());
        assertEquals(SqlCopy.Direction.TO_STDOUT, query.direction());

        final SqlCopy subscribe =
                parseOne("COPY (SUBSCRIBE mv WITH (SNAPSHOT false)) TO STDOUT (FORMAT csv)", SqlCopy.class);
        final SqlSubscribe inner = assertInstanceOf(SqlSubscribe.class, subscribe.query());
        assertEquals("mv", inner.target().toString());
        assertEquals("SUBSCRIBE mv WITH (SNAPSHOT false)", subscribe.queryText());

        assertSyntaxError("COPY (SELECT 1) FROM STDIN", "syntax error at or near \"FROM\"", 17);
        assertSyntaxError("COPY t TO '/tmp/file'", "syntax error at or near \"'/tmp/file'\"", 11);
    }

    @Test
    void copyRoundTrips() {
        assertEquals("COPY t (a, b) FROM STDIN WITH (format 'csv', header TRUE)",
                roundTrip("copy t (a, b) from stdin with csv header"));
        assertEquals("COPY (SUBSCRIBE v) TO STDOUT", roundTrip("copy (subscribe v) to stdout"));
        assertEquals("COPY (SELECT 1) TO STDOUT WITH (format csv)", roundTrip("copy (select 1) to stdout with (format csv)"));
    }

    @Test
    void optionValuesKeepTheirKind() {
        final SqlSubscribe subscribe = parseOne("SUBSCRIBE v WITH (a 'x', b 1.5, c false, d on, e word)", SqlSubscribe.class);
        assertInstanceOf(SqlLiteral.class, subscribe.option("a").value());
        assertEquals("1.5", subscribe.option("b").stringValue());
        assertEquals("false", subscribe.option("c").stringValue());
        assertEquals("on", subscribe.option("d").stringValue());
        assertTrue(subscribe.option("d").booleanValue());
        assertEquals("word", subscribe.option("e").stringValue());
    }
}
