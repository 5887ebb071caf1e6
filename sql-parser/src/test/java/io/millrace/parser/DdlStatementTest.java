package io.millrace.parser;

import static io.millrace.parser.ParserAssertions.assertError;
import static io.millrace.parser.ParserAssertions.assertSyntaxError;
import static io.millrace.parser.ParserAssertions.parseOne;
import static io.millrace.parser.ParserAssertions.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.millrace.common.SqlState;
import io.millrace.parser.ddl.SqlColumnDefinition;
import io.millrace.parser.ddl.SqlCreateIndex;
import io.millrace.parser.ddl.SqlCreateTable;
import io.millrace.parser.ddl.SqlCreateView;
import io.millrace.parser.ddl.SqlDropObjects;
import io.millrace.parser.ddl.SqlDropObjects.ObjectType;
import io.millrace.parser.ddl.SqlUniqueKey;
import io.millrace.parser.ddl.StatementKind;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.Test;

/** CREATE TABLE, CREATE [MATERIALIZED] VIEW, CREATE INDEX, DROP. */
class DdlStatementTest {
    @Test
    void createTableAsQuery() {
        final io.millrace.parser.ddl.SqlCreateTableAs t = parseOne(
                "CREATE TABLE IF NOT EXISTS t (a, b) AS SELECT x, y FROM u WHERE x > 1 WITH NO DATA",
                io.millrace.parser.ddl.SqlCreateTableAs.class);
        assertEquals(List.of("a", "b"), t.columnNames());
        assertEquals("SELECT x, y FROM u WHERE x > 1", t.queryText());
        assertFalse(t.withData());
        assertEquals(List.of(), parseOne("CREATE TABLE t AS SELECT 1", io.millrace.parser.ddl.SqlCreateTableAs.class)
                .columnNames());
    }

    @Test
    void createTableWithColumnsConstraintsAndDefaults() {
        final SqlCreateTable table = parseOne(
                "CREATE TABLE s.\"Orders\" (id bigint NOT NULL, note text DEFAULT 'none', qty int NULL DEFAULT 1 + 1, "
                        + "price numeric(10,2) DEFAULT NULL NOT NULL)",
                SqlCreateTable.class);
        assertEquals(StatementKind.CREATE_TABLE, table.statementKind());
        assertEquals(SqlKind.CREATE_TABLE, table.getKind());
        assertEquals(List.of("s", "Orders"), table.name().names);
        assertFalse(table.ifNotExists());
        final List<SqlColumnDefinition> columns = table.columns();
        assertEquals(List.of("id", "note", "qty", "price"), columns.stream().map(SqlColumnDefinition::columnName).toList());
        assertFalse(columns.get(0).nullable());
        assertNull(columns.get(0).defaultExpression());
        assertTrue(columns.get(1).nullable());
        assertEquals("none", ((SqlLiteral) columns.get(1).defaultExpression()).getValueAs(String.class));
        assertTrue(columns.get(2).nullable());
        assertEquals(SqlKind.PLUS, columns.get(2).defaultExpression().getKind());
        assertFalse(columns.get(3).nullable());
        assertEquals("numeric(10,2)", PgTypeNames.displayName(columns.get(3).type()));
        assertNull(table.primaryKey());
        assertEquals(List.of(), table.primaryKeyColumns());
    }

    @Test
    void primaryKeyFromAColumnOrTheTableClause() {
        final SqlCreateTable inline = parseOne("CREATE TABLE t (a int PRIMARY KEY, b int)", SqlCreateTable.class);
        assertEquals(List.of("a"), inline.primaryKeyColumns());
        assertTrue(inline.columns().get(0).nullable()); // as declared ...
        assertTrue(inline.isNotNull("a")); // ... but a key column rejects nulls
        assertFalse(inline.isNotNull("b"));

        final SqlCreateTable clause =
                parseOne("CREATE TABLE IF NOT EXISTS t (a int, b int NOT NULL, PRIMARY KEY (b, a))", SqlCreateTable.class);
        assertTrue(clause.ifNotExists());
        assertEquals(List.of("b", "a"), clause.primaryKeyColumns());

        final SqlCreateTable first = parseOne("CREATE TABLE t (PRIMARY KEY (a), a int)", SqlCreateTable.class);
        assertEquals(List.of("a"), first.primaryKeyColumns());
    }

    @Test
    void uniqueConstraintsFromAColumnOrTheTableClause() {
        final SqlCreateTable table = parseOne(
                "CREATE TABLE t (a int UNIQUE, b int, c int NOT NULL UNIQUE, UNIQUE (b, c))", SqlCreateTable.class);
        assertEquals(List.of(List.of("a"), List.of("c"), List.of("b", "c")),
                table.uniqueKeys().stream().map(SqlUniqueKey::columnNames).toList());
        assertEquals(List.of(), parseOne("CREATE TABLE t (a int)", SqlCreateTable.class).uniqueKeys());
        assertEquals("CREATE TABLE t (a INTEGER, b INTEGER, PRIMARY KEY (b), UNIQUE (a), UNIQUE (a, b))",
                roundTrip("CREATE TABLE t (a int UNIQUE, b int PRIMARY KEY, UNIQUE (a, b))"));
    }

    @Test
    void constraintsMayBeNamed() {
        final SqlCreateTable table = parseOne("CREATE TABLE t (a int CONSTRAINT nn NOT NULL CONSTRAINT u UNIQUE, "
                + "b int, CONSTRAINT t_pkey PRIMARY KEY (b), CONSTRAINT ab UNIQUE (a, b), UNIQUE (b, a))",
                SqlCreateTable.class);
        assertEquals(List.of("u", "ab"), table.uniqueKeys().stream().limit(2).map(SqlUniqueKey::constraintName)
                .toList());
        assertNull(table.uniqueKeys().get(2).constraintName());
        assertFalse(table.columns().get(0).nullable());
        assertEquals(List.of("b"), table.primaryKeyColumns());
        assertEquals("CREATE TABLE t (a INTEGER, PRIMARY KEY (a), CONSTRAINT u UNIQUE (a))",
                roundTrip("create table t (a int constraint t_pkey primary key, constraint u unique (a))"));
        assertError("CREATE TABLE t (a int CONSTRAINT k PRIMARY KEY)", SqlState.FEATURE_NOT_SUPPORTED,
                "a primary key constraint named other than \"t_pkey\" is not supported yet", 34);
        assertSyntaxError("CREATE TABLE t (a int, CONSTRAINT c)", "syntax error at or near \")\"", 36);
    }

    @Test
    void aKeyNamesEachColumnOnce() {
        assertError("CREATE TABLE t (a int, UNIQUE (a, a))", SqlState.DUPLICATE_COLUMN,
                "column \"a\" appears twice in unique constraint", 24);
        assertError("CREATE TABLE t (a int, PRIMARY KEY (a, a))", SqlState.DUPLICATE_COLUMN,
                "column \"a\" appears twice in primary key constraint", 24);
    }

    @Test
    void secondPrimaryKeyIsRejected() {
        assertError("CREATE TABLE t (a int PRIMARY KEY, b int PRIMARY KEY)", SqlState.INVALID_TABLE_DEFINITION,
                "multiple primary keys for table \"t\" are not allowed", 42);
        assertError("CREATE TABLE t (a int PRIMARY KEY, PRIMARY KEY (a))", SqlState.INVALID_TABLE_DEFINITION,
                "multiple primary keys for table \"t\" are not allowed", 36);
    }

    @Test
    void conflictingColumnConstraintsAreRejected() {
        assertSyntaxError("CREATE TABLE t (a int NOT NULL NULL)",
                "conflicting NULL/NOT NULL declarations for column \"a\" of table \"t\"", 32);
        assertSyntaxError("CREATE TABLE t (a int DEFAULT 1 DEFAULT 2)",
                "multiple default values specified for column \"a\" of table \"t\"", 33);
        assertSyntaxError("CREATE OR REPLACE TABLE t (a int)", "syntax error at or near \"TABLE\"", 19);
        assertSyntaxError("CREATE TABLE t ()", "syntax error at or near \")\"", 17);
    }

    @Test
    void createTableRoundTrips() {
        assertEquals("CREATE TABLE IF NOT EXISTS t (a INTEGER NOT NULL, b TEXT DEFAULT 'x', PRIMARY KEY (a))",
                roundTrip("create table if not exists t (a int4 primary key not null, b text default 'x')"));
    }

    @Test
    void createViewKeepsQueryAndItsText() {
        final String sql = "CREATE VIEW v AS SELECT a, b FROM t WHERE a > 1";
        final SqlCreateView view = parseOne(sql, SqlCreateView.class);
        assertEquals(StatementKind.CREATE_VIEW, view.statementKind());
        assertEquals(SqlKind.CREATE_VIEW, view.getKind());
        assertFalse(view.materialized());
        assertFalse(view.orReplace());
        assertFalse(view.ifNotExists());
        assertEquals("v", view.name().getSimple());
        assertNull(view.columnList());
        assertInstanceOf(SqlSelect.class, view.query());
        assertEquals("SELECT a, b FROM t WHERE a > 1", view.queryText());
        // the stored text parses back to the same query
        assertEquals(MillraceParser.unparse(view.query()), MillraceParser.unparse(MillraceParser.parseQuery(view.queryText())));
    }

    @Test
    void createMaterializedViewWithEveryOption() {
        final SqlCreateView view = parseOne(
                "CREATE OR REPLACE MATERIALIZED VIEW IF NOT EXISTS s.mv (k, n) AS\n"
                        + "  SELECT a, count(*) FROM t GROUP BY a ORDER BY 2 DESC LIMIT 10;",
                SqlCreateView.class);
        assertTrue(view.materialized());
        assertTrue(view.orReplace());
        assertTrue(view.ifNotExists());
        assertEquals(SqlKind.CREATE_MATERIALIZED_VIEW, view.getKind());
        assertEquals(List.of("s", "mv"), view.name().names);
        assertEquals(List.of("k", "n"), view.columnNames());
        assertInstanceOf(SqlOrderBy.class, view.query());
        assertEquals("SELECT a, count(*) FROM t GROUP BY a ORDER BY 2 DESC LIMIT 10", view.queryText());
    }

    @Test
    void viewQueriesMayBeSetOperationsOrWith() {
        assertEquals("(SELECT 1 UNION SELECT 2)",
                parseOne("CREATE VIEW v AS (SELECT 1 UNION SELECT 2)", SqlCreateView.class).queryText());
        assertEquals("WITH x AS (SELECT 1 AS a) SELECT a FROM x",
                parseOne("CREATE MATERIALIZED VIEW v AS WITH x AS (SELECT 1 AS a) SELECT a FROM x", SqlCreateView.class)
                        .queryText());
    }

    @Test
    void createViewRoundTrips() {
        assertEquals("CREATE OR REPLACE MATERIALIZED VIEW mv (x) AS SELECT a FROM t",
                roundTrip("create or replace materialized view mv (x) as select a from t"));
    }

    @Test
    void createIndex() {
        final SqlCreateIndex index = parseOne(
                "CREATE UNIQUE INDEX IF NOT EXISTS i ON s.t USING BTree (a, b DESC NULLS LAST, lower(c))",
                SqlCreateIndex.class);
        assertEquals(StatementKind.CREATE_INDEX, index.statementKind());
        assertTrue(index.unique());
        assertTrue(index.ifNotExists());
        assertEquals("i", index.name().getSimple());
        assertEquals(List.of("s", "t"), index.table().names);
        assertEquals("btree", index.method());
        assertEquals(3, index.items().size());
        assertInstanceOf(SqlIdentifier.class, index.items().get(0));
        assertEquals(SqlKind.NULLS_LAST, index.items().get(1).getKind());
        assertEquals(SqlKind.DESCENDING, ((SqlCall) index.items().get(1)).operand(0).getKind());

        final SqlCreateIndex unnamed = parseOne("CREATE INDEX ON t (a)", SqlCreateIndex.class);
        assertNull(unnamed.name());
        assertFalse(unnamed.unique());
        assertNull(unnamed.method());

        assertEquals("CREATE UNIQUE INDEX i ON t USING hash (a DESC)",
                roundTrip("create unique index i on t using hash (a desc)"));
        assertSyntaxError("CREATE UNIQUE INDEX IF NOT EXISTS ON t (a)", "syntax error at or near \"ON\"", 35);
    }

    @Test
    void dropEveryKindOfObject() {
        final SqlDropObjects drop = parseOne("DROP MATERIALIZED VIEW IF EXISTS a, s.b CASCADE", SqlDropObjects.class);
        assertEquals(StatementKind.DROP_OBJECTS, drop.statementKind());
        assertEquals(ObjectType.MATERIALIZED_VIEW, drop.objectType());
        assertEquals(SqlKind.DROP_MATERIALIZED_VIEW, drop.getKind());
        assertTrue(drop.ifExists());
        assertTrue(drop.cascade());
        assertEquals(List.of("a", "s.b"), drop.names().stream().map(SqlIdentifier::toString).toList());

        assertEquals(ObjectType.TABLE, parseOne("DROP TABLE t", SqlDropObjects.class).objectType());
        assertEquals(ObjectType.VIEW, parseOne("DROP VIEW v RESTRICT", SqlDropObjects.class).objectType());
        assertFalse(parseOne("DROP VIEW v RESTRICT", SqlDropObjects.class).cascade());
        assertEquals(ObjectType.INDEX, parseOne("DROP INDEX i", SqlDropObjects.class).objectType());
        assertEquals(ObjectType.SOURCE, parseOne("DROP SOURCE IF EXISTS src", SqlDropObjects.class).objectType());
        assertEquals(ObjectType.SINK, parseOne("DROP SINK k", SqlDropObjects.class).objectType());
        assertFalse(parseOne("DROP TABLE t", SqlDropObjects.class).ifExists());

        assertEquals("DROP MATERIALIZED VIEW IF EXISTS a, s.b CASCADE",
                roundTrip("drop materialized view if exists a, s.b cascade"));
        assertSyntaxError("DROP TABLE", "syntax error at end of input", 11);
    }

    @Test
    void ifIsStillAName() {
        assertEquals("if", parseOne("CREATE TABLE if (a int)", SqlCreateTable.class).name().getSimple());
        assertEquals(List.of("if"), parseOne("DROP TABLE if", SqlDropObjects.class).names().stream()
                .map(SqlIdentifier::getSimple).toList());
    }
}
