package io.millrace.executor.operator;

import io.millrace.executor.batch.ChangeBatch;
import java.util.List;

/**
 * One worker's instance of one plan node. A dataflow calls {@link #step} once per logical
 * timestamp with every change that reached this operator at that timestamp, one list per input,
 * and gets the operator's output changes for the timestamp. Input batches stay owned by the
 * caller; output batches pass to the caller.
 */
public interface Operator {
    List<ChangeBatch> step(List<List<ChangeBatch>> inputs);
}
