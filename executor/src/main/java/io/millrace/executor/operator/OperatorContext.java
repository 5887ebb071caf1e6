package io.millrace.executor.operator;

import static java.util.Objects.requireNonNull;

import io.millrace.executor.expr.ExprCompiler;
import io.millrace.storage.Keys;
import io.millrace.storage.StateStore;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What an operator instance works with: where its output batches are allocated, the worker's
 * state store, the key prefix of its own state, and the expression compiler.
 */
public record OperatorContext(BufferAllocator allocator, StateStore state, long dataflowId, int operatorId,
        int worker, ExprCompiler compiler, io.millrace.executor.dataflow.StepControl control) {
    public OperatorContext {
        requireNonNull(allocator, "allocator is null");
        requireNonNull(state, "state is null");
        requireNonNull(compiler, "compiler is null");
        requireNonNull(control, "control is null");
    }

    /** The key prefix of this operator's state table number {@code table}. */
    public byte[] statePrefix(int table) {
        return Keys.operatorState(dataflowId, operatorId, table);
    }
}
