package io.millrace.planner;

import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.rules.PruneEmptyRules;

/**
 * Scans of the catalogs that are always empty ({@link SystemRelation#alwaysEmpty}) become empty
 * relations, and whatever they empty (a join, a union of empties, a projection with its
 * subqueries) goes with them, before subqueries are planned. Clients' catalog queries read such
 * catalogs through constructs the engine does not have (psql's \d reads publications through
 * generate_series over a column inside a correlated subquery); pruned, none of it is planned.
 */
final class EmptyCatalogs {
    private EmptyCatalogs() {
    }

    static RelNode prune(RelNode rel) {
        boolean[] found = {false};
        RelNode replaced = rel.accept(new PlanRewriter() {
            @Override
            protected RelNode rewriteNode(RelNode node) {
                if (node instanceof TableScan scan) {
                    SystemSchema.SystemTable system = scan.getTable().unwrap(SystemSchema.SystemTable.class);
                    if (system != null && system.relation().alwaysEmpty()) {
                        found[0] = true;
                        return LogicalValues.createEmpty(scan.getCluster(), scan.getRowType());
                    }
                }
                return node;
            }
        });
        if (!found[0]) {
            return rel;
        }
        // One collection: the rules apply together until none does (an emptied join empties its projection).
        HepProgramBuilder program = new HepProgramBuilder().addMatchOrder(HepMatchOrder.BOTTOM_UP)
                .addRuleCollection(java.util.List.of(PruneEmptyRules.PROJECT_INSTANCE, PruneEmptyRules.FILTER_INSTANCE,
                        PruneEmptyRules.JOIN_LEFT_INSTANCE, PruneEmptyRules.JOIN_RIGHT_INSTANCE,
                        PruneEmptyRules.UNION_INSTANCE, PruneEmptyRules.SORT_INSTANCE,
                        PruneEmptyRules.AGGREGATE_INSTANCE, PruneEmptyRules.INTERSECT_INSTANCE,
                        PruneEmptyRules.MINUS_INSTANCE));
        HepPlanner planner = new HepPlanner(program.build());
        planner.setRoot(replaced);
        return planner.findBestExp();
    }
}
