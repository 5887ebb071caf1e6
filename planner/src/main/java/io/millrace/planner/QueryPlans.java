package io.millrace.planner;

import io.millrace.executor.expr.Expr;
import io.millrace.executor.plan.Exchanges;
import io.millrace.executor.plan.PlanNode;
import io.millrace.executor.plan.Project;
import io.millrace.executor.plan.SortKey;
import io.millrace.executor.plan.TopN;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Sort;

/** Builds the {@link QueryPlan} of a query root: where its ORDER BY, LIMIT and output columns go. */
final class QueryPlans {
    private QueryPlans() {
    }

    static QueryPlan build(RelToPlan converter, RelRoot root, PlanPurpose purpose) {
        RelNode rel = root.rel;
        List<Integer> outputColumns = root.fields.stream().map(f -> (Integer) f.getKey()).toList();
        RowSchema described = Planner.outputSchema(root);
        PlanNode node;
        List<SortKey> ordering = List.of();
        long offset = 0;
        long limit = -1;
        if (rel instanceof Sort sort) {
            node = converter.convert(sort.getInput());
            ordering = converter.sortKeys(sort.getCollation());
            offset = converter.offsetOf(sort.offset);
            limit = converter.limitOf(sort.fetch);
        } else {
            node = converter.convert(rel);
        }
        if (purpose == PlanPurpose.MAINTAINED) {
            if (offset > 0 || limit >= 0) {
                node = new TopN(node, ordering, offset, limit);
            }
            node = project(node, outputColumns, described);
            return new QueryPlan(Exchanges.place(node), List.of(), 0, -1, identity(described.size()), described,
                    converter.relations());
        }
        // One-shot: cast the root's columns to the described types, keep the rest as they are.
        node = castOutputs(node, outputColumns, described);
        return new QueryPlan(Exchanges.place(node), ordering, offset, limit, outputColumns, described,
                converter.relations());
    }

    private static List<Integer> identity(int n) {
        List<Integer> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }

    /**
     * The output columns, in order, named and typed as described; composed with the plan's own top
     * projection when it has one, and left out when it would change nothing.
     */
    private static PlanNode project(PlanNode node, List<Integer> columns, RowSchema described) {
        boolean identity = columns.size() == node.schema().size();
        for (int i = 0; i < columns.size() && identity; i++) {
            identity = columns.get(i) == i && described.field(i).equals(node.schema().field(i));
        }
        if (identity) {
            return node;
        }
        PlanNode input = node instanceof Project top ? top.input() : node;
        List<Expr> exprs = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            int c = columns.get(i);
            Expr source = node instanceof Project top ? top.expressions().get(c)
                    : new Expr.ColumnRef(c, node.schema().type(c));
            Expr e = RexToExpr.cast(source, described.type(i));
            exprs.add(e);
            fields.add(new Field(described.field(i).name(), e.type(), described.field(i).nullable()));
        }
        return new Project(input, exprs, new RowSchema(fields));
    }

    private static PlanNode castOutputs(PlanNode node, List<Integer> columns, RowSchema described) {
        boolean same = true;
        for (int i = 0; i < columns.size(); i++) {
            if (!node.schema().type(columns.get(i)).equals(described.type(i))) {
                same = false;
            }
        }
        if (same) {
            return node;
        }
        List<Expr> exprs = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        for (int c = 0; c < node.schema().size(); c++) {
            int outIndex = columns.indexOf(c);
            Field f = node.schema().field(c);
            if (outIndex >= 0) {
                exprs.add(RexToExpr.cast(new Expr.ColumnRef(c, f.type()), described.type(outIndex)));
                fields.add(new Field(f.name(), described.type(outIndex), f.nullable()));
            } else {
                exprs.add(new Expr.ColumnRef(c, f.type()));
                fields.add(f);
            }
        }
        return new Project(node, exprs, new RowSchema(fields));
    }
}
