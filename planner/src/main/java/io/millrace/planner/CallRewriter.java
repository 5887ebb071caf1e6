package io.millrace.planner;

import java.util.function.BiFunction;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;

/**
 * Rewrites calls everywhere in a plan, subqueries included, bottom-up: {@code replace} returns a
 * call's replacement (cast back to the call's type) or null to keep it.
 */
final class CallRewriter {
    private CallRewriter() {
    }

    static RelNode apply(RelNode rel, BiFunction<RexCall, RexBuilder, RexNode> replace) {
        RexBuilder rex = rel.getCluster().getRexBuilder();
        return rel.accept(new PlanRewriter() {
            @Override
            protected RexNode rewriteCall(RexCall call) {
                RexNode replaced = replace.apply(call, rex);
                if (replaced == null || replaced.getType().equals(call.getType())) {
                    // Of the call's type already: a cast would be one of nullability alone, which a
                    // filter's condition may not be.
                    return replaced;
                }
                return rex.makeCast(call.getType(), replaced, true, false);
            }
        });
    }
}
