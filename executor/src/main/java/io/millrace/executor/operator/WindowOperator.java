package io.millrace.executor.operator;

import io.millrace.executor.batch.BatchBuilder;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.batch.Column;
import io.millrace.executor.batch.RowCodec;
import io.millrace.executor.expr.ExprCompiler;
import io.millrace.executor.expr.Scalars;
import io.millrace.executor.plan.SortKey;
import io.millrace.executor.plan.Window;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.TypeKind;
import io.millrace.storage.ByteKey;
import io.millrace.storage.OrderedBytes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Window functions kept up to date. Every input row is stored under its partition, in window order
 * (partition key, sort key, then the row itself) with its multiplicity; a timestamp recomputes
 * the partitions its changes touch, before and after applying them, and emits the difference.
 * Stored value: the count, the length of the sort key, then the row's exact encoding.
 */
final class WindowOperator implements Operator {
    private final OperatorContext ctx;
    private final Window node;
    private final List<DataType> inputTypes;
    private final List<DataType> outputTypes;
    private final byte[] prefix;

    WindowOperator(OperatorContext ctx, Window node) {
        this.ctx = ctx;
        this.node = node;
        this.inputTypes = node.input().schema().types();
        this.outputTypes = node.schema().types();
        this.prefix = ctx.statePrefix(0);
    }

    private record Delta(byte[] exactRow, int sortLength, long weight) {
    }

    @Override
    public List<ChangeBatch> step(List<List<ChangeBatch>> inputs) {
        Map<ByteKey, Map<ByteKey, Delta>> byPartition = new LinkedHashMap<>();
        OrderedBytes partition = new OrderedBytes();
        OrderedBytes sort = new OrderedBytes();
        OrderedBytes exact = new OrderedBytes();
        for (ChangeBatch batch : inputs.get(0)) {
            List<Column> cols = batch.columns();
            for (int r = 0; r < batch.rowCount(); r++) {
                partition.reset().writeRaw(prefix);
                for (int k : node.partitionKeys()) {
                    Column c = cols.get(k);
                    RowCodec.writeSortValue(partition, c.type(), c.get(r), true, false);
                }
                sort.reset();
                for (SortKey s : node.ordering()) {
                    Column c = cols.get(s.column());
                    RowCodec.writeSortValue(sort, c.type(), c.get(r), s.ascending(), s.nullsFirst());
                }
                exact.reset();
                RowCodec.writeRow(exact, cols, r);
                // The stored key: partition, sort key, exact row, written once into one buffer.
                int partitionLength = partition.length();
                partition.writeRaw(sort.buffer(), 0, sort.length()).writeRaw(exact.buffer(), 0, exact.length());
                byte[] key = partition.toArray();
                byPartition.computeIfAbsent(new ByteKey(Arrays.copyOf(key, partitionLength)), k -> new LinkedHashMap<>())
                        .merge(new ByteKey(key), new Delta(exact.toArray(), sort.length(), batch.weight(r)),
                                (a, b) -> new Delta(a.exactRow(), a.sortLength(), a.weight() + b.weight()));
            }
        }
        Map<ByteKey, Long> diff = new LinkedHashMap<>();
        for (Map.Entry<ByteKey, Map<ByteKey, Delta>> p : byPartition.entrySet()) {
            if (p.getValue().values().stream().allMatch(d -> d.weight() == 0)) {
                continue;
            }
            byte[] partitionPrefix = p.getKey().bytes();
            outputs(partitionPrefix, diff, -1);
            for (Map.Entry<ByteKey, Delta> d : p.getValue().entrySet()) {
                apply(d.getKey().bytes(), d.getValue());
            }
            outputs(partitionPrefix, diff, 1);
        }
        BatchBuilder out = new BatchBuilder(node.schema());
        for (Map.Entry<ByteKey, Long> e : diff.entrySet()) {
            if (e.getValue() != 0) {
                out.addRow(RowCodec.readRow(new OrderedBytes.Reader(e.getKey().bytes()), outputTypes), e.getValue());
            }
        }
        return out.rowCount() == 0 ? List.of() : List.of(out.build(ctx.allocator()));
    }

    private void apply(byte[] key, Delta d) {
        if (d.weight() == 0) {
            return;
        }
        byte[] stored = ctx.state().get(key);
        long n = (stored == null ? 0 : new OrderedBytes.Reader(stored).readRawLong()) + d.weight();
        if (n == 0) {
            ctx.state().delete(key);
        } else {
            ctx.state().put(key, new OrderedBytes().writeRawLong(n).writeRawLong(d.sortLength())
                    .writeRaw(d.exactRow()).toArray());
        }
    }

    /** Adds the partition's current output rows, each {@code sign} times, to {@code diff}. */
    private void outputs(byte[] partitionPrefix, Map<ByteKey, Long> diff, long sign) {
        List<Object[]> rows = new ArrayList<>();
        List<byte[]> sortKeys = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : ctx.state().scan(partitionPrefix)) {
            OrderedBytes.Reader v = new OrderedBytes.Reader(e.getValue());
            long copies = v.readRawLong();
            int sortLength = (int) v.readRawLong();
            Object[] row = RowCodec.readRow(v, inputTypes);
            byte[] sortKey = Arrays.copyOfRange(e.getKey(), partitionPrefix.length, partitionPrefix.length + sortLength);
            for (long c = 0; c < copies; c++) {
                rows.add(row);
                sortKeys.add(sortKey);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        Object[][] values = compute(rows, sortKeys);
        OrderedBytes out = new OrderedBytes();
        int width = inputTypes.size();
        for (int i = 0; i < rows.size(); i++) {
            Object[] full = Arrays.copyOf(rows.get(i), outputTypes.size());
            for (int c = 0; c < node.calls().size(); c++) {
                full[width + c] = values[c][i];
            }
            out.reset();
            RowCodec.writeRow(out, outputTypes, full);
            diff.merge(new ByteKey(out.toArray()), sign, Long::sum);
        }
    }

    /** Each call's value for each row of one partition, rows in window order. */
    private Object[][] compute(List<Object[]> rows, List<byte[]> sortKeys) {
        int n = rows.size();
        int[] peerStart = new int[n];
        int[] peerEnd = new int[n];
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            boolean samePeer = i > 0 && Arrays.equals(sortKeys.get(i), sortKeys.get(i - 1));
            peerStart[i] = samePeer ? peerStart[i - 1] : i;
            group[i] = i == 0 ? 0 : samePeer ? group[i - 1] : group[i - 1] + 1;
        }
        for (int i = n - 1; i >= 0; i--) {
            peerEnd[i] = i < n - 1 && peerStart[i + 1] == peerStart[i] ? peerEnd[i + 1] : i;
        }
        Object[][] out = new Object[node.calls().size()][];
        for (int c = 0; c < out.length; c++) {
            Window.Call call = node.calls().get(c);
            Object[] v = new Object[n];
            int arg = call.arguments().isEmpty() ? -1 : call.arguments().get(0);
            switch (call.function()) {
                case ROW_NUMBER -> {
                    for (int i = 0; i < n; i++) {
                        v[i] = (long) i + 1;
                    }
                }
                case RANK -> {
                    for (int i = 0; i < n; i++) {
                        v[i] = (long) peerStart[i] + 1;
                    }
                }
                case DENSE_RANK -> {
                    for (int i = 0; i < n; i++) {
                        v[i] = (long) group[i] + 1;
                    }
                }
                case LAG, LEAD -> {
                    long step = call.function() == Window.Function.LAG ? -call.offset() : call.offset();
                    for (int i = 0; i < n; i++) {
                        long j = i + step;
                        v[i] = j >= 0 && j < n ? rows.get((int) j)[arg] : call.fallback();
                    }
                }
                default -> frameValues(call, arg, rows, peerStart, peerEnd, v);
            }
            out[c] = v;
        }
        return out;
    }

    /** Values of an aggregate or FIRST_VALUE/LAST_VALUE over each row's frame. */
    private void frameValues(Window.Call call, int arg, List<Object[]> rows, int[] peerStart, int[] peerEnd,
            Object[] v) {
        int n = rows.size();
        Window.Frame f = call.frame();
        Accumulator running = f.lower() == Window.Frame.UNBOUNDED_PRECEDING ? new Accumulator(call, arg) : null;
        int added = 0;
        for (int i = 0; i < n; i++) {
            int start;
            int end;
            if (f.rows()) {
                start = f.lower() == Window.Frame.UNBOUNDED_PRECEDING ? 0 : (int) Math.max(0, Math.min(n, i + f.lower()));
                end = f.upper() == Window.Frame.UNBOUNDED_FOLLOWING ? n - 1
                        : (int) Math.max(-1, Math.min(n - 1, i + f.upper()));
            } else {
                start = f.lower() == Window.Frame.UNBOUNDED_PRECEDING ? 0 : peerStart[i];
                end = f.upper() == Window.Frame.UNBOUNDED_FOLLOWING ? n - 1 : peerEnd[i];
            }
            if (call.function() == Window.Function.FIRST_VALUE || call.function() == Window.Function.LAST_VALUE) {
                v[i] = start > end ? null
                        : rows.get(call.function() == Window.Function.FIRST_VALUE ? start : end)[arg];
                continue;
            }
            if (running != null) {
                // The frame starts at the partition's start and its end never moves back: add rows as it grows.
                while (added <= end) {
                    running.add(rows.get(added));
                    added++;
                }
                v[i] = running.result();
            } else {
                Accumulator a = new Accumulator(call, arg);
                for (int j = start; j <= end; j++) {
                    a.add(rows.get(j));
                }
                v[i] = a.result();
            }
        }
    }

    /** COUNT, SUM, AVG, MIN or MAX over the rows added so far. */
    private final class Accumulator {
        private final Window.Call call;
        private final int arg;
        private final Comparator<Object> order;
        private long count;
        private Object sum;
        private Object best;

        Accumulator(Window.Call call, int arg) {
            this.call = call;
            this.arg = arg;
            this.order = arg < 0 ? null : ExprCompiler.valueComparator(inputTypes.get(arg));
        }

        void add(Object[] row) {
            if (call.function() == Window.Function.COUNT_STAR) {
                count++;
                return;
            }
            Object x = row[arg];
            if (x == null) {
                return;
            }
            count++;
            switch (call.function()) {
                case SUM, AVG -> sum = addTo(sum, x);
                case MIN -> best = best == null || order.compare(x, best) < 0 ? x : best;
                case MAX -> best = best == null || order.compare(x, best) > 0 ? x : best;
                default -> {
                }
            }
        }

        /** The running sum, held as the call's result type holds numbers (AVG: double or numeric). */
        private Object addTo(Object acc, Object x) {
            TypeKind.Physical kind = call.function() == Window.Function.SUM ? call.type().physical()
                    : call.type().physical() == TypeKind.Physical.DOUBLE ? TypeKind.Physical.DOUBLE
                            : TypeKind.Physical.DECIMAL;
            return switch (kind) {
                case LONG -> Scalars.add(acc == null ? 0L : (Long) acc, (Long) x, TypeKind.BIGINT);
                case DOUBLE -> (acc == null ? 0.0 : (Double) acc) + ((Number) x).doubleValue();
                default -> {
                    BigDecimal d = x instanceof BigDecimal b ? b : x instanceof Long l ? BigDecimal.valueOf(l)
                            : BigDecimal.valueOf(((Number) x).doubleValue());
                    yield acc == null ? d : ((BigDecimal) acc).add(d);
                }
            };
        }

        Object result() {
            DataType type = call.type();
            return switch (call.function()) {
                case COUNT_STAR, COUNT -> count;
                case MIN, MAX -> best;
                case SUM -> sum == null ? null : type.kind() == TypeKind.REAL ? (double) (float) (double) (Double) sum : sum;
                case AVG -> {
                    if (count == 0) {
                        yield null;
                    }
                    if (type.physical() == TypeKind.Physical.DOUBLE) {
                        double d = (Double) sum / count;
                        yield type.kind() == TypeKind.REAL ? (double) (float) d : d;
                    }
                    BigDecimal avg = Scalars.divide((BigDecimal) sum, BigDecimal.valueOf(count));
                    yield type.physical() == TypeKind.Physical.LONG ? Scalars.decimalToLong(avg, type.kind()) : avg;
                }
                default -> throw new IllegalStateException(call.function().name());
            };
        }
    }
}
