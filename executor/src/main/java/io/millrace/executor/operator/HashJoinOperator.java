package io.millrace.executor.operator;

import io.millrace.storage.ByteKey;

import io.millrace.executor.batch.BatchBuilder;
import io.millrace.executor.batch.BoolColumn;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.batch.Column;
import io.millrace.executor.batch.ColumnBuilder;
import io.millrace.executor.batch.RowCodec;
import io.millrace.executor.expr.EvalInput;
import io.millrace.executor.expr.Kernel;
import io.millrace.executor.plan.Join;
import io.millrace.executor.plan.JoinKind;
import io.millrace.executor.type.DataType;
import io.millrace.storage.OrderedBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An incremental join over an arrangement of each input: every row stored under its join key with
 * its multiplicity and its match count (how many rows of the other side it joins with, residual
 * condition included). Changes to one side are joined with the other side's arrangement; left
 * changes are processed before right changes, so a timestamp that changes both sides yields
 * {@code dL x R_old + L_new x dR}. Match counts going to or from zero produce the NULL-padded rows
 * of outer joins and the rows of semi and anti joins.
 *
 * <p>State value: the row's count, then its match count (8 bytes each). State key: side prefix,
 * join key (key encoding), the row (exact encoding).
 */
final class HashJoinOperator implements Operator {
    private static final int LEFT = 0;
    private static final int RIGHT = 1;
    private static final int RESIDUAL_PAIRS_PER_BLOCK = 1 << 16;

    private final OperatorContext ctx;
    private final Join node;
    private final JoinKind kind;
    private final List<List<Integer>> keys;
    private final List<List<DataType>> types;
    private final byte[][] prefixes;
    private final Kernel residual;

    HashJoinOperator(OperatorContext ctx, Join node) {
        this.ctx = ctx;
        this.node = node;
        this.kind = node.kind();
        this.keys = List.of(node.leftKeys(), node.rightKeys());
        this.types = List.of(node.left().schema().types(), node.right().schema().types());
        this.prefixes = new byte[][] {ctx.statePrefix(0), ctx.statePrefix(1)};
        this.residual = node.residual() == null ? null : ctx.compiler().compile(node.residual());
    }

    private static final class DeltaRow {
        final Object[] values;
        final byte[] exact;
        long weight;

        DeltaRow(Object[] values, byte[] exact, long weight) {
            this.values = values;
            this.exact = exact;
            this.weight = weight;
        }
    }

    private static final class StoredRow {
        final byte[] stateKey;
        final Object[] values;
        final long count;
        final long matches;
        long matchDelta;

        StoredRow(byte[] stateKey, Object[] values, long count, long matches) {
            this.stateKey = stateKey;
            this.values = values;
            this.count = count;
            this.matches = matches;
        }
    }

    @Override
    public List<ChangeBatch> step(List<List<ChangeBatch>> inputs) {
        BatchBuilder out = new BatchBuilder(node.schema());
        process(LEFT, inputs.get(0), out);
        process(RIGHT, inputs.get(1), out);
        return out.rowCount() == 0 ? List.of() : List.of(out.build(ctx.allocator()));
    }

    private boolean preserved(int side) {
        return side == LEFT ? kind.keepsUnmatchedLeft() : kind.keepsUnmatchedRight();
    }

    private void process(int side, List<ChangeBatch> batches, BatchBuilder out) {
        // Consolidate this side's changes by join key, then by row.
        Map<ByteKey, Map<ByteKey, DeltaRow>> byKey = new LinkedHashMap<>();
        OrderedBytes key = new OrderedBytes();
        OrderedBytes exact = new OrderedBytes();
        List<Integer> sideKeys = keys.get(side);
        for (ChangeBatch batch : batches) {
            List<Column> cols = batch.columns();
            for (int r = 0; r < batch.rowCount(); r++) {
                long w = batch.weight(r);
                if (unmatchable(cols, sideKeys, r)) {
                    emitUnmatched(side, batch.row(r), w, out);
                    continue;
                }
                key.reset();
                RowCodec.writeKey(key, cols, sideKeys, r);
                exact.reset();
                RowCodec.writeRow(exact, cols, r);
                byte[] exactBytes = exact.toArray();
                int row = r;
                byKey.computeIfAbsent(new ByteKey(key.toArray()), k -> new LinkedHashMap<>())
                        .merge(new ByteKey(exactBytes), new DeltaRow(batch.row(row), exactBytes, w), (a, b) -> {
                            a.weight += b.weight;
                            return a;
                        });
            }
        }
        int other = 1 - side;
        for (Map.Entry<ByteKey, Map<ByteKey, DeltaRow>> group : byKey.entrySet()) {
            byte[] joinKey = group.getKey().bytes();
            List<DeltaRow> deltas = group.getValue().values().stream().filter(d -> d.weight != 0).toList();
            if (deltas.isEmpty()) {
                continue;
            }
            List<StoredRow> partners = load(other, joinKey);
            // Residuals are evaluated for a block of changes at a time, so a cross join of large
            // inputs never materialises all its pairs at once.
            int block = Math.max(1, RESIDUAL_PAIRS_PER_BLOCK / Math.max(1, partners.size()));
            for (int from = 0; from < deltas.size(); from += block) {
                ctx.control().check();
                List<DeltaRow> chunk = deltas.subList(from, Math.min(deltas.size(), from + block));
                boolean[] matches = evaluateResidual(side, chunk, partners);
                for (int d = 0; d < chunk.size(); d++) {
                    DeltaRow delta = chunk.get(d);
                    long matched = 0;
                    for (int o = 0; o < partners.size(); o++) {
                        if (matches != null && !matches[d * partners.size() + o]) {
                            continue;
                        }
                        StoredRow p = partners.get(o);
                        matched += p.count;
                        p.matchDelta += delta.weight;
                        if (kind.outputsRight()) {
                            Object[] l = side == LEFT ? delta.values : p.values;
                            Object[] r = side == LEFT ? p.values : delta.values;
                            out.addRow(concat(l, r), delta.weight * p.count);
                        }
                    }
                    emitTransitionForNewRow(side, delta, matched, out);
                    store(side, joinKey, delta, matched);
                }
            }
            for (StoredRow p : partners) {
                if (p.matchDelta != 0) {
                    long before = p.matches;
                    long after = before + p.matchDelta;
                    emitMatchTransition(other, p.values, p.count, before, after, out);
                    ctx.state().put(p.stateKey, new OrderedBytes().writeRawLong(p.count).writeRawLong(after).toArray());
                }
            }
        }
    }

    private boolean unmatchable(List<Column> cols, List<Integer> sideKeys, int row) {
        for (int i = 0; i < sideKeys.size(); i++) {
            if (!node.nullSafe().get(i) && cols.get(sideKeys.get(i)).isNull(row)) {
                return true;
            }
        }
        return false;
    }

    /** A row whose key holds a NULL never matches; it only shows where unmatched rows show. */
    private void emitUnmatched(int side, Object[] values, long w, BatchBuilder out) {
        if (preserved(side)) {
            out.addRow(padded(side, values), w);
        } else if (side == LEFT && kind == JoinKind.ANTI) {
            out.addRow(values, w);
        }
    }

    /** Output for copies of a row being added or removed on {@code side}, given its match count. */
    private void emitTransitionForNewRow(int side, DeltaRow delta, long matched, BatchBuilder out) {
        if (preserved(side) && matched == 0) {
            out.addRow(padded(side, delta.values), delta.weight);
        }
        if (side == LEFT && kind == JoinKind.SEMI && matched != 0) {
            out.addRow(delta.values, delta.weight);
        }
        if (side == LEFT && kind == JoinKind.ANTI && matched == 0) {
            out.addRow(delta.values, delta.weight);
        }
    }

    /** Output for a stored row whose match count changed from {@code before} to {@code after}. */
    private void emitMatchTransition(int side, Object[] values, long count, long before, long after,
            BatchBuilder out) {
        boolean wasMatched = before != 0;
        boolean isMatched = after != 0;
        if (wasMatched == isMatched) {
            return;
        }
        if (preserved(side)) {
            out.addRow(padded(side, values), isMatched ? -count : count);
        }
        if (side == LEFT && kind == JoinKind.SEMI) {
            out.addRow(values, isMatched ? count : -count);
        }
        if (side == LEFT && kind == JoinKind.ANTI) {
            out.addRow(values, isMatched ? -count : count);
        }
    }

    private List<StoredRow> load(int side, byte[] joinKey) {
        byte[] prefix = ByteKey.concat(prefixes[side], joinKey);
        List<StoredRow> rows = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : ctx.state().scan(prefix)) {
            byte[] k = e.getKey();
            OrderedBytes.Reader rowReader = new OrderedBytes.Reader(k, prefix.length, k.length);
            Object[] values = RowCodec.readRow(rowReader, types.get(side));
            OrderedBytes.Reader v = new OrderedBytes.Reader(e.getValue());
            rows.add(new StoredRow(k, values, v.readRawLong(), v.readRawLong()));
        }
        return rows;
    }

    private void store(int side, byte[] joinKey, DeltaRow delta, long matched) {
        byte[] stateKey = new OrderedBytes().writeRaw(prefixes[side]).writeRaw(joinKey).writeRaw(delta.exact).toArray();
        byte[] stored = ctx.state().get(stateKey);
        long count = (stored == null ? 0 : new OrderedBytes.Reader(stored).readRawLong()) + delta.weight;
        if (count == 0) {
            ctx.state().delete(stateKey);
        } else {
            ctx.state().put(stateKey, new OrderedBytes().writeRawLong(count).writeRawLong(matched).toArray());
        }
    }

    /** Residual results for every (delta, partner) pair, row-major by delta; null when there is no residual. */
    private boolean[] evaluateResidual(int side, List<DeltaRow> deltas, List<StoredRow> partners) {
        if (residual == null || partners.isEmpty()) {
            return null;
        }
        int pairs = deltas.size() * partners.size();
        List<DataType> leftTypes = types.get(LEFT);
        List<DataType> rightTypes = types.get(RIGHT);
        List<ColumnBuilder> builders = new ArrayList<>();
        for (DataType t : leftTypes) {
            builders.add(new ColumnBuilder(t, pairs));
        }
        for (DataType t : rightTypes) {
            builders.add(new ColumnBuilder(t, pairs));
        }
        for (DeltaRow d : deltas) {
            for (StoredRow p : partners) {
                Object[] l = side == LEFT ? d.values : p.values;
                Object[] r = side == LEFT ? p.values : d.values;
                for (int i = 0; i < l.length; i++) {
                    builders.get(i).append(l[i]);
                }
                for (int i = 0; i < r.length; i++) {
                    builders.get(l.length + i).append(r[i]);
                }
            }
        }
        List<Column> cols = builders.stream().map(ColumnBuilder::build).toList();
        BoolColumn result = (BoolColumn) residual.eval(EvalInput.of(cols, pairs));
        boolean[] out = new boolean[pairs];
        for (int i = 0; i < pairs; i++) {
            out[i] = result.isTrue(i);
        }
        return out;
    }

    private Object[] padded(int side, Object[] values) {
        int leftSize = types.get(LEFT).size();
        int rightSize = types.get(RIGHT).size();
        Object[] row = new Object[leftSize + rightSize];
        if (side == LEFT) {
            System.arraycopy(values, 0, row, 0, leftSize);
        } else {
            System.arraycopy(values, 0, row, leftSize, rightSize);
        }
        return row;
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
