package io.millrace.parser;

import static io.millrace.parser.ParserAssertions.parseOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Calcite's own syntax keeps working through our grammar. */
class StandardSqlTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT a, b AS c, t.* FROM t",
        "SELECT DISTINCT a FROM t1 JOIN t2 ON t1.x = t2.x LEFT JOIN t3 USING (y) CROSS JOIN t4",
        "SELECT a, count(*), sum(b) FROM t WHERE c IS NOT NULL GROUP BY a HAVING count(*) > 1 ORDER BY 2 DESC, a",
        "SELECT * FROM (SELECT a FROM t) AS s WHERE a IN (SELECT b FROM u) AND EXISTS (SELECT 1 FROM v)",
        "WITH x AS (SELECT 1 AS a), y (b) AS (SELECT 2) SELECT * FROM x, y",
        "SELECT a FROM t UNION SELECT a FROM u INTERSECT SELECT a FROM v EXCEPT SELECT a FROM w",
        "SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY 1 LIMIT 5",
        "SELECT CASE WHEN a > 0 THEN 'p' WHEN a < 0 THEN 'n' ELSE 'z' END, CASE a WHEN 1 THEN 2 END FROM t",
        "SELECT CAST(a AS varchar(10)), coalesce(a, b, 0), nullif(a, 0), a BETWEEN 1 AND 2, a NOT IN (1, 2) FROM t",
        "SELECT upper(s), substring(s FROM 1 FOR 2), trim(s), abs(-1), count(DISTINCT a), a LIKE 'x%' FROM t",
        "SELECT EXTRACT(YEAR FROM d), d + INTERVAL '1' DAY, CURRENT_TIMESTAMP, now() FROM t",
        "SELECT - - 86, + col2 * - col1, NOT (a IS NULL) FROM tab0 WHERE NOT col0 IS NULL",
        "SELECT a, row_number() OVER (PARTITION BY b ORDER BY c) FROM t",
        "SELECT * FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' MINUTE))",
        "VALUES (1, 'a'), (2, 'b')",
        "SELECT a % 2, a / 2, a - 1 FROM t",
        "SELECT a FROM t FETCH FIRST 3 ROWS ONLY",
    })
    void queriesParse(String sql) {
        final SqlNode node = parseOne(sql);
        assertEquals(SqlKind.QUERY.contains(node.getKind()), true, sql);
        // and our unparse of them parses again
        parseOne(MillraceParser.unparse(node));
    }

    @Test
    void insertSelectAndMultiRowValues() {
        final SqlInsert values = parseOne("INSERT INTO t (a, b) VALUES (1, 'x'), (2, DEFAULT)", SqlInsert.class);
        assertEquals(2, values.getTargetColumnList().size());
        assertEquals(2, ((SqlBasicCall) values.getSource()).getOperandList().size());
        final SqlInsert select = parseOne("INSERT INTO s.t SELECT * FROM u WHERE x > $1", SqlInsert.class);
        assertInstanceOf(SqlSelect.class, select.getSource());
        assertEquals(1, MillraceParser.parameterCount(select));
    }

    @Test
    void updateAndDelete() {
        final SqlUpdate update = parseOne("UPDATE t SET a = a + 1, b = 'x' WHERE c = $1", SqlUpdate.class);
        assertEquals(2, update.getTargetColumnList().size());
        final SqlDelete delete = parseOne("DELETE FROM t WHERE a IN (SELECT b FROM u)", SqlDelete.class);
        assertEquals(SqlKind.IN, delete.getCondition().getKind());
    }

    @Test
    void queryAndExpressionEntryPoints() {
        assertInstanceOf(SqlOrderBy.class, MillraceParser.parseQuery("SELECT a FROM t ORDER BY a;"));
        assertInstanceOf(SqlWith.class, MillraceParser.parseQuery("WITH x AS (SELECT 1) SELECT * FROM x"));
        final SqlNode expression = MillraceParser.parseExpression("a + b::int * 2");
        assertEquals(SqlKind.PLUS, expression.getKind());
        assertEquals("a + CAST(b AS INTEGER) * 2", MillraceParser.unparse(expression));
        final SqlNodeList none = SqlNodeList.EMPTY;
        assertEquals(0, none.size());
    }
}
