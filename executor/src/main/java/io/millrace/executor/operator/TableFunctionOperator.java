package io.millrace.executor.operator;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.BatchBuilder;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.batch.Column;
import io.millrace.executor.expr.EvalInput;
import io.millrace.executor.expr.Kernel;
import io.millrace.executor.plan.TableFunction;
import io.millrace.executor.type.RowSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls a set-returning function for every input row and emits the row once per result row, with
 * the input row's weight: a change to an input row changes exactly the rows it produced, so the
 * operator keeps no state.
 */
final class TableFunctionOperator implements Operator {
    /** Output rows per batch: one call may return many rows, and they need not sit in one batch. */
    private static final int BATCH_ROWS = 8192;

    private final OperatorContext ctx;
    private final TableFunction node;
    private final List<Kernel> arguments;
    private final int inputWidth;

    TableFunctionOperator(OperatorContext ctx, TableFunction node) {
        this.ctx = ctx;
        this.node = node;
        this.arguments = node.arguments().stream().map(ctx.compiler()::compile).toList();
        this.inputWidth = node.input().schema().size();
    }

    @Override
    public List<ChangeBatch> step(List<List<ChangeBatch>> inputs) {
        Output out = new Output(node.schema());
        for (ChangeBatch batch : inputs.get(0)) {
            int n = batch.rowCount();
            if (n == 0) {
                continue;
            }
            EvalInput in = Batches.evalInput(batch);
            List<Column> args = new ArrayList<>(arguments.size());
            for (Kernel k : arguments) {
                args.add(k.eval(in));
            }
            for (int row = 0; row < n; row++) {
                long emitted = call(args, row, batch, out);
                if (emitted == 0 && node.outer()) {
                    out.add(batch, row, new Object[node.function().width()], null);
                }
            }
        }
        return out.finish();
    }

    /** Emits the rows of the call on input row {@code row}; returns how many. */
    private long call(List<Column> args, int row, ChangeBatch batch, Output out) {
        switch (node.function()) {
            case GENERATE_SERIES -> {
                for (Column a : args) {
                    if (a.isNull(row)) {
                        return 0;
                    }
                }
                long start = ((Number) args.get(0).get(row)).longValue();
                long stop = ((Number) args.get(1).get(row)).longValue();
                long step = args.size() > 2 ? ((Number) args.get(2).get(row)).longValue() : 1;
                if (step == 0) {
                    throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
                }
                long count = (step > 0 ? stop >= start : stop <= start)
                        ? Math.floorDiv(Math.subtractExact(stop, start), step) + 1 : 0;
                checkCount(count);
                for (long i = 0; i < count; i++) {
                    out.add(batch, row, start + i * step, i + 1);
                }
                return count;
            }
            case UNNEST, EXPAND_ARRAY -> {
                if (args.get(0).isNull(row)) {
                    return 0;
                }
                List<?> elements = (List<?>) args.get(0).get(row);
                checkCount(elements.size());
                for (int i = 0; i < elements.size(); i++) {
                    out.add(batch, row, elements.get(i), i + 1L);
                }
                return elements.size();
            }
            default -> {
                if (args.get(0).isNull(row)) {
                    return 0;
                }
                List<Object[]> rows = JsonRows.of(node.function(), (String) args.get(0).get(row),
                        node.arguments().get(0).type().kind() == io.millrace.executor.type.TypeKind.JSON);
                checkCount(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    out.add(batch, row, rows.get(i), i + 1L);
                }
                return rows.size();
            }
        }
    }

    private static void checkCount(long count) {
        if (count > TableFunction.MAX_ROWS_PER_CALL) {
            throw new MillraceException(SqlState.PROGRAM_LIMIT_EXCEEDED, "a set-returning function call of more than "
                    + TableFunction.MAX_ROWS_PER_CALL + " rows is not supported yet");
        }
    }

    /** The output rows, cut into batches of {@link #BATCH_ROWS}. */
    private final class Output {
        private final RowSchema schema;
        private final List<ChangeBatch> batches = new ArrayList<>();
        private BatchBuilder builder;

        Output(RowSchema schema) {
            this.schema = schema;
        }

        /** Input row {@code row}, then the function's value and, for EXPAND_ARRAY or WITH ORDINALITY, the ordinal. */
        void add(ChangeBatch batch, int row, Object value, Long ordinal) {
            add(batch, row, node.function() == TableFunction.Kind.EXPAND_ARRAY ? new Object[] {value, ordinal}
                    : new Object[] {value}, ordinal);
        }

        /** Input row {@code row}, then the function's values and, WITH ORDINALITY, the ordinal. */
        void add(ChangeBatch batch, int row, Object[] values, Long ordinal) {
            if (builder == null) {
                builder = new BatchBuilder(schema, BATCH_ROWS);
            }
            for (int c = 0; c < inputWidth; c++) {
                builder.column(c).appendFrom(batch.column(c), row);
            }
            int c = inputWidth;
            for (Object v : values) {
                builder.column(c++).append(v);
            }
            if (node.ordinality()) {
                builder.column(c).append(ordinal);
            }
            builder.endRow(batch.weight(row));
            if (builder.rowCount() == BATCH_ROWS) {
                batches.add(builder.build(ctx.allocator()));
                builder = null;
            }
        }

        List<ChangeBatch> finish() {
            if (builder != null) {
                batches.add(builder.build(ctx.allocator()));
            }
            return batches;
        }
    }
}
