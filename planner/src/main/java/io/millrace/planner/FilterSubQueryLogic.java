package io.millrace.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Marks {@code IN}, {@code ANY} and {@code EXISTS} subqueries reached from a filter condition
 * through {@code AND}/{@code OR} only, and below at least one {@code OR}, as {@code IS TRUE}.
 *
 * <p>A filter keeps a row only when its condition is true, and {@code AND}/{@code OR} are
 * monotone, so such a subquery may answer unknown as false. Calcite's subquery removal assumes
 * three-valued logic under any {@code OR}, which for {@code x IN (subquery)} adds a cross join
 * with the subquery's row counts: maintained, every change to the subquery's table would then
 * retract and re-add every row of the outer input. With the mark it joins on the key only.
 */
final class FilterSubQueryLogic {
    private FilterSubQueryLogic() {
    }

    static RelNode apply(RelNode rel) {
        RexBuilder rex = rel.getCluster().getRexBuilder();
        return rel.accept(new PlanRewriter() {
            @Override
            protected RelNode rewriteNode(RelNode node) {
                if (node instanceof LogicalFilter f) {
                    RexNode condition = mark(f.getCondition(), false, rex);
                    if (condition != f.getCondition()) {
                        return f.copy(f.getTraitSet(), f.getInput(), condition);
                    }
                }
                return node;
            }
        });
    }

    private static RexNode mark(RexNode node, boolean belowOr, RexBuilder rex) {
        if (node instanceof RexSubQuery s && belowOr
                && (s.getKind() == SqlKind.IN || s.getKind() == SqlKind.SOME || s.getKind() == SqlKind.EXISTS)) {
            return rex.makeCall(SqlStdOperatorTable.IS_TRUE, s);
        }
        if (!(node instanceof RexCall call) || (call.getKind() != SqlKind.AND && call.getKind() != SqlKind.OR)) {
            return node;
        }
        boolean or = belowOr || call.getKind() == SqlKind.OR;
        List<RexNode> operands = new ArrayList<>(call.getOperands().size());
        boolean changed = false;
        for (RexNode operand : call.getOperands()) {
            RexNode marked = mark(operand, or, rex);
            changed |= marked != operand;
            operands.add(marked);
        }
        return changed ? call.clone(call.getType(), operands) : call;
    }
}
