package io.millrace.executor.plan;

import io.millrace.executor.expr.Expr;
import io.millrace.executor.type.RowSchema;
import java.util.List;
import java.util.stream.Collectors;

/** Renders a plan as the indented text EXPLAIN shows, one operator per line, inputs indented below. */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    public static String print(PlanNode root) {
        StringBuilder sb = new StringBuilder();
        print(root, 0, sb);
        return sb.toString();
    }

    private static void print(PlanNode node, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append(describe(node)).append('\n');
        for (PlanNode in : node.inputs()) {
            print(in, depth + 1, sb);
        }
    }

    /** One line describing the node itself, with column references shown by input column name. */
    public static String describe(PlanNode node) {
        if (node instanceof Scan s) {
            return "Scan " + s.relationName() + (s.pointKey() == null ? "" : " key=" + s.pointKey());
        }
        if (node instanceof Values v) {
            return "Values rows=" + v.rows().size();
        }
        if (node instanceof Filter f) {
            return "Filter " + render(f.predicate(), f.input().schema());
        }
        if (node instanceof Project p) {
            RowSchema in = p.input().schema();
            return "Project " + p.expressions().stream().map(e -> render(e, in)).collect(Collectors.joining(", "));
        }
        if (node instanceof UnionAll) {
            return "UnionAll";
        }
        if (node instanceof Join j) {
            RowSchema l = j.left().schema();
            RowSchema r = j.right().schema();
            StringBuilder sb = new StringBuilder("Join ").append(j.kind());
            if (j.leftKeys().isEmpty()) {
                sb.append(" cross");
            } else {
                sb.append(" on ");
                for (int i = 0; i < j.leftKeys().size(); i++) {
                    if (i > 0) {
                        sb.append(" AND ");
                    }
                    sb.append(l.field(j.leftKeys().get(i)).name())
                            .append(j.nullSafe().get(i) ? " IS NOT DISTINCT FROM " : " = ")
                            .append(r.field(j.rightKeys().get(i)).name());
                }
            }
            if (j.residual() != null) {
                sb.append(" where ").append(render(j.residual(), l.concat(r)));
            }
            return sb.toString();
        }
        if (node instanceof Aggregate a) {
            RowSchema in = a.input().schema();
            String keys = a.groupKeys().stream().map(k -> in.field(k).name()).collect(Collectors.joining(", "));
            String calls = a.calls().stream().map(c -> renderCall(c, in)).collect(Collectors.joining(", "));
            return "Aggregate group=[" + keys + "] " + calls;
        }
        if (node instanceof Distinct) {
            return "Distinct";
        }
        if (node instanceof Window w) {
            RowSchema in = w.input().schema();
            String calls = java.util.stream.IntStream.range(0, w.calls().size())
                    .mapToObj(i -> w.callNames().get(i) + "=" + w.calls().get(i).function().name().toLowerCase()
                            + w.calls().get(i).arguments().stream().map(a -> in.field(a).name())
                                    .collect(Collectors.joining(", ", "(", ")")))
                    .collect(Collectors.joining(", "));
            return "Window partition=[" + w.partitionKeys().stream().map(k -> in.field(k).name())
                    .collect(Collectors.joining(", ")) + "] order=[" + order(w.ordering(), in) + "] " + calls;
        }
        if (node instanceof TopN t) {
            RowSchema in = t.input().schema();
            return "TopN order=[" + order(t.ordering(), in) + "]" + (t.limit() >= 0 ? " limit=" + t.limit() : "")
                    + (t.offset() > 0 ? " offset=" + t.offset() : "");
        }
        if (node instanceof TableFunction f) {
            RowSchema in = f.input().schema();
            return "TableFunction " + f.function().name().toLowerCase()
                    + f.arguments().stream().map(a -> render(a, in)).collect(Collectors.joining(", ", "(", ")"))
                    + (f.ordinality() ? " with ordinality" : "") + (f.outer() ? " outer" : "");
        }
        Exchange e = (Exchange) node;
        RowSchema in = e.input().schema();
        return e.keys().isEmpty() ? "Exchange to one worker"
                : "Exchange hash(" + e.keys().stream().map(k -> in.field(k).name()).collect(Collectors.joining(", ")) + ")";
    }

    private static String order(List<SortKey> ordering, RowSchema in) {
        return ordering.stream()
                .map(k -> in.field(k.column()).name() + (k.ascending() ? "" : " DESC")
                        + (k.nullsFirst() == !k.ascending() ? "" : k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"))
                .collect(Collectors.joining(", "));
    }

    private static String renderCall(AggregateCall c, RowSchema in) {
        if (c.function() == AggregateFunction.COUNT_STAR) {
            return "count(*)";
        }
        String arg = (c.distinct() ? "DISTINCT " : "") + in.field(c.argument()).name();
        String s = c.function().displayName() + "(" + arg + ")";
        return c.filter() < 0 ? s : s + " FILTER (WHERE " + in.field(c.filter()).name() + ")";
    }

    /** An expression with column references replaced by the input's column names. */
    public static String render(Expr e, RowSchema in) {
        if (e instanceof Expr.ColumnRef r) {
            return r.index() < in.size() ? in.field(r.index()).name() : "#" + r.index();
        }
        if (e instanceof Expr.Literal l) {
            return l.toString();
        }
        if (e instanceof Expr.Cast c) {
            return render(c.input(), in) + "::" + c.type();
        }
        if (e instanceof Expr.Case c) {
            StringBuilder sb = new StringBuilder("CASE");
            for (int i = 0; i < c.conditions().size(); i++) {
                sb.append(" WHEN ").append(render(c.conditions().get(i), in))
                        .append(" THEN ").append(render(c.results().get(i), in));
            }
            return sb.append(" ELSE ").append(render(c.otherwise(), in)).append(" END").toString();
        }
        Expr.Call call = (Expr.Call) e;
        List<String> args = call.args().stream().map(a -> render(a, in)).toList();
        String op = call.function().displayName();
        return switch (call.function()) {
            case EQ, NE, LT, LE, GT, GE, PLUS, MINUS, TIMES, DIVIDE, MOD, CONCAT, LIKE, NOT_LIKE, ILIKE, NOT_ILIKE,
                    IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM, INTERVAL_PLUS, INTERVAL_MINUS, INTERVAL_TIMES, INTERVAL_DIVIDE,
                    DATETIME_PLUS_INTERVAL, DATETIME_MINUS_INTERVAL, DATETIME_DIFFERENCE ->
                    "(" + args.get(0) + " " + op + " " + args.get(1) + ")";
            case AND, OR -> "(" + String.join(" " + op + " ", args) + ")";
            case NOT -> "NOT " + args.get(0);
            case NEGATE, INTERVAL_NEGATE -> "-" + args.get(0);
            case IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE -> args.get(0) + " " + op;
            default -> op + "(" + String.join(", ", args) + ")";
        };
    }
}
