package io.millrace.executor.operator;

import io.millrace.storage.ByteKey;

import io.millrace.executor.batch.BatchBuilder;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.batch.Column;
import io.millrace.executor.batch.RowCodec;
import io.millrace.executor.expr.Scalars;
import io.millrace.executor.plan.Aggregate;
import io.millrace.executor.plan.AggregateCall;
import io.millrace.executor.plan.AggregateFunction;
import io.millrace.executor.type.DataType;
import io.millrace.common.PgInterval;
import io.millrace.executor.type.TypeKind;
import io.millrace.storage.Keys;
import io.millrace.storage.OrderedBytes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GROUP BY with aggregates that all support retraction. Per group it keeps the row count and,
 * per aggregate, a count and a running sum; MIN and MAX keep every value of the group with its
 * multiplicity in a separate ordered state table (so deleting the minimum finds the next one), as
 * does ARRAY_AGG (whose array lists those values in order), and DISTINCT aggregates keep
 * each distinct value's multiplicity. Each timestamp emits, per changed
 * group, the old output row at -1 and the new one at +1.
 */
final class GroupAggregateOperator implements Operator {
    private final OperatorContext ctx;
    private final Aggregate node;
    private final List<Integer> groupKeys;
    private final List<AggregateCall> calls;
    private final List<DataType> groupTypes;
    private final List<DataType> argTypes;
    private final boolean global;
    private final byte[] groupsPrefix;
    private final byte[][] valuePrefixes;

    GroupAggregateOperator(OperatorContext ctx, Aggregate node) {
        this.ctx = ctx;
        this.node = node;
        this.groupKeys = node.groupKeys();
        this.calls = node.calls();
        this.groupTypes = groupKeys.stream().map(k -> node.input().schema().type(k)).toList();
        this.argTypes = calls.stream()
                .map(c -> c.argument() < 0 ? DataType.BIGINT : node.input().schema().type(c.argument())).toList();
        this.global = groupKeys.isEmpty();
        this.groupsPrefix = ctx.statePrefix(0);
        this.valuePrefixes = new byte[calls.size()][];
        for (int c = 0; c < calls.size(); c++) {
            valuePrefixes[c] = ctx.statePrefix(1 + c);
        }
    }

    /** The aggregation state of one group. */
    private static final class GroupState {
        Object[] groupValues;
        long rows;
        long[] counts;
        Object[] sums;
        long[] trues;
        /** Per call, for numeric sums: how many values have each scale (PostgreSQL's sum shows the largest). */
        java.util.TreeMap<Integer, Long>[] scales;
    }

    private record RowRef(List<Column> columns, int row, long weight) {
    }

    @Override
    public List<ChangeBatch> step(List<List<ChangeBatch>> inputs) {
        Map<ByteKey, List<RowRef>> groups = new LinkedHashMap<>();
        OrderedBytes key = new OrderedBytes();
        for (ChangeBatch batch : inputs.get(0)) {
            List<Column> cols = batch.columns();
            for (int r = 0; r < batch.rowCount(); r++) {
                key.reset();
                RowCodec.writeKey(key, cols, groupKeys, r);
                groups.computeIfAbsent(new ByteKey(key.toArray()), k -> new ArrayList<>())
                        .add(new RowRef(cols, r, batch.weight(r)));
            }
        }
        if (global && groups.isEmpty() && ctx.worker() == 0) {
            groups.put(new ByteKey(new byte[0]), List.of());
        }
        BatchBuilder out = new BatchBuilder(node.schema());
        for (Map.Entry<ByteKey, List<RowRef>> g : groups.entrySet()) {
            byte[] groupKey = g.getKey().bytes();
            byte[] stateKey = ByteKey.concat(groupsPrefix, groupKey);
            byte[] stored = ctx.state().get(stateKey);
            GroupState st = stored == null ? null : decode(stored);
            if (global && st == null && ctx.worker() != 0) {
                continue;
            }
            Object[] before = st != null && (st.rows > 0 || global) ? output(st, groupKey) : null;
            if (st == null) {
                st = newState(g.getValue());
            }
            for (RowRef ref : g.getValue()) {
                apply(st, groupKey, ref);
            }
            Object[] after = st.rows > 0 || global ? output(st, groupKey) : null;
            if (!Arrays.equals(before, after)) {
                if (before != null) {
                    out.addRow(before, -1);
                }
                if (after != null) {
                    out.addRow(after, 1);
                }
            }
            if (st.rows == 0 && !global) {
                ctx.state().delete(stateKey);
            } else {
                ctx.state().put(stateKey, encode(st));
            }
        }
        return out.rowCount() == 0 ? List.of() : List.of(out.build(ctx.allocator()));
    }

    private GroupState newState(List<RowRef> rows) {
        GroupState st = new GroupState();
        st.groupValues = new Object[groupKeys.size()];
        if (!rows.isEmpty()) {
            RowRef first = rows.get(0);
            for (int i = 0; i < groupKeys.size(); i++) {
                st.groupValues[i] = first.columns().get(groupKeys.get(i)).get(first.row());
            }
        }
        st.counts = new long[calls.size()];
        st.sums = new Object[calls.size()];
        st.trues = new long[calls.size()];
        st.scales = newScales();
        return st;
    }

    @SuppressWarnings("unchecked")
    private java.util.TreeMap<Integer, Long>[] newScales() {
        java.util.TreeMap<Integer, Long>[] scales = new java.util.TreeMap[calls.size()];
        for (int c = 0; c < calls.size(); c++) {
            scales[c] = new java.util.TreeMap<>();
        }
        return scales;
    }

    private static void countScale(GroupState st, int c, Object v, long w) {
        if (v instanceof BigDecimal d) {
            long n = st.scales[c].getOrDefault(d.scale(), 0L) + w;
            if (n == 0) {
                st.scales[c].remove(d.scale());
            } else {
                st.scales[c].put(d.scale(), n);
            }
        }
    }

    private void apply(GroupState st, byte[] groupKey, RowRef ref) {
        long w = ref.weight();
        st.rows += w;
        for (int c = 0; c < calls.size(); c++) {
            AggregateCall call = calls.get(c);
            if (call.filter() >= 0) {
                Column f = ref.columns().get(call.filter());
                if (f.isNull(ref.row()) || !((Boolean) f.get(ref.row()))) {
                    continue;
                }
            }
            if (call.function() == AggregateFunction.COUNT_STAR) {
                st.counts[c] += w;
                continue;
            }
            if (call.function() == AggregateFunction.SINGLE_VALUE) {
                // Counts every row, NULL or not: a second row of any kind is the error.
                st.counts[c] += w;
                Object sv = ref.columns().get(call.argument()).get(ref.row());
                if (sv != null) {
                    adjustValueCount(c, groupKey, sv, w);
                }
                continue;
            }
            Object v = ref.columns().get(call.argument()).get(ref.row());
            if (call.function() == AggregateFunction.ARRAY_AGG) {
                // NULLs are elements too.
                st.counts[c] += w;
                adjustElementCount(c, groupKey, v, w);
                continue;
            }
            if (v == null) {
                continue;
            }
            if (isDistinct(call)) {
                applyDistinct(st, c, groupKey, v, w);
                continue;
            }
            st.counts[c] += w;
            switch (call.function()) {
                case SUM, AVG -> {
                    st.sums[c] = addWeighted(st.sums[c], v, w, c);
                    countScale(st, c, v, w);
                }
                case MIN, MAX -> adjustValueCount(c, groupKey, v, w);
                case BOOL_AND, BOOL_OR -> {
                    if ((Boolean) v) {
                        st.trues[c] += w;
                    }
                }
                default -> {
                }
            }
        }
    }

    /** The state-table key of one value of one group for MIN/MAX/DISTINCT of call {@code c}. */
    private byte[] valueKey(int c, byte[] groupKey, Object v) {
        AggregateCall call = calls.get(c);
        OrderedBytes k = new OrderedBytes().writeRaw(valuePrefixes[c]).writeRaw(groupKey);
        OrderedBytes enc = new OrderedBytes();
        RowCodec.writeValue(enc, argTypes.get(c), v, !isDistinct(call));
        byte[] e = enc.toArray();
        if (call.function() == AggregateFunction.MAX) {
            for (int i = 0; i < e.length; i++) {
                e[i] = (byte) ~e[i];
            }
        }
        return k.writeRaw(e).toArray();
    }

    /** MIN and MAX of distinct values are MIN and MAX, so only the other functions track distinctness. */
    private static boolean isDistinct(AggregateCall call) {
        return call.distinct() && call.function() != AggregateFunction.MIN && call.function() != AggregateFunction.MAX;
    }

    private void adjustValueCount(int c, byte[] groupKey, Object v, long w) {
        adjustCount(valueKey(c, groupKey, v), w, Keys::longValue);
    }

    /** Adds {@code w} to the count a state value starts with; {@code value} makes the new value of a count. */
    private void adjustCount(byte[] key, long w, java.util.function.LongFunction<byte[]> value) {
        byte[] old = ctx.state().get(key);
        long n = (old == null ? 0 : Keys.readLongValue(old)) + w;
        if (n == 0) {
            ctx.state().delete(key);
        } else {
            ctx.state().put(key, value.apply(n));
        }
    }

    /**
     * An ARRAY_AGG element: keyed in PostgreSQL's ascending order (NULLs last), then by its
     * exact form; the value holds the count and the exact form, which the key's order part loses.
     */
    private void adjustElementCount(int c, byte[] groupKey, Object v, long w) {
        OrderedBytes key = new OrderedBytes().writeRaw(valuePrefixes[c]).writeRaw(groupKey);
        RowCodec.writeSortValue(key, argTypes.get(c), v, true, false);
        RowCodec.writeValue(key, argTypes.get(c), v, true);
        adjustCount(key.toArray(), w, n -> {
            OrderedBytes val = new OrderedBytes().writeRawLong(n);
            RowCodec.writeValue(val, argTypes.get(c), v, true);
            return val.toArray();
        });
    }

    private void applyDistinct(GroupState st, int c, byte[] groupKey, Object value, long w) {
        // Equal numerics of different scales are one distinct value; use one canonical form of it.
        Object v = value instanceof BigDecimal d ? canonical(d) : value;
        byte[] k = valueKey(c, groupKey, v);
        byte[] old = ctx.state().get(k);
        long before = old == null ? 0 : Keys.readLongValue(old);
        long after = before + w;
        if (after == 0) {
            ctx.state().delete(k);
        } else {
            OrderedBytes val = new OrderedBytes().writeRawLong(after);
            RowCodec.writeValue(val, argTypes.get(c), before > 0 ? decodeDistinctValue(old, c) : v, true);
            ctx.state().put(k, val.toArray());
        }
        AggregateFunction fn = calls.get(c).function();
        if (before <= 0 && after > 0) {
            st.counts[c]++;
            if (fn == AggregateFunction.SUM || fn == AggregateFunction.AVG) {
                st.sums[c] = addWeighted(st.sums[c], v, 1, c);
                countScale(st, c, v, 1);
            } else if ((fn == AggregateFunction.BOOL_AND || fn == AggregateFunction.BOOL_OR) && (Boolean) v) {
                st.trues[c]++;
            }
        } else if (before > 0 && after <= 0) {
            st.counts[c]--;
            if (fn == AggregateFunction.SUM || fn == AggregateFunction.AVG) {
                st.sums[c] = addWeighted(st.sums[c], v, -1, c);
                countScale(st, c, v, -1);
            } else if ((fn == AggregateFunction.BOOL_AND || fn == AggregateFunction.BOOL_OR) && (Boolean) v) {
                st.trues[c]--;
            }
        }
    }

    private static BigDecimal canonical(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** A numeric sum at the largest scale among the values summed, as a sum computed afresh has. */
    private static BigDecimal withScale(GroupState st, int c, BigDecimal sum) {
        return st.scales[c].isEmpty() ? sum : sum.setScale(Math.max(st.scales[c].lastKey(), 0));
    }

    private Object decodeDistinctValue(byte[] stored, int c) {
        OrderedBytes.Reader r = new OrderedBytes.Reader(stored, 8, stored.length);
        return RowCodec.readValue(r, argTypes.get(c), true);
    }

    /** Adds {@code w * v} to a running sum held in the form the call's result needs. */
    private Object addWeighted(Object sum, Object v, long w, int c) {
        if (argTypes.get(c).kind() == TypeKind.INTERVAL) {
            // Intervals sum field by field, as PostgreSQL sums them.
            PgInterval add = PgInterval.fromHeld((String) v).multipliedBy(w);
            return sum == null ? add : ((PgInterval) sum).plus(add);
        }
        TypeKind.Physical acc = accumulatorKind(c);
        switch (acc) {
            case LONG -> {
                long add = Scalars.multiply((Long) v, w, TypeKind.BIGINT);
                return Scalars.add(sum == null ? 0L : (Long) sum, add, TypeKind.BIGINT);
            }
            case DOUBLE -> {
                return (sum == null ? 0.0 : (Double) sum) + ((Number) v).doubleValue() * w;
            }
            default -> {
                BigDecimal d = v instanceof BigDecimal b ? b : BigDecimal.valueOf((Long) v);
                BigDecimal add = d.multiply(BigDecimal.valueOf(w));
                return sum == null ? add : ((BigDecimal) sum).add(add);
            }
        }
    }

    /** How the running sum of call {@code c} is held. */
    private TypeKind.Physical accumulatorKind(int c) {
        AggregateCall call = calls.get(c);
        TypeKind.Physical arg = argTypes.get(c).physical();
        if (call.function() == AggregateFunction.SUM) {
            return call.resultType().physical();
        }
        return arg == TypeKind.Physical.DOUBLE ? TypeKind.Physical.DOUBLE : TypeKind.Physical.DECIMAL;
    }

    private Object[] output(GroupState st, byte[] groupKey) {
        Object[] row = new Object[groupKeys.size() + calls.size()];
        System.arraycopy(st.groupValues, 0, row, 0, groupKeys.size());
        for (int c = 0; c < calls.size(); c++) {
            row[groupKeys.size() + c] = result(st, c, groupKey);
        }
        return row;
    }

    private Object result(GroupState st, int c, byte[] groupKey) {
        AggregateCall call = calls.get(c);
        long n = st.counts[c];
        DataType type = call.resultType();
        switch (call.function()) {
            case COUNT_STAR, COUNT:
                return n;
            case SUM: {
                if (n == 0 || st.sums[c] == null) {
                    return null;
                }
                Object s = st.sums[c];
                if (s instanceof PgInterval interval) {
                    return interval.held();
                }
                return switch (type.physical()) {
                    case LONG -> s;
                    case DOUBLE -> type.kind() == TypeKind.REAL ? (double) (float) (double) (Double) s : s;
                    default -> s instanceof BigDecimal d ? withScale(st, c, d) : BigDecimal.valueOf((Long) s);
                };
            }
            case AVG: {
                if (n == 0) {
                    return null;
                }
                Object s = st.sums[c];
                if (s instanceof PgInterval interval) {
                    return interval.dividedBy(n).held();
                }
                if (type.physical() == TypeKind.Physical.DOUBLE) {
                    double d = ((Number) s).doubleValue() / n;
                    return type.kind() == TypeKind.REAL ? (double) (float) d : d;
                }
                BigDecimal avg = Scalars.divide(withScale(st, c, (BigDecimal) s), BigDecimal.valueOf(n));
                if (type.physical() == TypeKind.Physical.LONG) {
                    return Scalars.decimalToLong(avg, type.kind());
                }
                return avg;
            }
            case SINGLE_VALUE:
                if (n > 1) {
                    throw new io.millrace.common.MillraceException(io.millrace.common.SqlState.CARDINALITY_VIOLATION,
                            "more than one row returned by a subquery used as an expression");
                }
                // fall through: the value, if any, is the group's minimum
            case MIN, MAX: {
                if (n == 0) {
                    return null;
                }
                byte[] prefix = ByteKey.concat(valuePrefixes[c], groupKey);
                Map.Entry<byte[], byte[]> first = ctx.state().first(prefix);
                if (first == null) {
                    return null;
                }
                byte[] k = first.getKey();
                byte[] enc = Arrays.copyOfRange(k, prefix.length, k.length);
                if (call.function() == AggregateFunction.MAX) {
                    for (int i = 0; i < enc.length; i++) {
                        enc[i] = (byte) ~enc[i];
                    }
                }
                return RowCodec.readValue(new OrderedBytes.Reader(enc), argTypes.get(c), true);
            }
            case ARRAY_AGG: {
                if (n == 0) {
                    return null;
                }
                byte[] prefix = ByteKey.concat(valuePrefixes[c], groupKey);
                List<Object> elements = new ArrayList<>();
                for (Map.Entry<byte[], byte[]> e : ctx.state().scan(prefix)) {
                    OrderedBytes.Reader r = new OrderedBytes.Reader(e.getValue());
                    long count = r.readRawLong();
                    Object v = RowCodec.readValue(r, argTypes.get(c), true);
                    for (long i = count; i > 0; i--) {
                        elements.add(v);
                    }
                }
                return java.util.Collections.unmodifiableList(elements);
            }
            case BOOL_AND:
                return n == 0 ? null : st.trues[c] == n;
            case BOOL_OR:
                return n == 0 ? null : st.trues[c] > 0;
            default:
                throw new IllegalStateException(call.function().name());
        }
    }

    private byte[] encode(GroupState st) {
        OrderedBytes b = new OrderedBytes();
        for (int i = 0; i < groupKeys.size(); i++) {
            RowCodec.writeValue(b, groupTypes.get(i), st.groupValues[i], true);
        }
        b.writeRawLong(st.rows);
        for (int c = 0; c < calls.size(); c++) {
            b.writeRawLong(st.counts[c]);
            b.writeRawLong(st.trues[c]);
            Object s = st.sums[c];
            if (s == null) {
                b.writeNull();
            } else if (s instanceof Long l) {
                b.writeByte(0x10).writeRawLong(l);
            } else if (s instanceof Double d) {
                b.writeByte(0x11).writeRawLong(Double.doubleToRawLongBits(d));
            } else if (s instanceof PgInterval interval) {
                b.writeByte(0x13).writeString(interval.held());
            } else {
                b.writeByte(0x12).writeDecimal((BigDecimal) s, true);
            }
            b.writeRawLong(st.scales[c].size());
            for (Map.Entry<Integer, Long> e : st.scales[c].entrySet()) {
                b.writeRawLong(e.getKey()).writeRawLong(e.getValue());
            }
        }
        return b.toArray();
    }

    private GroupState decode(byte[] bytes) {
        OrderedBytes.Reader r = new OrderedBytes.Reader(bytes);
        GroupState st = new GroupState();
        st.groupValues = new Object[groupKeys.size()];
        for (int i = 0; i < groupKeys.size(); i++) {
            st.groupValues[i] = RowCodec.readValue(r, groupTypes.get(i), true);
        }
        st.rows = r.readRawLong();
        st.counts = new long[calls.size()];
        st.sums = new Object[calls.size()];
        st.trues = new long[calls.size()];
        st.scales = newScales();
        for (int c = 0; c < calls.size(); c++) {
            st.counts[c] = r.readRawLong();
            st.trues[c] = r.readRawLong();
            int tag = r.readByte();
            st.sums[c] = switch (tag) {
                case 0x10 -> r.readRawLong();
                case 0x11 -> Double.longBitsToDouble(r.readRawLong());
                case 0x12 -> {
                    r.readNullTag();
                    yield r.readDecimal(true);
                }
                case 0x13 -> {
                    r.readNullTag();
                    yield PgInterval.fromHeld(r.readString());
                }
                default -> null;
            };
            long scaleEntries = r.readRawLong();
            for (long i = 0; i < scaleEntries; i++) {
                st.scales[c].put((int) r.readRawLong(), r.readRawLong());
            }
        }
        return st;
    }
}
