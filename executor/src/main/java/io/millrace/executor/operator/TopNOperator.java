package io.millrace.executor.operator;

import io.millrace.storage.ByteKey;

import io.millrace.executor.batch.BatchBuilder;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.batch.Column;
import io.millrace.executor.batch.RowCodec;
import io.millrace.executor.plan.SortKey;
import io.millrace.executor.plan.TopN;
import io.millrace.executor.type.DataType;
import io.millrace.storage.OrderedBytes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ORDER BY ... LIMIT/OFFSET kept up to date. All input rows are kept in sort order (sort key, then
 * the row itself) with their multiplicities; each timestamp compares the window before and after
 * the changes and emits the difference. Stored value: the count, then the row's exact encoding.
 */
final class TopNOperator implements Operator {
    private final OperatorContext ctx;
    private final TopN node;
    private final List<DataType> types;
    private final byte[] prefix;
    private final int window;

    TopNOperator(OperatorContext ctx, TopN node) {
        this.ctx = ctx;
        this.node = node;
        this.types = node.schema().types();
        this.prefix = ctx.statePrefix(0);
        long w = node.limit() < 0 ? Integer.MAX_VALUE : Math.min(Integer.MAX_VALUE, node.offset() + node.limit());
        this.window = (int) w;
    }

    private record Delta(byte[] exactRow, long weight) {
    }

    private record Slot(byte[] exactRow, long copies) {
    }

    @Override
    public List<ChangeBatch> step(List<List<ChangeBatch>> inputs) {
        Map<ByteKey, Delta> deltas = new LinkedHashMap<>();
        OrderedBytes key = new OrderedBytes();
        OrderedBytes exact = new OrderedBytes();
        for (ChangeBatch batch : inputs.get(0)) {
            List<Column> cols = batch.columns();
            for (int r = 0; r < batch.rowCount(); r++) {
                key.reset().writeRaw(prefix);
                for (SortKey s : node.ordering()) {
                    Column c = cols.get(s.column());
                    RowCodec.writeSortValue(key, c.type(), c.get(r), s.ascending(), s.nullsFirst());
                }
                exact.reset();
                RowCodec.writeRow(exact, cols, r);
                key.writeRaw(exact.buffer(), 0, exact.length());
                deltas.merge(new ByteKey(key.toArray()), new Delta(exact.toArray(), batch.weight(r)),
                        (a, b) -> new Delta(a.exactRow(), a.weight() + b.weight()));
            }
        }
        if (deltas.values().stream().allMatch(d -> d.weight() == 0)) {
            return List.of();
        }
        Map<ByteKey, Slot> before = windowContents();
        for (Map.Entry<ByteKey, Delta> d : deltas.entrySet()) {
            long w = d.getValue().weight();
            if (w == 0) {
                continue;
            }
            byte[] k = d.getKey().bytes();
            byte[] stored = ctx.state().get(k);
            long n = (stored == null ? 0 : new OrderedBytes.Reader(stored).readRawLong()) + w;
            if (n == 0) {
                ctx.state().delete(k);
            } else {
                ctx.state().put(k, new OrderedBytes().writeRawLong(n).writeRaw(d.getValue().exactRow()).toArray());
            }
        }
        Map<ByteKey, Slot> after = windowContents();
        Map<ByteKey, Slot> diff = new HashMap<>(after);
        before.forEach((k, s) -> diff.merge(k, new Slot(s.exactRow(), -s.copies()),
                (a, b) -> new Slot(a.exactRow(), a.copies() + b.copies())));
        BatchBuilder out = new BatchBuilder(node.schema());
        for (Slot s : diff.values()) {
            if (s.copies() != 0) {
                out.addRow(RowCodec.readRow(new OrderedBytes.Reader(s.exactRow()), types), s.copies());
            }
        }
        return out.rowCount() == 0 ? List.of() : List.of(out.build(ctx.allocator()));
    }

    /** The rows inside OFFSET .. OFFSET+LIMIT now, with how many copies of each. */
    private Map<ByteKey, Slot> windowContents() {
        Map<ByteKey, Slot> rows = new HashMap<>();
        long position = 0;
        for (Map.Entry<byte[], byte[]> e : ctx.state().scan(prefix, window)) {
            byte[] v = e.getValue();
            long n = new OrderedBytes.Reader(v).readRawLong();
            long from = Math.max(position, node.offset());
            long to = Math.min(position + n, window);
            if (to > from) {
                rows.put(new ByteKey(e.getKey()), new Slot(java.util.Arrays.copyOfRange(v, 8, v.length), to - from));
            }
            position += n;
            if (position >= window) {
                break;
            }
        }
        return rows;
    }
}
