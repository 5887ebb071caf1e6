package io.millrace.executor.plan;

import io.millrace.executor.type.RowSchema;
import java.util.List;

/**
 * A node of a dataflow plan: an immutable value describing one operator and its inputs. The same
 * plan runs once over a snapshot (ad hoc query), stays running for a materialized view, or streams
 * to a client for SUBSCRIBE.
 */
public sealed interface PlanNode
        permits Scan, Values, Filter, Project, UnionAll, Join, Aggregate, Distinct, TopN, Window, Exchange,
        TableFunction {

    /** The columns of the rows this node produces. */
    RowSchema schema();

    List<PlanNode> inputs();

    /** This node with its inputs replaced (same count, same schemas). */
    PlanNode withInputs(List<PlanNode> newInputs);

    <R> R accept(PlanVisitor<R> visitor);
}
