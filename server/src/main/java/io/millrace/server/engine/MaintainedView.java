package io.millrace.server.engine;

import io.millrace.executor.dataflow.Dataflow;
import io.millrace.executor.relation.StoredRelation;

/** A materialized view kept up to date: its dataflow and the relation its output is stored in. */
record MaintainedView(long id, String name, Dataflow dataflow, StoredRelation relation) {
}
