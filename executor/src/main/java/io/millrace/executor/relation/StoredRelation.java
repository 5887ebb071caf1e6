package io.millrace.executor.relation;

import static java.util.Objects.requireNonNull;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.BatchBuilder;
import io.millrace.executor.batch.ChangeBatch;
import io.millrace.executor.batch.Column;
import io.millrace.executor.batch.RowCodec;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.RowSchema;
import io.millrace.storage.ByteKey;
import io.millrace.storage.KeyValueIterator;
import io.millrace.storage.Keys;
import io.millrace.storage.OrderedBytes;
import io.millrace.storage.StateStore;
import io.millrace.storage.StoreSnapshot;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The stored rows of a table or materialized view. Without a primary key a relation is a multiset:
 * key = the row's exact encoding, value = its count. With one, key = the primary key (key
 * encoding), value = count 1 and the row's exact encoding. A table's unique indexes are kept with
 * its rows ({@link UniqueIndex}).
 */
public final class StoredRelation {
    private final long id;
    private final String name;
    private final RowSchema schema;
    private final List<Integer> primaryKey;
    private final List<UniqueIndex> uniqueIndexes;
    private final List<DataType> types;
    private final byte[] prefix;

    /** @param uniqueIndexes a table's unique indexes, in the order PostgreSQL checks them (creation) */
    public StoredRelation(long id, String name, RowSchema schema, List<Integer> primaryKey,
            List<UniqueIndex> uniqueIndexes) {
        this.id = id;
        this.name = requireNonNull(name, "name is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.primaryKey = List.copyOf(primaryKey);
        this.uniqueIndexes = List.copyOf(uniqueIndexes);
        this.types = schema.types();
        this.prefix = Keys.relation(id);
    }

    public long id() {
        return id;
    }

    public RowSchema schema() {
        return schema;
    }

    public List<Integer> primaryKey() {
        return primaryKey;
    }

    /** The key prefix of all this relation's rows. */
    public byte[] prefix() {
        return prefix;
    }

    /** The key a row is stored under; a scan reads rows in the order of these keys. */
    public byte[] storageKey(Object[] row) {
        OrderedBytes k = new OrderedBytes().writeRaw(prefix);
        if (primaryKey.isEmpty()) {
            RowCodec.writeRow(k, types, row);
        } else {
            for (int c : primaryKey) {
                RowCodec.writeValue(k, types.get(c), row[c], false);
            }
        }
        return k.toArray();
    }

    /** Reads every row of a snapshot as insert batches of at most {@code batchSize} rows. */
    public List<ChangeBatch> read(StoreSnapshot snapshot, BufferAllocator allocator, int batchSize) {
        List<ChangeBatch> out = new ArrayList<>();
        try (KeyValueIterator it = snapshot.scan(prefix)) {
            BatchBuilder b = new BatchBuilder(schema, Math.min(batchSize, 1024));
            while (it.next()) {
                decodeInto(it.key(), it.value(), b);
                if (b.rowCount() >= batchSize) {
                    out.add(b.build(allocator));
                    b = new BatchBuilder(schema, batchSize);
                }
            }
            if (b.rowCount() > 0) {
                out.add(b.build(allocator));
            }
        } catch (RuntimeException e) {
            out.forEach(ChangeBatch::close);
            throw e;
        }
        return out;
    }

    /** Reads every row as seen through {@code state} (committed rows plus pending writes). */
    public List<ChangeBatch> read(StateStore state, BufferAllocator allocator, int batchSize) {
        List<ChangeBatch> out = new ArrayList<>();
        BatchBuilder b = new BatchBuilder(schema, Math.min(batchSize, 1024));
        for (Map.Entry<byte[], byte[]> e : state.scan(prefix)) {
            decodeInto(e.getKey(), e.getValue(), b);
            if (b.rowCount() >= batchSize) {
                out.add(b.build(allocator));
                b = new BatchBuilder(schema, batchSize);
            }
        }
        if (b.rowCount() > 0) {
            out.add(b.build(allocator));
        }
        return out;
    }

    /** Visits the rows of a snapshot: internal values and how many copies. */
    public void forEachRow(StoreSnapshot snapshot, RowVisitor visitor) {
        try (KeyValueIterator it = snapshot.scan(prefix)) {
            while (it.next()) {
                OrderedBytes.Reader v = new OrderedBytes.Reader(it.value());
                long count = v.readRawLong();
                Object[] row = primaryKey.isEmpty()
                        ? RowCodec.readRow(new OrderedBytes.Reader(it.key(), prefix.length, it.key().length), types)
                        : RowCodec.readRow(v, types);
                visitor.visit(row, count);
            }
        }
    }

    /** Receives stored rows. */
    @FunctionalInterface
    public interface RowVisitor {
        void visit(Object[] row, long count);
    }

    /** The row with this primary key (internal values), read through {@code state}; null if none. */
    public Object[] lookup(StateStore state, Object[] keyValues) {
        OrderedBytes k = new OrderedBytes().writeRaw(prefix);
        for (int i = 0; i < primaryKey.size(); i++) {
            RowCodec.writeValue(k, types.get(primaryKey.get(i)), keyValues[i], false);
        }
        byte[] v = state.get(k.toArray());
        if (v == null) {
            return null;
        }
        OrderedBytes.Reader r = new OrderedBytes.Reader(v);
        r.readRawLong();
        return RowCodec.readRow(r, types);
    }

    /** Reads the row at point lookup from a snapshot; null if none. */
    public Object[] lookup(StoreSnapshot snapshot, Object[] keyValues) {
        OrderedBytes k = new OrderedBytes().writeRaw(prefix);
        for (int i = 0; i < primaryKey.size(); i++) {
            RowCodec.writeValue(k, types.get(primaryKey.get(i)), keyValues[i], false);
        }
        byte[] v = snapshot.get(k.toArray());
        if (v == null) {
            return null;
        }
        OrderedBytes.Reader r = new OrderedBytes.Reader(v);
        r.readRawLong();
        return RowCodec.readRow(r, types);
    }

    private void decodeInto(byte[] key, byte[] value, BatchBuilder b) {
        OrderedBytes.Reader v = new OrderedBytes.Reader(value);
        long count = v.readRawLong();
        Object[] row = primaryKey.isEmpty()
                ? RowCodec.readRow(new OrderedBytes.Reader(key, prefix.length, key.length), types)
                : RowCodec.readRow(v, types);
        b.addRow(row, count);
    }

    /**
     * Applies a net change (a materialized view's) to the stored rows, reading and writing through
     * {@code state} (the pending writes of the current timestamp). A net change has no order, so for
     * a keyed relation removals apply before additions.
     */
    public void apply(List<ChangeBatch> changes, StateStore state) {
        if (primaryKey.isEmpty()) {
            applyMultiset(changes, state);
        } else {
            applyKeyed(changes, state);
        }
    }

    private void applyMultiset(List<ChangeBatch> changes, StateStore state) {
        Map<ByteKey, Long> deltas = new LinkedHashMap<>();
        OrderedBytes k = new OrderedBytes();
        for (ChangeBatch batch : changes) {
            List<Column> cols = batch.columns();
            for (int r = 0; r < batch.rowCount(); r++) {
                k.reset().writeRaw(prefix);
                RowCodec.writeRow(k, cols, r);
                deltas.merge(new ByteKey(k.toArray()), batch.weight(r), Long::sum);
            }
        }
        for (Map.Entry<ByteKey, Long> d : deltas.entrySet()) {
            if (d.getValue() == 0) {
                continue;
            }
            byte[] key = d.getKey().bytes();
            byte[] old = state.get(key);
            long n = (old == null ? 0 : Keys.readLongValue(old)) + d.getValue();
            if (n < 0) {
                throw new MillraceException(SqlState.INTERNAL_ERROR,
                        "relation " + name + " would hold a row a negative number of times");
            }
            if (n == 0) {
                state.delete(key);
            } else {
                state.put(key, Keys.longValue(n));
            }
        }
    }

    private void applyKeyed(List<ChangeBatch> changes, StateStore state) {
        Map<ByteKey, List<Object[]>> removals = new LinkedHashMap<>();
        Map<ByteKey, List<Object[]>> additions = new LinkedHashMap<>();
        OrderedBytes k = new OrderedBytes();
        for (ChangeBatch batch : changes) {
            List<Column> cols = batch.columns();
            for (int r = 0; r < batch.rowCount(); r++) {
                long w = batch.weight(r);
                k.reset().writeRaw(prefix);
                RowCodec.writeKey(k, cols, primaryKey, r);
                ByteKey key = new ByteKey(k.toArray());
                Object[] row = batch.row(r);
                for (long i = 0; i < Math.abs(w); i++) {
                    (w < 0 ? removals : additions).computeIfAbsent(key, x -> new ArrayList<>()).add(row);
                }
            }
        }
        for (Map.Entry<ByteKey, List<Object[]>> e : removals.entrySet()) {
            if (e.getValue().size() > 1 || state.get(e.getKey().bytes()) == null) {
                throw new MillraceException(SqlState.INTERNAL_ERROR,
                        "relation " + name + ": removed a row that is not stored");
            }
            state.delete(e.getKey().bytes());
        }
        for (Map.Entry<ByteKey, List<Object[]>> e : additions.entrySet()) {
            if (e.getValue().size() > 1 || state.get(e.getKey().bytes()) != null) {
                // A view's key holds by how it is derived; this is a bug, reported as a key would be.
                throw duplicateKey(e.getValue().get(0), ZoneOffset.UTC);
            }
            OrderedBytes v = new OrderedBytes().writeRawLong(1);
            RowCodec.writeRow(v, types, e.getValue().get(0));
            state.put(e.getKey().bytes(), v.toArray());
        }
    }

    /**
     * Applies the changes one statement makes to a table, one row at a time and in order, checking
     * the keys as PostgreSQL does for constraints that are not deferrable: an updated row's old
     * version (its -1) goes before its new one (+1) comes, and each row added must not meet a row
     * stored at that moment under its primary key or under any unique index's key (23505, with the
     * key's values as text, timestamptz in {@code zone}). So an UPDATE that moves a key onto one a
     * later row still holds fails, even if that row would have moved on too.
     */
    public void applyStatement(List<ChangeBatch> changes, StateStore state, ZoneId zone) {
        for (ChangeBatch batch : changes) {
            for (int r = 0; r < batch.rowCount(); r++) {
                long w = batch.weight(r);
                Object[] row = batch.row(r);
                if (w < 0) {
                    remove(storageKey(row), row, -w, state);
                } else if (w > 0) {
                    add(storageKey(row), row, w, state, zone);
                }
            }
        }
    }

    private void remove(byte[] key, Object[] row, long copies, StateStore state) {
        byte[] old = state.get(key);
        long stored = old == null ? 0 : primaryKey.isEmpty() ? Keys.readLongValue(old)
                // Under its key may be another row: one this statement updated already.
                : Arrays.equals(old, keyedValue(row)) ? 1 : 0;
        if (stored < copies) {
            throw new MillraceException(SqlState.INTERNAL_ERROR,
                    "relation " + name + ": removed a row that is not stored");
        }
        if (stored == copies) {
            state.delete(key);
        } else {
            state.put(key, Keys.longValue(stored - copies));
        }
        // A row with an index entry is stored once (the index is unique), so its entry goes with it.
        for (UniqueIndex index : uniqueIndexes) {
            byte[] entry = index.key(row);
            if (entry != null) {
                state.delete(entry);
            }
        }
    }

    private void add(byte[] key, Object[] row, long copies, StateStore state, ZoneId zone) {
        byte[] old = state.get(key);
        if (!primaryKey.isEmpty() && (copies > 1 || old != null)) {
            throw duplicateKey(row, zone);
        }
        byte[][] entries = new byte[uniqueIndexes.size()][];
        for (int i = 0; i < entries.length; i++) {
            UniqueIndex index = uniqueIndexes.get(i);
            entries[i] = index.key(row);
            if (entries[i] != null && (copies > 1 || state.get(entries[i]) != null)) {
                throw index.alreadyExists(row, zone);
            }
        }
        state.put(key, primaryKey.isEmpty() ? Keys.longValue((old == null ? 0 : Keys.readLongValue(old)) + copies)
                : keyedValue(row));
        for (byte[] entry : entries) {
            if (entry != null) {
                state.put(entry, key);
            }
        }
    }

    /** What a keyed relation stores under a row's key: count 1 and the row's exact encoding. */
    private byte[] keyedValue(Object[] row) {
        OrderedBytes v = new OrderedBytes().writeRawLong(1);
        RowCodec.writeRow(v, types, row);
        return v.toArray();
    }

    /**
     * Fills a new unique index with an entry for each row stored now (as seen through {@code
     * state}), replacing any entries it has; fails as PostgreSQL's CREATE UNIQUE INDEX does when
     * two rows share a key.
     */
    public void fillIndex(UniqueIndex index, StateStore state, ZoneId zone) {
        for (Map.Entry<byte[], byte[]> e : state.scan(index.prefix())) {
            state.delete(e.getKey());
        }
        for (Map.Entry<byte[], byte[]> e : state.scan(prefix)) {
            OrderedBytes.Reader v = new OrderedBytes.Reader(e.getValue());
            long count = v.readRawLong();
            Object[] row = primaryKey.isEmpty()
                    ? RowCodec.readRow(new OrderedBytes.Reader(e.getKey(), prefix.length, e.getKey().length), types)
                    : RowCodec.readRow(v, types);
            byte[] entry = index.key(row);
            if (entry == null) {
                continue;
            }
            if (count > 1 || state.get(entry) != null) {
                throw index.duplicated(row, zone);
            }
            state.put(entry, e.getKey());
        }
    }

    private MillraceException duplicateKey(Object[] row, ZoneId zone) {
        return new MillraceException(SqlState.UNIQUE_VIOLATION,
                "duplicate key value violates unique constraint \"" + name + "_pkey\"", 0,
                KeyDescription.of(schema, primaryKey, row, zone) + " already exists.", null, null);
    }
}
