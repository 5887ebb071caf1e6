package io.millrace.server.engine;

import io.millrace.executor.dataflow.Dataflow;
import io.millrace.executor.relation.StoredRelation;
import io.millrace.planner.QueryPlan;

/** A materialized view kept up to date: its plan, its dataflow, and the relation its output is stored in. */
record MaintainedView(long id, String name, QueryPlan plan, Dataflow dataflow, StoredRelation relation) {
}
