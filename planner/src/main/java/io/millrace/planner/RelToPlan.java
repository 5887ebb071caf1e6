package io.millrace.planner;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.expr.Expr;
import io.millrace.executor.plan.Aggregate;
import io.millrace.executor.plan.AggregateCall;
import io.millrace.executor.plan.AggregateFunction;
import io.millrace.executor.plan.Distinct;
import io.millrace.executor.plan.Filter;
import io.millrace.executor.plan.Join;
import io.millrace.executor.plan.JoinKind;
import io.millrace.executor.plan.PlanNode;
import io.millrace.executor.plan.Project;
import io.millrace.executor.plan.Scan;
import io.millrace.executor.plan.SortKey;
import io.millrace.executor.plan.TableFunction;
import io.millrace.executor.plan.TopN;
import io.millrace.executor.plan.UnionAll;
import io.millrace.executor.plan.Values;
import io.millrace.executor.plan.Window;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;

import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Uncollect;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalCorrelate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/** Translates an optimised Calcite plan into the engine's dataflow plan. */
final class RelToPlan {
    private final List<Object> parameters;
    private final RexBuilder rexBuilder;
    private final Set<Long> relations = new HashSet<>();
    private final java.util.Map<Long, RelationInfo> relationInfo = new java.util.HashMap<>();

    /** A maintained plan cannot read system relations: nothing tells it when they change. */
    private final boolean maintained;

    RelToPlan(List<Object> parameters, RexBuilder rexBuilder, PlanPurpose purpose) {
        this.parameters = parameters;
        this.rexBuilder = rexBuilder;
        this.maintained = purpose == PlanPurpose.MAINTAINED;
    }

    Set<Long> relations() {
        return relations;
    }

    PlanNode convert(RelNode rel) {
        if (rel instanceof TableScan scan) {
            SystemSchema.SystemTable system = scan.getTable().unwrap(SystemSchema.SystemTable.class);
            if (system != null) {
                if (maintained) {
                    throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "materialized views and subscriptions "
                            + "cannot read the system catalog " + system.relation().schemaName() + "."
                            + system.relation().name());
                }
                return new Values(system.relation().rows().get(), system.relation().columns());
            }
            CatalogSchema.StoredTable table = scan.getTable().unwrap(CatalogSchema.StoredTable.class);
            if (table == null) {
                throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "cannot scan " + scan.getTable().getQualifiedName());
            }
            RelationInfo r = table.relation();
            relations.add(r.id());
            relationInfo.put(r.id(), r);
            return new Scan(r.id(), r.name(), r.columns());
        }
        if (rel instanceof LogicalValues values) {
            RowSchema schema = schemaOf(values.getRowType());
            List<List<Object>> rows = new ArrayList<>();
            for (List<RexLiteral> tuple : values.getTuples()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < tuple.size(); i++) {
                    Expr.Literal lit = RexToExpr.literal(tuple.get(i));
                    row.add(lit.type().equals(schema.type(i)) || lit.value() == null ? lit.value()
                            : castLiteral(lit, schema.type(i)));
                }
                rows.add(row);
            }
            return new Values(rows, schema);
        }
        if (rel instanceof LogicalFilter filter) {
            PlanNode input = convert(filter.getInput());
            Expr predicate = new RexToExpr(input.schema(), parameters, rexBuilder).convert(filter.getCondition());
            if (input instanceof Scan scan) {
                input = withPointKey(scan, filter.getCondition());
            }
            return new Filter(input, predicate);
        }
        if (rel instanceof LogicalProject project) {
            PlanNode input = convert(project.getInput());
            RexToExpr rex = new RexToExpr(input.schema(), parameters, rexBuilder);
            RowSchema schema = schemaOf(project.getRowType());
            List<Expr> exprs = new ArrayList<>();
            for (int i = 0; i < project.getProjects().size(); i++) {
                exprs.add(RexToExpr.cast(rex.convert(project.getProjects().get(i)), schema.type(i)));
            }
            return new Project(input, exprs, withTypes(schema, exprs));
        }
        if (rel instanceof LogicalJoin join) {
            return join(join);
        }
        if (rel instanceof org.apache.calcite.rel.logical.LogicalWindow window) {
            return window(window);
        }
        if (rel instanceof LogicalAggregate agg) {
            return aggregate(agg);
        }
        if (rel instanceof LogicalUnion union) {
            RowSchema schema = schemaOf(union.getRowType());
            List<PlanNode> inputs = new ArrayList<>();
            for (RelNode in : union.getInputs()) {
                inputs.add(coerce(convert(in), schema));
            }
            PlanNode all = new UnionAll(inputs, schema);
            return union.all ? all : new Distinct(all);
        }
        if (rel instanceof LogicalSort sort) {
            PlanNode input = convert(sort.getInput());
            if (sort.fetch == null && sort.offset == null) {
                return input;
            }
            return new TopN(input, sortKeys(sort.getCollation()), offsetOf(sort.offset), limitOf(sort.fetch));
        }
        if (rel instanceof LogicalTableFunctionScan scan && scan.getCall() instanceof RexCall call
                && call.getOperator() == PgTableFunction.PG_GET_KEYWORDS) {
            return PgTableFunction.keywordRows();
        }
        if (rel instanceof LogicalTableFunctionScan || rel instanceof Uncollect) {
            return lateral(oneEmptyRow(), rel, null, false);
        }
        if (rel instanceof LogicalCorrelate correlate) {
            JoinRelType type = correlate.getJoinType();
            if (type != JoinRelType.INNER && type != JoinRelType.LEFT) {
                throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "this correlated subquery is not supported yet");
            }
            return lateral(convert(correlate.getLeft()), correlate.getRight(), correlate.getCorrelationId(),
                    type == JoinRelType.LEFT);
        }
        throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                "query feature not supported yet: " + rel.getRelTypeName());
    }

    /**
     * The right side of a lateral join ({@code FROM t, unnest(t.a)}) run once per row of
     * {@code left}: every node of {@code rel} keeps the left row's columns in front of its own, and
     * reads the left row's field i ({@code $cor.i}, correlation {@code id}) as column i. With
     * {@code outer} (LEFT JOIN LATERAL) a left row the right side has no rows for stays, with NULLs.
     */
    private PlanNode lateral(PlanNode left, RelNode rel, CorrelationId id, boolean outer) {
        int width = left.schema().size();
        if (rel instanceof LogicalValues values && values.getTuples().size() == 1) {
            PlanNode constants = convert(values);
            List<Expr> exprs = columnRefs(left.schema());
            for (int i = 0; i < constants.schema().size(); i++) {
                exprs.add(new Expr.Literal(((Values) constants).rows().get(0).get(i), constants.schema().type(i)));
            }
            return new Project(left, exprs, left.schema().concat(constants.schema()));
        }
        if (rel instanceof LogicalProject project) {
            PlanNode input = lateral(left, project.getInput(), id, outer);
            RexToExpr rex = new RexToExpr(input.schema(), parameters, rexBuilder);
            RowSchema own = schemaOf(project.getRowType());
            List<Expr> exprs = columnRefs(left.schema());
            for (int i = 0; i < project.getProjects().size(); i++) {
                exprs.add(RexToExpr.cast(rex.convert(correlated(project.getProjects().get(i), id, width)), own.type(i)));
            }
            return new Project(input, exprs, withTypes(left.schema().concat(own), exprs));
        }
        if (rel instanceof LogicalFilter filter && !outer) {
            PlanNode input = lateral(left, filter.getInput(), id, false);
            return new Filter(input, new RexToExpr(input.schema(), parameters, rexBuilder)
                    .convert(correlated(filter.getCondition(), id, width)));
        }
        if (rel instanceof Uncollect uncollect && uncollect.getInput().getRowType().getFieldCount() == 1) {
            // UNNEST(a): its input computes the array (one row per left row); the elements replace it.
            PlanNode input = lateral(left, uncollect.getInput(), id, false);
            RowSchema own = schemaOf(uncollect.getRowType());
            PlanNode unnest = new TableFunction(input, TableFunction.Kind.UNNEST,
                    List.of(new Expr.ColumnRef(width, input.schema().type(width))), uncollect.withOrdinality, outer,
                    input.schema().concat(own));
            List<Expr> exprs = columnRefs(unnest.schema());
            exprs.remove(width);
            return new Project(unnest, exprs, left.schema().concat(own));
        }
        if (rel instanceof LogicalAggregate agg) {
            return lateralAggregate(left, agg, id, outer);
        }
        if (rel instanceof LogicalTableFunctionScan scan && scan.getInputs().isEmpty()
                && scan.getCall() instanceof RexCall call) {
            if (call.getOperator() instanceof PgTableFunction function && function.kind != null) {
                RexToExpr rex = new RexToExpr(left.schema(), parameters, rexBuilder);
                List<Expr> args = call.getOperands().stream().map(a -> rex.convert(correlated(a, id, 0))).toList();
                io.millrace.executor.type.TypeKind argKind = args.isEmpty() ? null : args.get(0).type().kind();
                if (function.argumentType != null && argKind != io.millrace.executor.type.TypeKind.JSON
                        && argKind != io.millrace.executor.type.TypeKind.JSONB) {
                    // A string argument is read as the function's json type.
                    args = List.of(RexToExpr.foldNulls(RexToExpr.cast(args.get(0), function.argumentType)));
                }
                return new TableFunction(left, function.kind, args, false, outer,
                        left.schema().concat(schemaOf(scan.getRowType())));
            }
        }
        throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, id == null
                ? "query feature not supported yet: " + rel.getRelTypeName()
                : "this correlated subquery is not supported yet");
    }

    /**
     * An aggregate run once per left row ({@code (SELECT sum(x) FROM unnest(t.a) x)}): computed once
     * per distinct left row and grouped by it, then joined back to every left row. Without GROUP BY
     * it has a row for every left row, its input empty or not: the join keeps left rows without a
     * group, where count is 0, constants stay, and the other aggregates are NULL.
     */
    private PlanNode lateralAggregate(PlanNode left, LogicalAggregate agg, CorrelationId id, boolean outer) {
        int width = left.schema().size();
        PlanNode grouped = aggregate(agg, lateral(new Distinct(left), agg.getInput(), id, false), width);
        boolean scalar = agg.getGroupSet().isEmpty();
        List<Integer> keys = java.util.stream.IntStream.range(0, width).boxed().toList();
        RowSchema joined = left.schema().concat(scalar || outer ? grouped.schema().asNullable() : grouped.schema());
        PlanNode join = new Join(left, grouped, scalar || outer ? JoinKind.LEFT : JoinKind.INNER, keys, keys,
                java.util.Collections.nCopies(width, true), null, joined);
        List<Expr> exprs = columnRefs(left.schema());
        List<Field> fields = new ArrayList<>(left.schema().fields());
        int groupCount = agg.getGroupCount();
        for (int i = width; i < grouped.schema().size(); i++) {
            Field f = joined.field(width + i);
            Expr column = new Expr.ColumnRef(width + i, f.type());
            int call = i - width - groupCount;
            org.apache.calcite.rel.core.AggregateCall c = call >= 0 ? agg.getAggCallList().get(call) : null;
            if (scalar && c != null && c.getAggregation().getKind() == SqlKind.COUNT) {
                column = new Expr.Call(io.millrace.executor.expr.Function.COALESCE,
                        List.of(column, new Expr.Literal(0L, f.type())), f.type());
            } else if (scalar && c != null && c.getAggregation().getKind() == SqlKind.LITERAL_AGG) {
                // A constant of every group, so of the empty one too.
                column = RexToExpr.literal((RexLiteral) c.rexList.get(0));
            }
            exprs.add(column);
            fields.add(f);
        }
        return new Project(join, exprs, new RowSchema(fields));
    }

    /** {@code e} over (left row ++ input row): input references move past the left row's {@code width} columns. */
    private static RexNode correlated(RexNode e, CorrelationId id, int width) {
        return e.accept(new org.apache.calcite.rex.RexShuttle() {
            @Override
            public RexNode visitInputRef(org.apache.calcite.rex.RexInputRef ref) {
                return new org.apache.calcite.rex.RexInputRef(ref.getIndex() + width, ref.getType());
            }

            @Override
            public RexNode visitFieldAccess(org.apache.calcite.rex.RexFieldAccess access) {
                if (access.getReferenceExpr() instanceof org.apache.calcite.rex.RexCorrelVariable v && v.id.equals(id)) {
                    return new org.apache.calcite.rex.RexInputRef(access.getField().getIndex(), access.getType());
                }
                return super.visitFieldAccess(access);
            }
        });
    }

    private static List<Expr> columnRefs(RowSchema schema) {
        List<Expr> refs = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            refs.add(new Expr.ColumnRef(i, schema.type(i)));
        }
        return refs;
    }

    /** One row of no columns: what a FROM-less call runs over. */
    private static Values oneEmptyRow() {
        return new Values(List.of(List.of()), new RowSchema(List.of()));
    }

    /**
     * A scan of a keyed table under a filter that fixes every primary-key column to a constant
     * ({@code id = 5 AND ...}) only needs one row: mark the scan so a one-shot run looks it up.
     */
    private Scan withPointKey(Scan scan, RexNode condition) {
        RelationInfo relation = relationInfo.get(scan.relationId());
        if (relation == null || relation.primaryKey().isEmpty()) {
            return scan;
        }
        java.util.Map<Integer, Object> fixed = new java.util.HashMap<>();
        for (RexNode conjunct : org.apache.calcite.plan.RelOptUtil.conjunctions(condition)) {
            if (conjunct.getKind() != SqlKind.EQUALS) {
                continue;
            }
            List<RexNode> ops = ((org.apache.calcite.rex.RexCall) conjunct).getOperands();
            for (int side = 0; side < 2; side++) {
                RexNode col = stripCast(ops.get(side));
                RexNode val = ops.get(1 - side);
                if (col instanceof org.apache.calcite.rex.RexInputRef ref
                        && (val instanceof RexLiteral || val instanceof RexDynamicParam || isNumericLiteralCall(val))) {
                    Expr e = new RexToExpr(scan.schema(), parameters, rexBuilder).convert(val);
                    if (e instanceof Expr.Literal lit && lit.value() != null) {
                        DataType colType = scan.schema().type(ref.getIndex());
                        Object v = lit.type().equals(colType) ? lit.value() : castLiteral(lit, colType);
                        fixed.put(ref.getIndex(), v);
                    }
                }
            }
        }
        List<Object> key = new ArrayList<>();
        for (int k : relation.primaryKey()) {
            if (!fixed.containsKey(k)) {
                return scan;
            }
            key.add(fixed.get(k));
        }
        return scan.withPointKey(key);
    }

    private static RexNode stripCast(RexNode n) {
        return n.getKind() == SqlKind.CAST ? ((org.apache.calcite.rex.RexCall) n).getOperands().get(0) : n;
    }

    private static boolean isNumericLiteralCall(RexNode n) {
        return n instanceof org.apache.calcite.rex.RexCall c && c.getOperator() == LiteralRewrites.FUNCTION;
    }

    private static Object castLiteral(Expr.Literal lit, DataType to) {
        Expr e = RexToExpr.cast(lit, to);
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        return io.millrace.executor.expr.Casts.converter(lit.type(), to, java.time.ZoneOffset.UTC).convert(lit.value());
    }

    /** A node whose columns are cast to {@code schema}'s types where they differ. */
    private static PlanNode coerce(PlanNode node, RowSchema schema) {
        boolean same = true;
        for (int i = 0; i < schema.size(); i++) {
            if (!node.schema().type(i).equals(schema.type(i))) {
                same = false;
            }
        }
        if (same) {
            return node;
        }
        List<Expr> exprs = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            exprs.add(RexToExpr.cast(new Expr.ColumnRef(i, node.schema().type(i)), schema.type(i)));
        }
        return new Project(node, exprs, withTypes(schema, exprs));
    }

    private PlanNode join(LogicalJoin join) {
        PlanNode left = convert(join.getLeft());
        PlanNode right = convert(join.getRight());
        JoinRelType type = join.getJoinType();
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        List<Boolean> filterNulls = new ArrayList<>();
        List<RexNode> nonEqui = new ArrayList<>();
        RelOptUtil.splitJoinCondition(join.getLeft(), join.getRight(), join.getCondition(),
                leftKeys, rightKeys, filterNulls, nonEqui);
        // Keys of different physical kinds cannot be matched by their encodings: check them as conditions.
        List<Integer> lk = new ArrayList<>();
        List<Integer> rk = new ArrayList<>();
        List<Boolean> nullSafe = new ArrayList<>();
        List<RexNode> residualParts = new ArrayList<>();
        int leftWidth = join.getLeft().getRowType().getFieldCount();
        for (int i = 0; i < leftKeys.size(); i++) {
            DataType lt = left.schema().type(leftKeys.get(i));
            DataType rt = right.schema().type(rightKeys.get(i));
            if (lt.physical() == rt.physical()) {
                lk.add(leftKeys.get(i));
                rk.add(rightKeys.get(i));
                nullSafe.add(!filterNulls.get(i));
            } else {
                RexNode l = rexBuilder.makeInputRef(join.getLeft().getRowType().getFieldList().get(leftKeys.get(i)).getType(),
                        leftKeys.get(i));
                RexNode r = rexBuilder.makeInputRef(join.getRight().getRowType().getFieldList().get(rightKeys.get(i)).getType(),
                        leftWidth + rightKeys.get(i));
                residualParts.add(rexBuilder.makeCall(filterNulls.get(i)
                        ? org.apache.calcite.sql.fun.SqlStdOperatorTable.EQUALS
                        : org.apache.calcite.sql.fun.SqlStdOperatorTable.IS_NOT_DISTINCT_FROM, l, r));
            }
        }
        for (RexNode n : nonEqui) {
            if (!n.isAlwaysTrue()) {
                residualParts.add(n);
            }
        }
        RowSchema both = left.schema().concat(right.schema());
        Expr residual = null;
        if (!residualParts.isEmpty()) {
            RexNode cond = org.apache.calcite.rex.RexUtil.composeConjunction(rexBuilder, residualParts);
            residual = new RexToExpr(both, parameters, rexBuilder).convert(cond);
        }
        switch (type) {
            case INNER:
                return new Join(left, right, JoinKind.INNER, lk, rk, nullSafe, residual, both);
            case LEFT:
                return new Join(left, right, JoinKind.LEFT, lk, rk, nullSafe, residual,
                        left.schema().concat(right.schema().asNullable()));
            case FULL:
                return new Join(left, right, JoinKind.FULL, lk, rk, nullSafe, residual,
                        left.schema().asNullable().concat(right.schema().asNullable()));
            case SEMI:
                return new Join(left, right, JoinKind.SEMI, lk, rk, nullSafe, residual, left.schema());
            case ANTI:
                return new Join(left, right, JoinKind.ANTI, lk, rk, nullSafe, residual, left.schema());
            case RIGHT: {
                // A right join is the mirrored left join, with the columns put back in order.
                Expr mirrored = null;
                int lw = left.schema().size();
                int rw = right.schema().size();
                RowSchema swapped = right.schema().concat(left.schema());
                if (!residualParts.isEmpty()) {
                    RexNode cond = org.apache.calcite.rex.RexUtil.composeConjunction(rexBuilder, residualParts);
                    mirrored = new RexToExpr(swapped, i -> i < lw ? i + rw : i - lw, parameters, rexBuilder)
                            .convert(cond);
                }
                Join j = new Join(right, left, JoinKind.LEFT, rk, lk, nullSafe, mirrored,
                        right.schema().concat(left.schema().asNullable()));
                List<Expr> exprs = new ArrayList<>();
                List<Field> fields = new ArrayList<>();
                for (int i = 0; i < lw; i++) {
                    Field f = j.schema().field(rw + i);
                    exprs.add(new Expr.ColumnRef(rw + i, f.type()));
                    fields.add(f);
                }
                for (int i = 0; i < rw; i++) {
                    Field f = j.schema().field(i);
                    exprs.add(new Expr.ColumnRef(i, f.type()));
                    fields.add(f);
                }
                return new Project(j, exprs, new RowSchema(fields));
            }
            default:
                throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "join type " + type + " not supported");
        }
    }

    private PlanNode aggregate(LogicalAggregate agg) {
        return aggregate(agg, convert(agg.getInput()), 0);
    }

    /**
     * {@code agg} over {@code input}, whose first {@code leading} columns (a lateral join's left row)
     * come before the aggregate's input columns and are grouped by too, ahead of its own keys.
     */
    private PlanNode aggregate(LogicalAggregate agg, PlanNode input, int leading) {
        if (agg.getGroupType() != org.apache.calcite.rel.core.Aggregate.Group.SIMPLE) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "GROUPING SETS, ROLLUP and CUBE are not supported yet");
        }
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < leading; i++) {
            keys.add(i);
        }
        agg.getGroupSet().forEach(k -> keys.add(k + leading));
        org.apache.calcite.util.mapping.Mappings.TargetMapping shift = org.apache.calcite.util.mapping.Mappings
                .offsetTarget(org.apache.calcite.util.mapping.Mappings.createIdentity(input.schema().size() - leading),
                        leading, input.schema().size());
        if (agg.getAggCallList().isEmpty()) {
            PlanNode projected = input;
            if (keys.size() != input.schema().size() || !isIdentity(keys)) {
                projected = project(input, keys);
            }
            return new Distinct(projected);
        }
        RowSchema schema = new RowSchema(input.schema().fields().subList(0, leading)).concat(schemaOf(agg.getRowType()));
        List<AggregateCall> calls = new ArrayList<>();
        // LITERAL_AGG (from subquery rewrites) is a constant per group: added by a projection after.
        List<Expr.Literal> literals = new ArrayList<>();
        for (org.apache.calcite.rel.core.AggregateCall call : agg.getAggCallList()) {
            if (call.getAggregation().getKind() == SqlKind.LITERAL_AGG) {
                literals.add(RexToExpr.literal((RexLiteral) call.rexList.get(0)));
            } else {
                literals.add(null);
                calls.add(aggregateCall(leading == 0 ? call : call.transform(shift), input.schema()));
            }
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            fields.add(new Field(schema.field(i).name(), input.schema().type(keys.get(i)), true));
        }
        int next = 0;
        for (int i = 0; i < literals.size(); i++) {
            if (literals.get(i) == null) {
                Field f = schema.field(keys.size() + i);
                fields.add(new Field(f.name(), calls.get(next++).resultType(), f.nullable()));
            }
        }
        PlanNode aggregate = new Aggregate(input, keys, calls, new RowSchema(fields));
        if (literals.stream().allMatch(java.util.Objects::isNull)) {
            return aggregate;
        }
        List<Expr> exprs = new ArrayList<>();
        List<Field> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            exprs.add(new Expr.ColumnRef(i, fields.get(i).type()));
            out.add(fields.get(i));
        }
        int column = keys.size();
        for (int i = 0; i < literals.size(); i++) {
            Field f = schema.field(keys.size() + i);
            if (literals.get(i) != null) {
                exprs.add(literals.get(i));
                out.add(new Field(f.name(), literals.get(i).type(), true));
            } else {
                exprs.add(new Expr.ColumnRef(column, fields.get(column).type()));
                out.add(fields.get(column));
                column++;
            }
        }
        return new Project(aggregate, exprs, new RowSchema(out));
    }

    private static boolean isIdentity(List<Integer> keys) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) != i) {
                return false;
            }
        }
        return true;
    }

    private static PlanNode project(PlanNode input, List<Integer> columns) {
        List<Expr> exprs = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        for (int c : columns) {
            exprs.add(new Expr.ColumnRef(c, input.schema().type(c)));
            fields.add(input.schema().field(c));
        }
        return new Project(input, exprs, new RowSchema(fields));
    }

    private static AggregateCall aggregateCall(org.apache.calcite.rel.core.AggregateCall call, RowSchema input) {
        DataType result = TypeMapping.toDataType(call.getType());
        List<Integer> args = call.getArgList();
        if (args.size() > 1) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                    "aggregate " + call.getAggregation().getName().toLowerCase() + " with several arguments is not supported yet");
        }
        int arg = args.isEmpty() ? -1 : args.get(0);
        SqlKind kind = call.getAggregation().getKind();
        AggregateFunction fn = switch (kind) {
            case COUNT -> arg < 0 ? AggregateFunction.COUNT_STAR : AggregateFunction.COUNT;
            case SUM, SUM0 -> AggregateFunction.SUM;
            case AVG -> AggregateFunction.AVG;
            case MIN -> AggregateFunction.MIN;
            case MAX -> AggregateFunction.MAX;
            case SINGLE_VALUE -> AggregateFunction.SINGLE_VALUE;
            case ARRAY_AGG -> {
                List<org.apache.calcite.rel.RelFieldCollation> order = call.getCollation().getFieldCollations();
                if (call.isDistinct() || order.size() > 1 || order.size() == 1 && (order.get(0).getFieldIndex() != arg
                        || order.get(0).getDirection() != org.apache.calcite.rel.RelFieldCollation.Direction.ASCENDING)) {
                    throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "array_agg with DISTINCT or with an "
                            + "ORDER BY other than its argument ascending is not supported yet");
                }
                yield AggregateFunction.ARRAY_AGG;
            }
            default -> {
                String name = call.getAggregation().getName().toUpperCase();
                yield switch (name) {
                    case "BOOL_AND", "EVERY" -> AggregateFunction.BOOL_AND;
                    case "BOOL_OR", "SOME", "ANY" -> AggregateFunction.BOOL_OR;
                    default -> throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                            "aggregate function " + name.toLowerCase() + " is not supported yet");
                };
            }
        };
        if (fn == AggregateFunction.MIN || fn == AggregateFunction.MAX || fn == AggregateFunction.SINGLE_VALUE) {
            result = input.type(arg);
        }
        if (fn == AggregateFunction.ARRAY_AGG) {
            result = DataType.array(input.type(arg));
        }
        if (kind == SqlKind.SUM0) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "$SUM0 is not supported");
        }
        return new AggregateCall(fn, arg, call.isDistinct(), call.filterArg, result);
    }

    /** One Window node per window of the query, each adding its calls' columns after the input's. */
    private PlanNode window(org.apache.calcite.rel.logical.LogicalWindow window) {
        PlanNode node = convert(window.getInput());
        int inputWidth = window.getInput().getRowType().getFieldCount();
        List<org.apache.calcite.rel.type.RelDataTypeField> outFields = window.getRowType().getFieldList();
        int next = inputWidth;
        for (org.apache.calcite.rel.core.Window.Group group : window.groups) {
            Window.Frame frame = frame(group, window, inputWidth);
            List<Window.Call> calls = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (org.apache.calcite.rel.core.Window.RexWinAggCall call : group.aggCalls) {
                calls.add(windowCall(call, frame, window, inputWidth, node.schema()));
                names.add(outFields.get(next++).getName());
            }
            node = new Window(node, group.keys.asList(), sortKeys(group.orderKeys), calls, names);
        }
        return node;
    }

    private static Window.Frame frame(org.apache.calcite.rel.core.Window.Group group,
            org.apache.calcite.rel.logical.LogicalWindow window, int inputWidth) {
        long lower = bound(group.lowerBound, group.isRows, window, inputWidth);
        long upper = bound(group.upperBound, group.isRows, window, inputWidth);
        return new Window.Frame(group.isRows, lower, upper);
    }

    /** A frame bound; an offset is a literal or one of the window's constants (past the input's columns). */
    private static long bound(org.apache.calcite.rex.RexWindowBound b, boolean rows,
            org.apache.calcite.rel.logical.LogicalWindow window, int inputWidth) {
        if (b.isUnbounded()) {
            return b.isPreceding() ? Window.Frame.UNBOUNDED_PRECEDING : Window.Frame.UNBOUNDED_FOLLOWING;
        }
        if (b.isCurrentRow()) {
            return 0;
        }
        RexNode offset = b.getOffset();
        RexLiteral lit = offset instanceof RexLiteral l ? l
                : offset instanceof org.apache.calcite.rex.RexInputRef ref && ref.getIndex() >= inputWidth
                        ? window.constants.get(ref.getIndex() - inputWidth) : null;
        if (!rows || lit == null) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                    "window frames with RANGE offsets are not supported yet (ROWS offsets are)");
        }
        long n = lit.getValueAs(Long.class);
        return b.isPreceding() ? -n : n;
    }

    private Window.Call windowCall(org.apache.calcite.rel.core.Window.RexWinAggCall call, Window.Frame frame,
            org.apache.calcite.rel.logical.LogicalWindow window, int inputWidth, RowSchema input) {
        if (call.distinct) {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "DISTINCT in window functions is not supported");
        }
        String name = call.getOperator().getName().toUpperCase(java.util.Locale.ROOT);
        Window.Function fn = switch (name) {
            case "ROW_NUMBER" -> Window.Function.ROW_NUMBER;
            case "RANK" -> Window.Function.RANK;
            case "DENSE_RANK" -> Window.Function.DENSE_RANK;
            case "LAG" -> Window.Function.LAG;
            case "LEAD" -> Window.Function.LEAD;
            case "FIRST_VALUE" -> Window.Function.FIRST_VALUE;
            case "LAST_VALUE" -> Window.Function.LAST_VALUE;
            case "COUNT" -> call.getOperands().isEmpty() ? Window.Function.COUNT_STAR : Window.Function.COUNT;
            case "SUM", "$SUM0", "AVG" -> {
                if (IntervalCasts.isInterval(call.getType())) {
                    throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                            "window function " + name.toLowerCase(java.util.Locale.ROOT) + " over intervals is not supported yet");
                }
                yield name.equals("AVG") ? Window.Function.AVG : Window.Function.SUM;
            }
            case "MIN" -> Window.Function.MIN;
            case "MAX" -> Window.Function.MAX;
            default -> throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                    "window function " + name.toLowerCase(java.util.Locale.ROOT) + " is not supported yet");
        };
        List<Integer> args = new ArrayList<>();
        long offset = 1;
        Object fallback = null;
        List<RexNode> operands = call.getOperands();
        for (int i = 0; i < operands.size(); i++) {
            RexNode op = operands.get(i);
            RexLiteral constant = op instanceof org.apache.calcite.rex.RexInputRef ref && ref.getIndex() >= inputWidth
                    ? window.constants.get(ref.getIndex() - inputWidth) : op instanceof RexLiteral l ? l : null;
            if (i == 0 && constant == null) {
                if (!(op instanceof org.apache.calcite.rex.RexInputRef ref)) {
                    throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                            "window function arguments must be columns here");
                }
                args.add(ref.getIndex());
            } else if (i == 1 && constant != null) {
                offset = constant.getValueAs(Long.class);
            } else if (i == 2 && constant != null) {
                Expr.Literal lit = RexToExpr.literal(constant);
                DataType argType = input.type(args.get(0));
                fallback = lit.value() == null || lit.type().equals(argType) ? lit.value() : castLiteral(lit, argType);
            } else {
                throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                        "window function " + name.toLowerCase(java.util.Locale.ROOT) + " takes constant offsets and defaults here");
            }
        }
        // A window function with a frame of its own (FIRST_VALUE, aggregates) uses the group's;
        // the others ignore it.
        return new Window.Call(fn, args, fn.usesFrame() ? frame : Window.Frame.WHOLE_PARTITION, offset, fallback,
                TypeMapping.toDataType(call.getType()));
    }

    List<SortKey> sortKeys(RelCollation collation) {
        List<SortKey> keys = new ArrayList<>();
        for (RelFieldCollation fc : collation.getFieldCollations()) {
            boolean asc = !fc.getDirection().isDescending();
            boolean nullsFirst = switch (fc.nullDirection) {
                case FIRST -> true;
                case LAST -> false;
                default -> !asc;
            };
            keys.add(new SortKey(fc.getFieldIndex(), asc, nullsFirst));
        }
        return keys;
    }

    long offsetOf(RexNode offset) {
        return offset == null ? 0 : numberOf(offset, "OFFSET");
    }

    long limitOf(RexNode fetch) {
        return fetch == null ? -1 : numberOf(fetch, "LIMIT");
    }

    private long numberOf(RexNode n, String clause) {
        Object v;
        if (n instanceof RexLiteral lit) {
            v = lit.getValueAs(Long.class);
        } else if (n instanceof RexDynamicParam p) {
            v = parameters.get(p.getIndex());
        } else {
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, clause + " must be a constant");
        }
        if (v == null) {
            return clause.equals("LIMIT") ? -1 : 0;
        }
        long l = ((Number) v).longValue();
        if (l < 0) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE,
                    clause + " must not be negative");
        }
        return l;
    }

    static RowSchema schemaOf(RelDataType rowType) {
        List<Field> fields = new ArrayList<>();
        for (RelDataTypeField f : rowType.getFieldList()) {
            fields.add(new Field(f.getName(), TypeMapping.toDataType(f.getType()), f.getType().isNullable()));
        }
        return new RowSchema(fields);
    }

    private static RowSchema withTypes(RowSchema schema, List<Expr> exprs) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            Field f = schema.field(i);
            fields.add(new Field(f.name(), exprs.get(i).type(), f.nullable()));
        }
        return new RowSchema(fields);
    }
}
