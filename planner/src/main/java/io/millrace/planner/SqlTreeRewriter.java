package io.millrace.planner;

import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * Replaces nodes of a parsed statement in place, top-down: where {@code replacement} returns a node
 * the subtree is swapped for it and not visited further; where it returns null the walk goes on
 * into the subtree. The operands of ORDER BY itself (its ordinals, OFFSET and FETCH) stay as
 * written, and aliases are not offered at all.
 */
final class SqlTreeRewriter {
    private SqlTreeRewriter() {
    }

    static void replaceAll(SqlNode node, UnaryOperator<SqlNode> replacement) {
        if (node instanceof SqlNodeList list) {
            for (int i = 0; i < list.size(); i++) {
                SqlNode child = list.get(i);
                SqlNode replaced = child == null ? null : replacement.apply(child);
                if (replaced != null) {
                    list.set(i, replaced);
                } else {
                    replaceAll(child, replacement);
                }
            }
        } else if (node instanceof SqlCall call) {
            List<SqlNode> operands = call.getOperandList();
            // An alias and its column names (AS's operands after the first) are names, not expressions.
            int count = call.getKind() == SqlKind.AS ? 1 : operands.size();
            for (int i = 0; i < count; i++) {
                SqlNode child = operands.get(i);
                if (child == null) {
                    continue;
                }
                SqlNode replaced = call.getKind() == SqlKind.ORDER_BY ? null : replacement.apply(child);
                if (replaced != null) {
                    call.setOperand(i, replaced);
                } else {
                    replaceAll(child, replacement);
                }
            }
        }
    }
}
