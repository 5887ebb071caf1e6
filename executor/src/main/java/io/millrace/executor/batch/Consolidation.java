package io.millrace.executor.batch;

import io.millrace.executor.type.RowSchema;
import io.millrace.storage.ByteKey;
import io.millrace.storage.OrderedBytes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Sums the weights of equal rows across batches and drops rows whose weights cancel: the net
 * change, which is what gets stored and shown.
 */
public final class Consolidation {
    private Consolidation() {
    }

    /** A row and its net weight. */
    public record WeightedRow(Object[] values, long weight) {
    }

    /** The net rows of {@code batches}, in first-seen order. Does not close the batches. */
    public static List<WeightedRow> rows(List<ChangeBatch> batches) {
        Map<ByteKey, WeightedRow> net = new LinkedHashMap<>();
        OrderedBytes enc = new OrderedBytes();
        for (ChangeBatch b : batches) {
            List<Column> cols = b.columns();
            for (int r = 0; r < b.rowCount(); r++) {
                enc.reset();
                RowCodec.writeRow(enc, cols, r);
                long w = b.weight(r);
                int row = r;
                net.merge(new ByteKey(enc.toArray()), new WeightedRow(b.row(row), w),
                        (a, c) -> new WeightedRow(a.values(), a.weight() + c.weight()));
            }
        }
        List<WeightedRow> out = new ArrayList<>(net.size());
        for (WeightedRow w : net.values()) {
            if (w.weight() != 0) {
                out.add(w);
            }
        }
        return out;
    }

    /** The net change of {@code batches} as one batch (empty list when nothing changed). */
    public static List<ChangeBatch> batch(List<ChangeBatch> batches, RowSchema schema, BufferAllocator allocator) {
        List<WeightedRow> rows = rows(batches);
        if (rows.isEmpty()) {
            return List.of();
        }
        BatchBuilder b = new BatchBuilder(schema, rows.size());
        for (WeightedRow w : rows) {
            b.addRow(w.values(), w.weight());
        }
        return List.of(b.build(allocator));
    }
}
