package io.millrace.parser;

import static io.millrace.parser.ParserAssertions.parseOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.util.NlsString;
import org.junit.jupiter.api.Test;

/** PostgreSQL's lexical rules: identifiers, literals, operators, parameters, comments. */
class LexicalRulesTest {
    private static SqlNode selectItem(String sql) {
        final SqlSelect select = parseOne(sql, SqlSelect.class);
        return select.getSelectList().get(0);
    }

    @Test
    void unquotedIdentifiersFoldToLowerCaseAndQuotedOnesKeepTheirCase() {
        final SqlSelect select = parseOne("SELECT Abc, \"Abc\", \"a\"\"b\" FROM Sch.\"Tab\"", SqlSelect.class);
        assertEquals("abc", ((SqlIdentifier) select.getSelectList().get(0)).getSimple());
        assertEquals("Abc", ((SqlIdentifier) select.getSelectList().get(1)).getSimple());
        assertEquals("a\"b", ((SqlIdentifier) select.getSelectList().get(2)).getSimple());
        assertEquals(List.of("sch", "Tab"), ((SqlIdentifier) select.getFrom()).names);
    }

    @Test
    void anyKeywordLabelsAColumnAfterAs() {
        final SqlSelect select = parseOne("SELECT count(*) AS count, 1 AS Value, 2 AS select, 3 AS \"Year\" FROM t",
                SqlSelect.class);
        List<String> labels = select.getSelectList().stream()
                .map(n -> ((SqlIdentifier) ((SqlCall) n).operand(1)).getSimple()).toList();
        assertEquals(List.of("count", "value", "select", "Year"), labels);
    }

    @Test
    void wordsPostgresqlDoesNotReserveAreNames() {
        final SqlSelect select = parseOne("SELECT value, year, result, start, one, day FROM t WHERE value > 1",
                SqlSelect.class);
        assertEquals("value", ((SqlIdentifier) select.getSelectList().get(0)).getSimple());
        assertEquals("day", ((SqlIdentifier) select.getSelectList().get(5)).getSimple());
        final SqlSelect savepointWords = parseOne("SELECT savepoint, release FROM t", SqlSelect.class);
        assertEquals("release", ((SqlIdentifier) savepointWords.getSelectList().get(1)).getSimple());
        assertInstanceOf(SqlCall.class, selectItem("SELECT EXTRACT(YEAR FROM d) FROM t"));
    }

    @Test
    void configHasPostgresqlIdentifierRules() {
        final SqlParser.Config config = MillraceParser.config();
        assertEquals(Quoting.DOUBLE_QUOTE, config.quoting());
        assertEquals(Casing.TO_LOWER, config.unquotedCasing());
        assertEquals(Casing.UNCHANGED, config.quotedCasing());
        assertTrue(config.caseSensitive());
        assertTrue(config.conformance().isBangEqualAllowed());
        assertTrue(config.conformance().isOffsetLimitAllowed());
    }

    @Test
    void configWorksWithCalcitesOwnSqlParser() throws Exception {
        final SqlNode node = SqlParser.create("select A::int4 from T where x != $1", MillraceParser.config()).parseQuery();
        assertEquals("SELECT CAST(a AS INTEGER) FROM t WHERE x <> ?", MillraceParser.unparse(node));
    }

    @Test
    void infixCastBindsTighterThanArithmetic() {
        // a + b::int casts b only
        final SqlCall plus = (SqlCall) selectItem("SELECT a + b::int FROM t");
        assertEquals(SqlKind.PLUS, plus.getKind());
        assertEquals(SqlKind.CAST, plus.operand(1).getKind());
        assertEquals("b", ((SqlIdentifier) ((SqlCall) plus.operand(1)).operand(0)).getSimple());

        // '1'::int + 1 adds to the cast
        final SqlCall plus2 = (SqlCall) selectItem("SELECT '1'::int + 1");
        assertEquals(SqlKind.PLUS, plus2.getKind());
        assertEquals(SqlKind.CAST, plus2.operand(0).getKind());

        // -x::int is -(x::int), as in PostgreSQL
        final SqlCall minus = (SqlCall) selectItem("SELECT -x::int FROM t");
        assertEquals(SqlKind.MINUS_PREFIX, minus.getKind());
        assertEquals(SqlKind.CAST, minus.operand(0).getKind());

        // a * b::float8 casts b
        final SqlCall times = (SqlCall) selectItem("SELECT a * b::float8 FROM t");
        assertEquals(SqlKind.TIMES, times.getKind());
        assertEquals(SqlKind.CAST, times.operand(1).getKind());
    }

    @Test
    void infixCastChainsToTheLeftAndIsAnOrdinaryCast() {
        final SqlCall outer = (SqlCall) selectItem("SELECT x::text::int FROM t");
        assertEquals("CAST", outer.getOperator().getName());
        assertEquals("integer", PgTypeNames.displayName((SqlDataTypeSpec) outer.operand(1)));
        final SqlCall inner = (SqlCall) outer.operand(0);
        assertEquals("CAST", inner.getOperator().getName());
        assertEquals("text", PgTypeNames.displayName((SqlDataTypeSpec) inner.operand(1)));
        assertEquals("SELECT CAST(CAST(x AS TEXT) AS INTEGER) FROM t",
                MillraceParser.unparse(parseOne("SELECT x::text::int FROM t")));
    }

    @Test
    void infixCastTakesMultiWordTypes() {
        final SqlCall cast = (SqlCall) selectItem("SELECT ts::timestamp with time zone FROM t");
        final SqlDataTypeSpec type = (SqlDataTypeSpec) cast.operand(1);
        assertEquals("timestamp with time zone", PgTypeNames.displayName(type));
        assertEquals("double precision",
                PgTypeNames.displayName((SqlDataTypeSpec) ((SqlCall) selectItem("SELECT 1::double precision")).operand(1)));
        assertEquals("numeric(10,2)",
                PgTypeNames.displayName((SqlDataTypeSpec) ((SqlCall) selectItem("SELECT 1::numeric(10, 2)")).operand(1)));
    }

    @Test
    void concatenationAndBothNotEqualOperators() {
        assertEquals("||", ((SqlBasicCall) selectItem("SELECT 'a' || b FROM t")).getOperator().getName());
        final SqlSelect select = parseOne("SELECT * FROM t WHERE a != 1 AND b <> 2", SqlSelect.class);
        final SqlCall and = (SqlCall) select.getWhere();
        assertEquals(SqlKind.NOT_EQUALS, and.operand(0).getKind());
        assertEquals(SqlKind.NOT_EQUALS, and.operand(1).getKind());
    }

    @Test
    void posixRegexOperators() {
        assertEquals(SqlKind.POSIX_REGEX_CASE_SENSITIVE, selectItem("SELECT a ~ 'x' FROM t").getKind());
        assertEquals(SqlKind.POSIX_REGEX_CASE_INSENSITIVE, selectItem("SELECT a ~* 'x' FROM t").getKind());
    }

    @Test
    void limitAndOffsetInEitherOrder() {
        final SqlOrderBy limitOffset = parseOne("SELECT a FROM t LIMIT 10 OFFSET 5", SqlOrderBy.class);
        assertEquals("10", limitOffset.fetch.toString());
        assertEquals("5", limitOffset.offset.toString());
        final SqlOrderBy offsetLimit = parseOne("SELECT a FROM t OFFSET 5 LIMIT 10", SqlOrderBy.class);
        assertEquals("10", offsetLimit.fetch.toString());
        assertEquals("5", offsetLimit.offset.toString());
        final SqlOrderBy offsetOnly = parseOne("SELECT a FROM t ORDER BY a OFFSET 5", SqlOrderBy.class);
        assertNull(offsetOnly.fetch);
    }

    @Test
    void limitAllMeansNoLimit() {
        assertInstanceOf(SqlSelect.class, parseOne("SELECT a FROM t LIMIT ALL"));
        final SqlOrderBy withOffset = parseOne("SELECT a FROM t LIMIT ALL OFFSET 2", SqlOrderBy.class);
        assertNull(withOffset.fetch);
        assertEquals("2", withOffset.offset.toString());
    }

    @Test
    void positionalParametersKeepTheirNumber() {
        final SqlSelect select = parseOne("SELECT $2, $1, $2 FROM t", SqlSelect.class);
        assertEquals(1, ((SqlDynamicParam) select.getSelectList().get(0)).getIndex());
        assertEquals(0, ((SqlDynamicParam) select.getSelectList().get(1)).getIndex());
        assertEquals(1, ((SqlDynamicParam) select.getSelectList().get(2)).getIndex());
        assertEquals(2, MillraceParser.parameterCount(select));
    }

    @Test
    void parameterCountIsTheHighestNumberUsed() {
        assertEquals(0, MillraceParser.parseStatements("SELECT 1").get(0).parameterCount());
        assertEquals(3, MillraceParser.parseStatements("SELECT * FROM t WHERE a = $3").get(0).parameterCount());
        assertEquals(2, MillraceParser.parseStatements("INSERT INTO t VALUES ($1, $2), ($2, $1)").get(0)
                .parameterCount());
    }

    @Test
    void parametersWorkInLimitOffsetAndEveryStatementCountsFromOne() {
        final List<ParsedStatement> statements =
                MillraceParser.parseStatements("SELECT a FROM t LIMIT $2 OFFSET $1; UPDATE t SET a = $1 WHERE b = ?");
        final SqlOrderBy orderBy = (SqlOrderBy) statements.get(0).node();
        assertEquals(1, ((SqlDynamicParam) orderBy.fetch).getIndex());
        assertEquals(0, ((SqlDynamicParam) orderBy.offset).getIndex());
        assertEquals(2, statements.get(0).parameterCount());
        // a plain '?' keeps Calcite's numbering by occurrence
        assertEquals(2, statements.get(1).parameterCount());
    }

    @Test
    void dollarInsideAnIdentifierIsNotAParameter() {
        final SqlSelect select = parseOne("SELECT a$1, \"$1\" FROM t", SqlSelect.class);
        assertEquals("a$1", ((SqlIdentifier) select.getSelectList().get(0)).getSimple());
        assertEquals("$1", ((SqlIdentifier) select.getSelectList().get(1)).getSimple());
        assertEquals(0, MillraceParser.parameterCount(select));
    }

    @Test
    void stringLiteralsDoubleTheirQuotes() {
        final SqlCharStringLiteral literal = (SqlCharStringLiteral) selectItem("SELECT 'it''s'");
        assertEquals("it's", literal.getValueAs(String.class));
        // backslash is an ordinary character in a standard string
        assertEquals("a\\nb", ((SqlLiteral) selectItem("SELECT 'a\\nb'")).getValueAs(String.class));
    }

    @Test
    void escapeStringsDecodeBackslashEscapes() {
        final SqlCharStringLiteral literal =
                (SqlCharStringLiteral) selectItem("SELECT E'a\\nb\\tc\\\\d\\'e''f\\x41\\101\\u00e9\\q'");
        assertEquals("a\nb\tc\\d'e'fAAéq", literal.getValueAs(String.class));
        // same character set as any other string, so it compares with them
        assertNull(literal.getValueAs(NlsString.class).getCharsetName());
        assertEquals("it's", ((SqlLiteral) selectItem("SELECT e'it\\'s'")).getValueAs(String.class));
    }

    @Test
    void commentsAreIgnored() {
        final SqlSelect select = parseOne("SELECT /* block\n comment */ a -- line comment\n FROM t -- end", SqlSelect.class);
        assertEquals(1, select.getSelectList().size());
        assertEquals("t", select.getFrom().toString());
    }

    @Test
    void newKeywordsStayUsableAsNames() {
        final SqlSelect select = parseOne(
                "SELECT tables, views, sources, sinks, columns, indexes, index, copy, subscribe, dataflow, "
                        + "verbose, logical, materialized, stdin, stdout, forward, abort, sink, \"if\" FROM if", SqlSelect.class);
        assertEquals(19, select.getSelectList().size());
        assertEquals("if", select.getFrom().toString());
    }

    @Test
    void typeNamesAreCaseInsensitiveAndTypeWordsAreStillIdentifiers() {
        final SqlSelect select = parseOne("SELECT text, int4, timestamptz FROM t WHERE x = y::TEXT", SqlSelect.class);
        assertEquals("text", select.getSelectList().get(0).toString());
        assertFalse(select.getSelectList().get(1) instanceof SqlCall);
    }
}
