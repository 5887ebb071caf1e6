package io.millrace.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.millrace.parser.ddl.SqlCreateView;
import io.millrace.parser.ddl.SqlTransactionStatement;
import java.util.List;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.Test;

/** parseStatements: one entry per statement, with its own text and offset. */
class StatementSplittingTest {
    private static List<String> texts(String sql) {
        return MillraceParser.parseStatements(sql).stream().map(ParsedStatement::text).toList();
    }

    /** Every statement's text is where its offset says it is. */
    private static List<ParsedStatement> parse(String sql) {
        final List<ParsedStatement> statements = MillraceParser.parseStatements(sql);
        for (ParsedStatement s : statements) {
            assertTrue(sql.startsWith(s.text(), s.offset()), () -> s.text() + " at " + s.offset());
        }
        return statements;
    }

    @Test
    void splitsOnSemicolonsAndKeepsEachStatementsText() {
        final String sql = "BEGIN;  INSERT INTO t VALUES (1) ;\nCOMMIT";
        final List<ParsedStatement> statements = parse(sql);
        assertEquals(3, statements.size());
        assertInstanceOf(SqlTransactionStatement.class, statements.get(0).node());
        assertInstanceOf(SqlInsert.class, statements.get(1).node());
        assertEquals("BEGIN", statements.get(0).text());
        assertEquals(0, statements.get(0).offset());
        assertEquals("INSERT INTO t VALUES (1)", statements.get(1).text());
        assertEquals(8, statements.get(1).offset());
        assertEquals("COMMIT", statements.get(2).text());
        assertEquals(35, statements.get(2).offset());
    }

    @Test
    void emptyInputAndEmptyStatementsGiveNothing() {
        assertEquals(List.of(), texts(""));
        assertEquals(List.of(), texts("   \n\t "));
        assertEquals(List.of(), texts(";"));
        assertEquals(List.of(), texts(" ; ;; "));
        assertEquals(List.of(), texts("-- only a comment"));
        assertEquals(List.of(), texts("/* only */ -- comments\n;"));
        assertEquals(List.of("SELECT 1", "SELECT 2"), texts(";;SELECT 1;;; ;SELECT 2;;"));
    }

    @Test
    void trailingSemicolonIsOptional() {
        assertEquals(List.of("SELECT 1"), texts("SELECT 1"));
        assertEquals(List.of("SELECT 1"), texts("SELECT 1;"));
        assertEquals(List.of("SELECT 1"), texts("  SELECT 1 ;  \n"));
    }

    @Test
    void semicolonsInsideStringsIdentifiersAndCommentsDoNotSplit() {
        final String sql = "SELECT 'a;b', \"c;d\" FROM t; -- x; y\n"
                + "SELECT /* ; */ 2 /* ; */; SELECT E'\\';' ; SELECT 'it''s;'";
        final List<ParsedStatement> statements = parse(sql);
        assertEquals(List.of("SELECT 'a;b', \"c;d\" FROM t", "SELECT /* ; */ 2", "SELECT E'\\';'", "SELECT 'it''s;'"),
                statements.stream().map(ParsedStatement::text).toList());
        final SqlSelect first = (SqlSelect) statements.get(0).node();
        assertEquals("a;b", ((SqlLiteral) first.getSelectList().get(0)).getValueAs(String.class));
        final SqlSelect third = (SqlSelect) statements.get(2).node();
        assertEquals("';", ((SqlLiteral) third.getSelectList().get(0)).getValueAs(String.class));
    }

    @Test
    void leadingAndTrailingCommentsAreNotPartOfTheText() {
        final String sql = "/* header */ SELECT 1 -- one\n; -- between\nSELECT 2 /* two */";
        final List<ParsedStatement> statements = parse(sql);
        assertEquals(List.of("SELECT 1", "SELECT 2"), statements.stream().map(ParsedStatement::text).toList());
        assertEquals(13, statements.get(0).offset());
    }

    @Test
    void commentsInsideAStatementStayInItsText() {
        assertEquals(List.of("SELECT 1 -- one\n + 2"), texts("SELECT 1 -- one\n + 2;"));
    }

    @Test
    void offsetsAreRightOnLaterLinesWithTabsAndCarriageReturns() {
        final String sql = "SELECT 1;\r\n\tSELECT\r\n  2;\rSELECT 3;\n\n  SELECT 'é😀', 4";
        final List<ParsedStatement> statements = parse(sql);
        assertEquals(List.of("SELECT 1", "SELECT\r\n  2", "SELECT 3", "SELECT 'é😀', 4"),
                statements.stream().map(ParsedStatement::text).toList());
        assertEquals(sql.indexOf("SELECT 'é"), statements.get(3).offset());
    }

    @Test
    void viewQueryTextIsTheExactSource() {
        final String sql = "CREATE VIEW v AS SELECT a,  \"B\" -- note\n FROM t WHERE c = 'x;y' ; SELECT 1";
        final SqlCreateView view = (SqlCreateView) parse(sql).get(0).node();
        assertEquals("SELECT a,  \"B\" -- note\n FROM t WHERE c = 'x;y'", view.queryText());
    }

    @Test
    void manyStatementsSplitInOnePass() {
        final StringBuilder sql = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            sql.append("INSERT INTO t VALUES (").append(i).append(", 'x;").append(i).append("');\n");
        }
        final List<ParsedStatement> statements = parse(sql.toString());
        assertEquals(2000, statements.size());
        assertEquals("INSERT INTO t VALUES (1999, 'x;1999')", statements.get(1999).text());
    }
}
