package io.millrace.server.engine;

import io.millrace.executor.batch.ChangeBatch;
import java.util.List;

/** Where a one-shot query reads stored relations from: a snapshot, or a write's current state. */
public interface RelationSource {
    /** Every row of the relation, as insert batches (the caller closes them). */
    List<ChangeBatch> all(long relationId);

    /** Only the row with this primary key, if there is one. */
    List<ChangeBatch> lookup(long relationId, List<Object> key);
}
