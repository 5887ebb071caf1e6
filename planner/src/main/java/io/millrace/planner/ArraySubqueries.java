package io.millrace.planner;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code ARRAY(subquery)} as a scalar subquery over an aggregate, which the planner already
 * decorrelates and maintains: {@code MR_ARRAY_OR_EMPTY((SELECT array_agg(e) FROM (subquery) AS
 * a(e)))}. An empty subquery gives an empty array, not array_agg's NULL. Like array_agg, the
 * elements come in value order.
 */
final class ArraySubqueries {
    private ArraySubqueries() {
    }

    /** Rewrites the ARRAY(subquery) calls under {@code node}, in place. */
    static void rewrite(SqlNode node) {
        SqlTreeRewriter.replaceAll(node, ArraySubqueries::replacement);
    }

    private static SqlNode replacement(SqlNode node) {
        if (node.getKind() != SqlKind.ARRAY_QUERY_CONSTRUCTOR) {
            return null;
        }
        SqlParserPos pos = node.getParserPosition();
        SqlNode query = ((SqlCall) node).operand(0);
        rewrite(query);
        SqlNode derived = SqlStdOperatorTable.AS.createCall(pos, query, new SqlIdentifier("mr_array", pos),
                new SqlIdentifier("mr_element", pos));
        SqlNode aggregate = SqlLibraryOperators.ARRAY_AGG.createCall(pos,
                new SqlIdentifier(List.of("mr_array", "mr_element"), pos));
        SqlSelect select = new SqlSelect(pos, null, SqlNodeList.of(aggregate), derived, null, null, null, null, null,
                null, null, null, null);
        return PgArrayFunctions.OR_EMPTY.createCall(pos, select);
    }
}
