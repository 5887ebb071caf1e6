package io.millrace.planner;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

/**
 * Rewrites a plan bottom-up, the plans inside its subqueries included: each call is offered to
 * {@link #rewriteCall} after its operands, each node to {@link #rewriteNode} after its inputs and
 * expressions.
 */
abstract class PlanRewriter extends RelHomogeneousShuttle {
    private final RexShuttle expressions = new RexShuttle() {
        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
            RexSubQuery s = (RexSubQuery) super.visitSubQuery(subQuery);
            return s.clone(s.rel.accept(PlanRewriter.this));
        }

        @Override
        public RexNode visitCall(RexCall call) {
            RexCall visited = (RexCall) super.visitCall(call);
            RexNode replaced = rewriteCall(visited);
            return replaced == null ? visited : replaced;
        }
    };

    @Override
    public RelNode visit(RelNode other) {
        return rewriteNode(super.visit(other).accept(expressions));
    }

    /** The node's replacement; the node itself to keep it. */
    protected RelNode rewriteNode(RelNode node) {
        return node;
    }

    /** The call's replacement, or null to keep it. */
    protected RexNode rewriteCall(RexCall call) {
        return null;
    }
}
