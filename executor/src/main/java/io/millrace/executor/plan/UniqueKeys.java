package io.millrace.executor.plan;

import io.millrace.executor.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Columns whose values are unique across a plan's output rows, when the plan guarantees it: the
 * group columns of an aggregate, every column after DISTINCT, a keyed table's primary key, carried
 * through filters, top-N and projections that keep them. A materialized view stores its rows
 * under such a key, so reading one group of it is a lookup, not a scan.
 */
public final class UniqueKeys {
    private UniqueKeys() {
    }

    /**
     * The output columns forming a unique key, or null when none is known.
     *
     * @param tableKeys the primary key of a scanned relation, by relation id (null when it has none)
     */
    public static List<Integer> of(PlanNode node, java.util.function.LongFunction<List<Integer>> tableKeys) {
        if (node instanceof Aggregate a) {
            return a.groupKeys().isEmpty() ? null : IntStream.range(0, a.groupKeys().size()).boxed().toList();
        }
        if (node instanceof Distinct d) {
            return IntStream.range(0, d.schema().size()).boxed().toList();
        }
        if (node instanceof Scan s) {
            List<Integer> key = tableKeys.apply(s.relationId());
            return key == null || key.isEmpty() ? null : key;
        }
        if (node instanceof Filter || node instanceof TopN || node instanceof Exchange || node instanceof Window) {
            return of(node.inputs().get(0), tableKeys);
        }
        if (node instanceof Project p) {
            List<Integer> inner = of(p.input(), tableKeys);
            if (inner == null) {
                return null;
            }
            List<Integer> out = new ArrayList<>();
            for (int k : inner) {
                int at = -1;
                for (int i = 0; i < p.expressions().size() && at < 0; i++) {
                    if (p.expressions().get(i) instanceof Expr.ColumnRef r && r.index() == k) {
                        at = i;
                    }
                }
                if (at < 0) {
                    return null;
                }
                out.add(at);
            }
            return out;
        }
        return null;
    }
}
