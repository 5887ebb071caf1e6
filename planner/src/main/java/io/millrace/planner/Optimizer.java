package io.millrace.planner;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.tools.RelBuilder;

/**
 * Rewrites a converted query into the shapes the dataflow translation handles: subqueries become
 * joins and aggregates, filters move into join conditions (so equalities become join keys), set
 * operations become aggregates, and adjacent projects and filters merge.
 */
final class Optimizer {
    private Optimizer() {
    }

    static RelNode optimize(RelNode rel) {
        RelNode r = EmptyCatalogs.prune(rel);
        if (hasSubQuery(r)) {
            r = hep(FilterSubQueryLogic.apply(r), CoreRules.FILTER_SUB_QUERY_TO_CORRELATE, CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
                    CoreRules.JOIN_SUB_QUERY_TO_CORRELATE);
            RelBuilder builder = RelFactories.LOGICAL_BUILDER.create(r.getCluster(), null);
            r = RelDecorrelator.decorrelateQuery(r, builder);
        }
        if (hasOver(r)) {
            r = hep(r, CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW);
        }
        r = hep(r, CoreRules.FILTER_INTO_JOIN, CoreRules.JOIN_CONDITION_PUSH, CoreRules.FILTER_MERGE,
                CoreRules.PROJECT_MERGE, CoreRules.PROJECT_REMOVE, CoreRules.MINUS_TO_DISTINCT,
                CoreRules.INTERSECT_TO_DISTINCT, CoreRules.JOIN_PUSH_EXPRESSIONS);
        if (countJoins(r) > 1) {
            // Order a chain of inner joins so each join has a key where the conditions allow,
            // instead of the FROM order, which may pair tables nothing relates (a cross product).
            r = hep(r, CoreRules.JOIN_TO_MULTI_JOIN, CoreRules.PROJECT_MULTI_JOIN_MERGE,
                    CoreRules.FILTER_MULTI_JOIN_MERGE);
            r = hep(r, CoreRules.MULTI_JOIN_OPTIMIZE);
            r = hep(r, CoreRules.FILTER_INTO_JOIN, CoreRules.JOIN_CONDITION_PUSH, CoreRules.PROJECT_MERGE,
                    CoreRules.PROJECT_REMOVE);
        }
        return r;
    }

    /** Whether any expression in the plan holds a subquery (most queries have none: skip those passes). */
    private static boolean hasSubQuery(RelNode rel) {
        boolean[] found = {false};
        rel.accept(new org.apache.calcite.rel.RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                if (!found[0]) {
                    other.accept(new org.apache.calcite.rex.RexShuttle() {
                        @Override
                        public org.apache.calcite.rex.RexNode visitSubQuery(org.apache.calcite.rex.RexSubQuery subQuery) {
                            found[0] = true;
                            return subQuery;
                        }
                    });
                }
                return found[0] ? other : super.visit(other);
            }
        });
        return found[0];
    }

    /** Whether a projection computes a window function (OVER). */
    private static boolean hasOver(RelNode rel) {
        if (rel instanceof org.apache.calcite.rel.core.Project p && org.apache.calcite.rex.RexOver.containsOver(
                p.getProjects(), null)) {
            return true;
        }
        for (RelNode in : rel.getInputs()) {
            if (hasOver(in)) {
                return true;
            }
        }
        return false;
    }

    private static int countJoins(RelNode rel) {
        int n = rel instanceof org.apache.calcite.rel.core.Join ? 1 : 0;
        for (RelNode in : rel.getInputs()) {
            n += countJoins(in);
        }
        return n;
    }

    private static RelNode hep(RelNode rel, RelOptRule... rules) {
        HepProgramBuilder program = new HepProgramBuilder().addMatchOrder(HepMatchOrder.BOTTOM_UP);
        for (RelOptRule rule : rules) {
            program.addRuleInstance(rule);
        }
        HepPlanner planner = new HepPlanner(program.build());
        planner.setRoot(rel);
        return planner.findBestExp();
    }
}
