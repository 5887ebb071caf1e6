package io.millrace.parser;

import static io.millrace.parser.ParserAssertions.assertError;
import static io.millrace.parser.ParserAssertions.assertSyntaxError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import org.junit.jupiter.api.Test;

/** Errors read like PostgreSQL's and point at the right character. */
class ParseErrorTest {
    @Test
    void misspelledKeyword() {
        assertSyntaxError("SELECT * FORM t", "syntax error at or near \"FORM\"", 10);
        assertSyntaxError("SELEC 1", "syntax error at or near \"SELEC\"", 1);
        assertSyntaxError("SELECT a FORM t", "syntax error at or near \"t\"", 15);
        assertSyntaxError("select * frm t", "syntax error at or near \"frm\"", 10);
    }

    @Test
    void endOfInput() {
        assertSyntaxError("SELECT 1 +", "syntax error at end of input", 11);
        assertSyntaxError("SELECT (1", "syntax error at end of input", 10);
        assertSyntaxError("SELECT a FROM t WHERE   ", "syntax error at end of input", 25);
        assertSyntaxError("INSERT INTO", "syntax error at end of input", 12);
    }

    @Test
    void errorOnTheSecondLine() {
        assertSyntaxError("SELECT a\nFROM t\nWHERE a = = 1", "syntax error at or near \"=\"", 27);
        assertSyntaxError("SELECT a\r\n  FROM t GROUP a", "syntax error at or near \"a\"", 26);
    }

    @Test
    void errorInTheSecondStatement() {
        assertSyntaxError("SELECT 1; SELECT * FROM t WHERE", "syntax error at end of input", 32);
        assertSyntaxError("CREATE TABLE t (a int);\nINSERT INTO t VALUES (1,);", "syntax error at or near \")\"", 49);
        assertSyntaxError("SELECT 1; foo", "syntax error at or near \"foo\"", 11);
        assertSyntaxError("SELECT 1 SELECT 2", "syntax error at or near \"SELECT\"", 10);
    }

    @Test
    void positionCountsCharactersNotUtf16Units() {
        // the emoji is two UTF-16 units but one character, as PostgreSQL counts
        assertSyntaxError("SELECT '😀', é FROM", "syntax error at end of input", 19);
        assertSyntaxError("SELECT '😀' FORM t", "syntax error at or near \"t\"", 17);
    }

    @Test
    void unterminatedThings() {
        assertSyntaxError("SELECT 'abc", "unterminated quoted string at or near \"'abc\"", 8);
        assertSyntaxError("SELECT \"abc", "unterminated quoted identifier at or near \"\"abc\"", 8);
        assertSyntaxError("SELECT 1 /* no end", "unterminated /* comment at or near \"/* no end\"", 10);
        assertSyntaxError("SELECT \"\" FROM t", "zero-length delimited identifier at or near \"\"\"\"", 8);
    }

    @Test
    void badEscapeStringAndOptionValue() {
        assertSyntaxError("SELECT 1, E'\\u12'", "invalid Unicode escape value", 11);
        assertError("EXPLAIN (VERBOSE maybe) SELECT 1", SqlState.INVALID_PARAMETER_VALUE,
                "verbose requires a Boolean value", 10);
    }

    @Test
    void strayCharacter() {
        assertSyntaxError("SELECT 1 # 2", "syntax error at or near \"#\"", 10);
    }

    @Test
    void nonQueryWhereAStatementBelongs() {
        assertSyntaxError("1 + 2", "syntax error at or near \"1\"", 1);
    }

    @Test
    void mysqlLimitSyntaxIsRejectedAsPostgresqlDoes() {
        final MillraceException e =
                assertSyntaxError("SELECT a FROM t LIMIT 1, 2", "LIMIT #,# syntax is not supported", 17);
        assertEquals("Use separate LIMIT and OFFSET clauses.", e.hint());
    }

    @Test
    void undefinedParameter() {
        assertError("SELECT $0", SqlState.UNDEFINED_PARAMETER, "there is no parameter $0", 8);
        assertError("SELECT $99999999", SqlState.UNDEFINED_PARAMETER, "there is no parameter $99999999", 8);
    }

    @Test
    void queryAndExpressionEntryPointsReportToo() {
        final MillraceException query = assertThrows(MillraceException.class,
                () -> MillraceParser.parseQuery("SELECT a\nFROM"));
        assertEquals(SqlState.SYNTAX_ERROR, query.sqlState());
        assertEquals("syntax error at end of input", query.getMessage());
        assertEquals(14, query.position());
        final MillraceException notQuery =
                assertThrows(MillraceException.class, () -> MillraceParser.parseQuery("INSERT INTO t VALUES (1)"));
        assertEquals("syntax error at or near \"INSERT\"", notQuery.getMessage());
        final MillraceException expression =
                assertThrows(MillraceException.class, () -> MillraceParser.parseExpression("a +* b"));
        assertEquals("syntax error at or near \"*\"", expression.getMessage());
        assertEquals(4, expression.position());
    }

    @Test
    void calcitesExpectedTokenListsNeverReachTheUser() {
        for (String sql : new String[] {"SELECT FROM", "CREATE TABLE t (a)", "SELECT 1 FROM t LIMIT 1, 2",
                "SHOW", "COPY t", "FETCH", "SELECT x::"}) {
            final MillraceException e = assertThrows(MillraceException.class, () -> MillraceParser.parseStatements(sql));
            assertEquals(SqlState.SYNTAX_ERROR, e.sqlState(), sql);
            assertFalse(e.getMessage().contains("Was expecting"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertEquals(true, e.position() >= 1 && e.position() <= sql.length() + 1, sql + " @" + e.position());
        }
    }
}
