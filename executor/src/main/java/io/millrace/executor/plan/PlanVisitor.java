package io.millrace.executor.plan;

/** Visits plan nodes by type. */
public interface PlanVisitor<R> {
    R visitScan(Scan node);

    R visitValues(Values node);

    R visitFilter(Filter node);

    R visitProject(Project node);

    R visitUnionAll(UnionAll node);

    R visitJoin(Join node);

    R visitAggregate(Aggregate node);

    R visitDistinct(Distinct node);

    R visitTopN(TopN node);

    R visitWindow(Window node);

    R visitExchange(Exchange node);

    R visitTableFunction(TableFunction node);
}
