package io.millrace.storage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Operator state for one worker's share of one dataflow: the writes of the timestamp being
 * processed, held in memory over the last committed state in the {@link Store}. Reads see the
 * pending writes first. {@link #flushTo(Commit)} moves the pending writes into the timestamp's
 * commit; {@link #discard()} forgets them when the timestamp is abandoned.
 *
 * <p>Without a store the state lives only in memory, which is how a one-shot query runs.
 * Used by one thread at a time.
 */
public final class StateStore {
    private static final byte[] TOMBSTONE = new byte[0];

    private final Store base;
    private final NavigableMap<byte[], byte[]> pending = new TreeMap<>(OrderedBytes::compare);

    /** @param base the committed state, or null for state kept only in memory */
    public StateStore(Store base) {
        this.base = base;
    }

    public boolean isPersistent() {
        return base != null;
    }

    public byte[] get(byte[] key) {
        byte[] v = pending.get(key);
        if (v != null) {
            return v == TOMBSTONE ? null : v;
        }
        return base == null ? null : base.get(key);
    }

    public void put(byte[] key, byte[] value) {
        pending.put(key, value);
    }

    public void delete(byte[] key) {
        if (base == null) {
            pending.remove(key);
        } else {
            pending.put(key, TOMBSTONE);
        }
    }

    /**
     * Entries whose key starts with {@code prefix}, in key order. The list is a copy, so the
     * caller may write while going through it.
     */
    public List<Map.Entry<byte[], byte[]>> scan(byte[] prefix) {
        return scan(prefix, Integer.MAX_VALUE);
    }

    /** Like {@link #scan(byte[])}, stopping after {@code maxEntries} entries. */
    public List<Map.Entry<byte[], byte[]>> scan(byte[] prefix, int maxEntries) {
        List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
        Iterator<Map.Entry<byte[], byte[]>> it = iterate(prefix);
        while (out.size() < maxEntries && it.hasNext()) {
            out.add(it.next());
        }
        if (it instanceof MergingIterator m) {
            m.close();
        }
        return out;
    }

    /** The first entry whose key starts with {@code prefix}, or null. */
    public Map.Entry<byte[], byte[]> first(byte[] prefix) {
        Iterator<Map.Entry<byte[], byte[]>> it = iterate(prefix);
        Map.Entry<byte[], byte[]> e = it.hasNext() ? it.next() : null;
        if (it instanceof MergingIterator m) {
            m.close();
        }
        return e;
    }

    private Iterator<Map.Entry<byte[], byte[]>> iterate(byte[] prefix) {
        byte[] end = OrderedBytes.prefixEnd(prefix);
        NavigableMap<byte[], byte[]> range = end == null ? pending.tailMap(prefix, true)
                : pending.subMap(prefix, true, end, false);
        if (base == null) {
            // Copies, because TreeMap entries change when their key is written again.
            return range.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).iterator();
        }
        return new MergingIterator(range.entrySet().iterator(), base.scan(prefix));
    }

    /** Number of pending writes. */
    public int pendingWrites() {
        return pending.size();
    }

    /** Adds the pending writes to {@code commit} and starts the next timestamp with none. */
    public void flushTo(Commit commit) {
        for (Map.Entry<byte[], byte[]> e : pending.entrySet()) {
            if (e.getValue() == TOMBSTONE) {
                commit.delete(e.getKey());
            } else {
                commit.put(e.getKey(), e.getValue());
            }
        }
        pending.clear();
    }

    /** Forgets the pending writes (the timestamp failed). For in-memory state, forgets everything. */
    public void discard() {
        pending.clear();
    }

    /** Pending entries (tombstones skipped) merged with committed ones; pending wins on equal keys. */
    private static final class MergingIterator implements Iterator<Map.Entry<byte[], byte[]>> {
        private final Iterator<Map.Entry<byte[], byte[]>> pendingIt;
        private final KeyValueIterator baseIt;
        private Map.Entry<byte[], byte[]> nextPending;
        private byte[] baseKey;
        private byte[] baseValue;
        private Map.Entry<byte[], byte[]> next;
        private boolean closed;

        MergingIterator(Iterator<Map.Entry<byte[], byte[]>> pendingIt, KeyValueIterator baseIt) {
            this.pendingIt = pendingIt;
            this.baseIt = baseIt;
            advancePending();
            advanceBase();
            computeNext();
        }

        private void advancePending() {
            nextPending = pendingIt.hasNext() ? pendingIt.next() : null;
        }

        private void advanceBase() {
            if (!closed && baseIt.next()) {
                baseKey = baseIt.key();
                baseValue = baseIt.value();
            } else {
                baseKey = null;
                baseValue = null;
                close();
            }
        }

        private void computeNext() {
            next = null;
            while (next == null && (nextPending != null || baseKey != null)) {
                int c = nextPending == null ? 1 : baseKey == null ? -1
                        : OrderedBytes.compare(nextPending.getKey(), baseKey);
                if (c <= 0) {
                    Map.Entry<byte[], byte[]> p = nextPending;
                    advancePending();
                    if (c == 0) {
                        advanceBase();
                    }
                    if (p.getValue() != TOMBSTONE) {
                        next = Map.entry(p.getKey(), p.getValue());
                    }
                } else {
                    next = Map.entry(baseKey, baseValue);
                    advanceBase();
                }
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Map.Entry<byte[], byte[]> next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Map.Entry<byte[], byte[]> e = next;
            computeNext();
            return e;
        }

        void close() {
            if (!closed) {
                closed = true;
                baseIt.close();
            }
        }
    }
}
