package io.millrace.executor.expr;

import io.millrace.executor.batch.Column;

/** A compiled expression: computes a whole column of results from the input's columns at once. */
@FunctionalInterface
public interface Kernel {
    Column eval(EvalInput input);

    /** Each kernel's column over {@code input}, in order. */
    static Column[] evalAll(java.util.List<Kernel> kernels, EvalInput input) {
        Column[] columns = new Column[kernels.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = kernels.get(i).eval(input);
        }
        return columns;
    }
}
