package io.millrace.planner;

import java.util.function.BiFunction;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

/**
 * Rewrites calls everywhere in a plan, subqueries included, bottom-up: {@code replace} returns a
 * call's replacement (cast back to the call's type) or null to keep it.
 */
final class CallRewriter {
    private CallRewriter() {
    }

    static RelNode apply(RelNode rel, BiFunction<RexCall, RexBuilder, RexNode> replace) {
        RexBuilder rex = rel.getCluster().getRexBuilder();
        return rel.accept(new RelHomogeneousShuttle() {
            private final RelHomogeneousShuttle relShuttle = this;
            private final RexShuttle rexShuttle = new RexShuttle() {
                @Override
                public RexNode visitSubQuery(RexSubQuery subQuery) {
                    RexSubQuery s = (RexSubQuery) super.visitSubQuery(subQuery);
                    return s.clone(s.rel.accept(relShuttle));
                }

                @Override
                public RexNode visitCall(RexCall call) {
                    RexCall visited = (RexCall) super.visitCall(call);
                    RexNode replaced = replace.apply(visited, rex);
                    return replaced == null ? visited : rex.makeCast(call.getType(), replaced, true, false);
                }
            };

            @Override
            public RelNode visit(RelNode other) {
                return super.visit(other).accept(rexShuttle);
            }
        });
    }
}
