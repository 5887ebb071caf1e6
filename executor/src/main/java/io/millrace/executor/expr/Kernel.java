package io.millrace.executor.expr;

import io.millrace.executor.batch.Column;

/** A compiled expression: computes a whole column of results from the input's columns at once. */
@FunctionalInterface
public interface Kernel {
    Column eval(EvalInput input);
}
