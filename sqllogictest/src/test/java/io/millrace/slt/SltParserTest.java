package io.millrace.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SltParserTest {
    private static SltScript parse(String text) throws SltParseException {
        return SltParser.parse("test.slt", text);
    }

    @Test
    void readsEveryRecordKind() throws Exception {
        SltScript s = parse("""
                # a comment before everything
                hash-threshold 8

                statement ok
                CREATE TABLE t1(a INTEGER,
                  b TEXT)

                statement error
                SELECT * FROM missing

                statement error relation .* does not exist
                SELECT * FROM missing2

                query IT rowsort label-7
                SELECT a, b
                  FROM t1
                ----
                1
                x
                2
                (empty)

                query R
                SELECT 1.5
                ----
                1.500

                query I valuesort
                SELECT a FROM t1
                ----
                30 values hashing to 3c13dee48d9356ae19af2515e05e6b54

                halt
                """);
        List<SltRecord> r = s.records();
        assertEquals(8, r.size());

        SltRecord.HashThreshold h = assertInstanceOf(SltRecord.HashThreshold.class, r.get(0));
        assertEquals(8, h.threshold());
        assertEquals(2, h.line());

        SltRecord.Statement create = assertInstanceOf(SltRecord.Statement.class, r.get(1));
        assertFalse(create.expectError());
        assertEquals("CREATE TABLE t1(a INTEGER,\n  b TEXT)", create.sql());
        assertEquals(4, create.line());

        SltRecord.Statement error = assertInstanceOf(SltRecord.Statement.class, r.get(2));
        assertTrue(error.expectError());
        assertEquals("", error.errorPattern());
        SltRecord.Statement withPattern = assertInstanceOf(SltRecord.Statement.class, r.get(3));
        assertEquals("relation .* does not exist", withPattern.errorPattern());

        SltRecord.Query q = assertInstanceOf(SltRecord.Query.class, r.get(4));
        assertEquals("IT", q.types());
        assertEquals(2, q.columnCount());
        assertEquals(SortMode.ROWSORT, q.sortMode());
        assertEquals("label-7", q.label());
        assertEquals("SELECT a, b\n  FROM t1", q.sql());
        assertEquals(List.of("1", "x", "2", "(empty)"), q.expected());
        assertEquals(14, q.line());

        SltRecord.Query real = assertInstanceOf(SltRecord.Query.class, r.get(5));
        assertEquals(SortMode.NOSORT, real.sortMode());
        assertNull(real.label());

        SltRecord.Query hashed = assertInstanceOf(SltRecord.Query.class, r.get(6));
        assertEquals(SortMode.VALUESORT, hashed.sortMode());
        assertTrue(ResultFormat.isHash(hashed.expected()));

        assertInstanceOf(SltRecord.Halt.class, s.records().get(s.records().size() - 1));
    }

    @Test
    void queryWithoutSeparatorChecksNothingAndEmptyResultIsEmpty() throws Exception {
        SltScript s = parse("""
                query I nosort
                SELECT 1

                query I nosort
                SELECT 1 WHERE false
                ----

                """);
        SltRecord.Query noSeparator = (SltRecord.Query) s.records().get(0);
        assertNull(noSeparator.expected());
        SltRecord.Query empty = (SltRecord.Query) s.records().get(1);
        assertEquals(List.of(), empty.expected());
    }

    @Test
    void commentLinesInsideARecordDoNotEndIt() throws Exception {
        SltScript s = parse("""
                query I rowsort
                SELECT a
                # between SQL lines
                FROM t
                ----
                1
                # between values
                2
                """);
        SltRecord.Query q = (SltRecord.Query) s.records().get(0);
        assertEquals("SELECT a\nFROM t", q.sql());
        assertEquals(List.of("1", "2"), q.expected());
    }

    @Test
    void whitespaceOnlyLinesSeparateRecordsAndCrlfIsAccepted() throws Exception {
        SltScript s = parse("statement ok\r\nSELECT 1\r\n   \r\nstatement ok\r\nSELECT 2\r\n");
        assertEquals(2, s.records().size());
        assertEquals("SELECT 1", ((SltRecord.Statement) s.records().get(0)).sql());
    }

    @Test
    void duckdbStyleErrorMessageAfterSeparator() throws Exception {
        SltScript s = parse("""
                statement error
                DROP TABLE t
                ----
                cannot drop table t because other objects depend on it
                """);
        SltRecord.Statement st = (SltRecord.Statement) s.records().get(0);
        assertEquals("DROP TABLE t", st.sql());
        assertEquals("cannot drop table t because other objects depend on it", st.errorPattern());
    }

    @Test
    void conditionsSelectRecordsForTheEngine() throws Exception {
        SltScript s = parse("""
                onlyif mysql # CAST syntax: SIGNED type:
                query I rowsort
                SELECT CAST(1 AS SIGNED)
                ----
                1

                skipif mysql # not compatible
                query I rowsort
                SELECT CAST(1 AS INTEGER)
                ----
                1

                skipif postgresql # PostgreSQL requires AS when renaming output columns
                statement ok
                SELECT 1 x

                onlyif postgresql
                statement ok
                SELECT 2

                onlyif PostgreSQL
                skipif sqlite
                statement ok
                SELECT 3

                onlyif postgresql
                skipif postgresql
                statement ok
                SELECT 4
                """);
        SltScript.Active active = s.active("postgresql");
        assertEquals(3, active.records().size());
        assertEquals(3, active.skipped());
        assertEquals("SELECT CAST(1 AS INTEGER)", ((SltRecord.Query) active.records().get(0)).sql());
        assertEquals("SELECT 2", ((SltRecord.Statement) active.records().get(1)).sql());
        assertEquals("SELECT 3", ((SltRecord.Statement) active.records().get(2)).sql());

        SltScript.Active mysql = s.active("mysql");
        assertEquals(2, mysql.records().size());
        assertEquals("SELECT CAST(1 AS SIGNED)", ((SltRecord.Query) mysql.records().get(0)).sql());
    }

    @Test
    void haltStopsTheScriptOnlyWhereItsConditionsApply() throws Exception {
        SltScript s = parse("""
                statement ok
                SELECT 1

                onlyif mssql
                halt

                skipif sqlite
                halt

                statement ok
                SELECT 2
                """);
        SltScript.Active pg = s.active("postgresql");
        assertEquals(1, pg.records().size());
        assertEquals(0, pg.skipped());
        SltScript.Active sqlite = s.active("sqlite");
        assertEquals(2, sqlite.records().size());
        SltScript.Active mssql = s.active("mssql");
        assertEquals(1, mssql.records().size());
    }

    @Test
    void hashThresholdRecordsRespectConditions() throws Exception {
        SltScript s = parse("""
                onlyif mysql
                hash-threshold 100

                hash-threshold 3
                """);
        List<SltRecord> active = s.active("postgresql").records();
        assertEquals(1, active.size());
        assertEquals(3, ((SltRecord.HashThreshold) active.get(0)).threshold());
    }

    @Test
    void malformedRecordsAreReportedWithTheirLine() {
        SltParseException unknown = assertThrows(SltParseException.class, () -> parse("\n\nfrobnicate\nSELECT 1\n"));
        assertEquals(3, unknown.line());
        SltParseException badType = assertThrows(SltParseException.class, () -> parse("query IX\nSELECT 1, 2\n"));
        assertEquals(1, badType.line());
        assertThrows(SltParseException.class, () -> parse("statement maybe\nSELECT 1\n"));
        assertThrows(SltParseException.class, () -> parse("statement ok\n\n"));
        assertThrows(SltParseException.class, () -> parse("skipif mysql\n\nstatement ok\nSELECT 1\n"));
        assertThrows(SltParseException.class, () -> parse("hash-threshold many\n"));
    }
}
