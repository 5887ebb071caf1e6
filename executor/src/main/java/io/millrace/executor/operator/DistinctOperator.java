package io.millrace.executor.operator;

import io.millrace.storage.ByteKey;

import io.millrace.executor.batch.BatchBuilder;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.batch.Column;
import io.millrace.executor.batch.RowCodec;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.RowSchema;
import io.millrace.storage.OrderedBytes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Each distinct row once. Keeps each row's multiplicity; emits +1 when a row first appears and -1
 * when its last copy goes.
 */
final class DistinctOperator implements Operator {
    private final OperatorContext ctx;
    private final RowSchema schema;
    private final List<Integer> allColumns;
    private final List<DataType> types;
    private final byte[] prefix;

    DistinctOperator(OperatorContext ctx, RowSchema schema) {
        this.ctx = ctx;
        this.schema = schema;
        this.allColumns = IntStream.range(0, schema.size()).boxed().toList();
        this.types = schema.types();
        this.prefix = ctx.statePrefix(0);
    }

    private record Delta(Object[] row, long weight) {
    }

    @Override
    public List<ChangeBatch> step(List<List<ChangeBatch>> inputs) {
        Map<ByteKey, Delta> deltas = new LinkedHashMap<>();
        OrderedBytes key = new OrderedBytes();
        for (ChangeBatch batch : inputs.get(0)) {
            List<Column> cols = batch.columns();
            for (int r = 0; r < batch.rowCount(); r++) {
                key.reset().writeRaw(prefix);
                RowCodec.writeKey(key, cols, allColumns, r);
                int row = r;
                long w = batch.weight(r);
                deltas.merge(new ByteKey(key.toArray()), new Delta(batch.row(row), w),
                        (a, b) -> new Delta(a.row(), a.weight() + b.weight()));
            }
        }
        BatchBuilder out = new BatchBuilder(schema);
        for (Map.Entry<ByteKey, Delta> e : deltas.entrySet()) {
            if (e.getValue().weight() == 0) {
                continue;
            }
            byte[] k = e.getKey().bytes();
            byte[] stored = ctx.state().get(k);
            long before = 0;
            Object[] exact = e.getValue().row();
            if (stored != null) {
                OrderedBytes.Reader r = new OrderedBytes.Reader(stored);
                before = r.readRawLong();
                exact = RowCodec.readRow(r, types);
            }
            long after = before + e.getValue().weight();
            if (before <= 0 && after > 0) {
                out.addRow(exact, 1);
            } else if (before > 0 && after <= 0) {
                out.addRow(exact, -1);
            }
            if (after == 0) {
                ctx.state().delete(k);
            } else {
                OrderedBytes v = new OrderedBytes().writeRawLong(after);
                RowCodec.writeRow(v, types, exact);
                ctx.state().put(k, v.toArray());
            }
        }
        return out.rowCount() == 0 ? List.of() : List.of(out.build(ctx.allocator()));
    }
}
