package io.millrace.planner;

import io.millrace.executor.expr.Casts;
import io.millrace.executor.plan.PlanPrinter;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.RowSchema;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelRoot;

/**
 * A validated, optimised query: its result columns and parameter types are known; {@link #plan}
 * binds parameter values and produces a runnable plan.
 */
public final class PreparedQuery {
    private final Planner planner;
    private final RelRoot root;
    private final List<DataType> parameterTypes;
    private final List<DataType> inferredTypes;
    private final Set<Long> relations;
    private final String sql;
    private final RowSchema columns;

    PreparedQuery(Planner planner, RelRoot root, List<DataType> parameterTypes, List<DataType> inferredTypes,
            Set<Long> relations, String sql) {
        this.planner = planner;
        this.root = root;
        this.parameterTypes = List.copyOf(parameterTypes);
        this.inferredTypes = List.copyOf(inferredTypes);
        this.relations = Set.copyOf(relations);
        this.sql = sql;
        this.columns = Planner.outputSchema(root);
    }

    /** The result columns, named and typed. */
    public RowSchema columns() {
        return columns;
    }

    /** The types of $1, $2, ...: the client's where it declared them, else inferred. */
    public List<DataType> parameterTypes() {
        return parameterTypes;
    }

    /** Every stored relation and view the query reads, directly or through views. */
    public Set<Long> relations() {
        return relations;
    }

    public String sql() {
        return sql;
    }

    /** A runnable plan with these parameter values (internal forms of {@link #parameterTypes()}). */
    public QueryPlan plan(List<Object> parameters, PlanPurpose purpose) {
        List<Object> converted = new ArrayList<>(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            Object v = parameters.get(i);
            DataType declared = parameterTypes.get(i);
            DataType inferred = inferredTypes.get(i);
            if (v != null && !declared.equals(inferred) && declared.kind() != inferred.kind()) {
                v = Casts.converter(declared, inferred, ZoneOffset.UTC).convert(v);
            }
            converted.add(v);
        }
        return planner.plan(root, converted, purpose);
    }

    /** EXPLAIN PLAN's text: the optimised relational plan, before translation into a dataflow. */
    public String explainLogical() {
        return org.apache.calcite.plan.RelOptUtil.toString(root.rel);
    }

    /** EXPLAIN's text: the dataflow plan, operators indented under their consumers. */
    public String explain(PlanPurpose purpose) {
        List<Object> nulls = new ArrayList<>();
        for (int i = 0; i < parameterTypes.size(); i++) {
            nulls.add(null);
        }
        QueryPlan plan = plan(nulls, purpose);
        StringBuilder sb = new StringBuilder();
        if (!plan.ordering().isEmpty() || plan.limit() >= 0 || plan.offset() > 0) {
            sb.append("Finish");
            if (!plan.ordering().isEmpty()) {
                sb.append(" order=").append(plan.ordering());
            }
            if (plan.limit() >= 0) {
                sb.append(" limit=").append(plan.limit());
            }
            if (plan.offset() > 0) {
                sb.append(" offset=").append(plan.offset());
            }
            sb.append('\n');
            for (String line : PlanPrinter.print(plan.root()).split("\n")) {
                sb.append("  ").append(line).append('\n');
            }
            return sb.toString();
        }
        return PlanPrinter.print(plan.root());
    }
}
