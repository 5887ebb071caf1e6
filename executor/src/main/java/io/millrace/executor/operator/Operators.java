package io.millrace.executor.operator;

import io.millrace.executor.plan.Aggregate;
import io.millrace.executor.plan.Distinct;
import io.millrace.executor.plan.Exchange;
import io.millrace.executor.plan.Filter;
import io.millrace.executor.plan.Join;
import io.millrace.executor.plan.PlanNode;
import io.millrace.executor.plan.PlanVisitor;
import io.millrace.executor.plan.Project;
import io.millrace.executor.plan.Scan;
import io.millrace.executor.plan.TableFunction;
import io.millrace.executor.plan.TopN;
import io.millrace.executor.plan.Window;
import io.millrace.executor.plan.UnionAll;
import io.millrace.executor.plan.Values;

/** Creates the operator that runs a plan node. */
public final class Operators {
    private Operators() {
    }

    public static Operator create(OperatorContext ctx, PlanNode node) {
        return node.accept(new PlanVisitor<Operator>() {
            @Override
            public Operator visitScan(Scan n) {
                return new ScanOperator(ctx, n.schema());
            }

            @Override
            public Operator visitValues(Values n) {
                return new ValuesOperator(ctx, n);
            }

            @Override
            public Operator visitFilter(Filter n) {
                return new FilterOperator(ctx, n);
            }

            @Override
            public Operator visitProject(Project n) {
                return new ProjectOperator(ctx, n);
            }

            @Override
            public Operator visitUnionAll(UnionAll n) {
                return new UnionOperator(ctx, n.schema());
            }

            @Override
            public Operator visitJoin(Join n) {
                return new HashJoinOperator(ctx, n);
            }

            @Override
            public Operator visitAggregate(Aggregate n) {
                return new GroupAggregateOperator(ctx, n);
            }

            @Override
            public Operator visitDistinct(Distinct n) {
                return new DistinctOperator(ctx, n.schema());
            }

            @Override
            public Operator visitTopN(TopN n) {
                return new TopNOperator(ctx, n);
            }

            @Override
            public Operator visitWindow(Window n) {
                return new WindowOperator(ctx, n);
            }

            @Override
            public Operator visitTableFunction(TableFunction n) {
                return new TableFunctionOperator(ctx, n);
            }

            @Override
            public Operator visitExchange(Exchange n) {
                throw new IllegalStateException("exchanges are run by the dataflow, not by an operator");
            }
        });
    }
}
