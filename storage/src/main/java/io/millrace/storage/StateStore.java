package io.millrace.storage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

/**
 * Operator state for one worker's share of one dataflow: the writes of the timestamp being
 * processed, over a cache of committed state, over the committed state in the {@link Store}.
 * {@link #flushTo(Commit)} moves the pending writes into the timestamp's commit (and the cache);
 * {@link #discard()} forgets them when the timestamp is abandoned. {@link #mark()} and
 * {@link #rollbackTo} undo the pending writes made since a point (a savepoint in a transaction
 * block's overlay, whose writes are never flushed).
 *
 * <p>The cache keeps committed entries read or written before, and remembers which key prefixes
 * it holds completely, so repeated reads of a join key's rows or an aggregate's values do not go to
 * RocksDB. A dataflow created in this process starts with empty state, so its cache is complete
 * from the start and it never reads RocksDB while the cache fits its {@link StateMemory} budget;
 * past the budget the cache is emptied and reads go to RocksDB again. Without a store, the state
 * lives only in memory (a one-shot query or a subscription). Used by one thread at a time.
 */
public final class StateStore {
    private static final byte[] TOMBSTONE = new byte[0];
    /** Rough per-entry overhead of the cache's tree nodes and arrays, for the memory budget. */
    private static final int ENTRY_OVERHEAD = 96;

    private final Store base;
    private final StateMemory memory;
    private final NavigableMap<byte[], byte[]> pending = new TreeMap<>(OrderedBytes::compare);
    /** Committed values known here; TOMBSTONE marks a key known to be absent. */
    private final NavigableMap<byte[], byte[]> cache = new TreeMap<>(OrderedBytes::compare);
    private final Set<ByteKey> completePrefixes = new HashSet<>();
    /**
     * From the first {@link #mark()} until {@link #forgetMarks()}: each pending write with the
     * pending value it replaced, oldest first, so {@link #rollbackTo} can undo writes newest first.
     */
    private final List<Undo> undo = new ArrayList<>();
    private boolean keepingUndo;
    private boolean complete;
    private long cachedBytes;
    private long evictions;

    /** State kept only in memory. */
    public StateStore() {
        this(null, null, true);
    }

    /**
     * @param base the committed state
     * @param memory the budget the cache draws from
     * @param empty whether the committed state is known to be empty (a dataflow created now)
     */
    public StateStore(Store base, StateMemory memory, boolean empty) {
        this.base = base;
        this.memory = memory;
        this.complete = empty || base == null;
    }

    public boolean isPersistent() {
        return base != null;
    }

    public byte[] get(byte[] key) {
        byte[] v = pending.get(key);
        if (v != null) {
            return v == TOMBSTONE ? null : v;
        }
        v = cache.get(key);
        if (v != null) {
            return v == TOMBSTONE ? null : v;
        }
        if (complete || base == null) {
            return null;
        }
        v = base.get(key);
        remember(key, v == null ? TOMBSTONE : v);
        return v;
    }

    public void put(byte[] key, byte[] value) {
        if (base == null) {
            remember(key, value);
        } else {
            putPending(key, value);
        }
    }

    public void delete(byte[] key) {
        if (base == null) {
            uncache(key);
        } else {
            putPending(key, TOMBSTONE);
        }
    }

    private void putPending(byte[] key, byte[] value) {
        byte[] replaced = pending.put(key, value);
        if (keepingUndo) {
            undo.add(new Undo(key, replaced));
        }
    }

    /** A pending write and the pending value it replaced (null: the key had none). */
    private record Undo(byte[] key, byte[] replaced) {
    }

    /** A point in a store's pending writes that {@link #rollbackTo} returns them to. */
    public static final class Mark {
        private final int undoLength;

        private Mark(int undoLength) {
            this.undoLength = undoLength;
        }
    }

    /**
     * The pending writes as they are now, to return to with {@link #rollbackTo} (a transaction
     * block's savepoint over its overlay). From the first mark until {@link #forgetMarks()} each
     * pending write also keeps what it replaced. Only state over a store has pending writes.
     */
    public Mark mark() {
        if (base == null) {
            throw new IllegalStateException("state kept only in memory has no pending writes to mark");
        }
        keepingUndo = true;
        return new Mark(undo.size());
    }

    /** Undoes the pending writes made since {@code mark}; marks made after it are no longer valid. */
    public void rollbackTo(Mark mark) {
        if (!keepingUndo || mark.undoLength > undo.size()) {
            throw new IllegalStateException("the mark is no longer valid");
        }
        for (int i = undo.size() - 1; i >= mark.undoLength; i--) {
            Undo u = undo.remove(i);
            if (u.replaced() == null) {
                pending.remove(u.key());
            } else {
                pending.put(u.key(), u.replaced());
            }
        }
    }

    /** Invalidates every mark and stops keeping what pending writes replace (no savepoint is left). */
    public void forgetMarks() {
        undo.clear();
        keepingUndo = false;
    }

    /** Entries whose key starts with {@code prefix}, in key order (a copy: the caller may write meanwhile). */
    public List<Map.Entry<byte[], byte[]>> scan(byte[] prefix) {
        return scan(prefix, Integer.MAX_VALUE);
    }

    /** Like {@link #scan(byte[])}, stopping after {@code maxEntries} entries. */
    public List<Map.Entry<byte[], byte[]>> scan(byte[] prefix, int maxEntries) {
        List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
        Iterator<Map.Entry<byte[], byte[]>> it = new MergingIterator(range(pending, prefix), committed(prefix));
        while (out.size() < maxEntries && it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    /** The first entry whose key starts with {@code prefix}, or null. */
    public Map.Entry<byte[], byte[]> first(byte[] prefix) {
        List<Map.Entry<byte[], byte[]>> one = scan(prefix, 1);
        return one.isEmpty() ? null : one.get(0);
    }

    private static Iterator<Map.Entry<byte[], byte[]>> range(NavigableMap<byte[], byte[]> map, byte[] prefix) {
        byte[] end = OrderedBytes.prefixEnd(prefix);
        NavigableMap<byte[], byte[]> sub = end == null ? map.tailMap(prefix, true) : map.subMap(prefix, true, end, false);
        return sub.entrySet().iterator();
    }

    /**
     * The committed entries under {@code prefix}: from the cache when it holds them all, else read
     * from the store (and cached; the prefix counts as complete unless the cache was emptied meanwhile).
     */
    private Iterator<Map.Entry<byte[], byte[]>> committed(byte[] prefix) {
        if (complete || completePrefixes.contains(new ByteKey(prefix))) {
            return range(cache, prefix);
        }
        List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>();
        try (KeyValueIterator it = base.scan(prefix)) {
            while (it.next()) {
                entries.add(Map.entry(it.key(), it.value()));
            }
        }
        long before = evictions;
        for (Map.Entry<byte[], byte[]> e : entries) {
            remember(e.getKey(), e.getValue());
        }
        if (evictions == before && !complete) {
            completePrefixes.add(new ByteKey(prefix));
        }
        return entries.iterator();
    }

    /** Adds a committed entry to the cache, within the memory budget. */
    private void remember(byte[] key, byte[] value) {
        byte[] old = cache.put(key, value);
        long delta = key.length + value.length + ENTRY_OVERHEAD
                - (old == null ? 0 : key.length + old.length + ENTRY_OVERHEAD);
        cachedBytes += delta;
        if (memory != null && delta > 0 && !memory.reserve(delta)) {
            cachedBytes -= delta;
            evictAll();
        } else if (memory != null && delta < 0) {
            memory.release(-delta);
        }
    }

    /** Empties the cache: later reads go to the store. Only for persistent state. */
    private void evictAll() {
        if (base == null) {
            return;
        }
        if (memory != null) {
            memory.release(cachedBytes);
        }
        cache.clear();
        completePrefixes.clear();
        complete = false;
        cachedBytes = 0;
        evictions++;
    }

    /** Number of pending writes. */
    public int pendingWrites() {
        return pending.size();
    }

    /** Adds the pending writes to {@code commit}; they stay pending until {@link #committed()}. */
    public void flushTo(Commit commit) {
        for (Map.Entry<byte[], byte[]> e : pending.entrySet()) {
            if (e.getValue() == TOMBSTONE) {
                commit.delete(e.getKey());
            } else {
                commit.put(e.getKey(), e.getValue());
            }
        }
    }

    /** The commit holding the pending writes is durable: they become cached committed state. */
    public void committed() {
        for (Map.Entry<byte[], byte[]> e : pending.entrySet()) {
            if (e.getValue() == TOMBSTONE) {
                // Absent from a complete cache means absent; otherwise the store answers.
                uncache(e.getKey());
            } else {
                remember(e.getKey(), e.getValue());
            }
        }
        pending.clear();
        forgetMarks();
    }

    private void uncache(byte[] key) {
        byte[] old = cache.remove(key);
        if (old != null) {
            long bytes = key.length + old.length + ENTRY_OVERHEAD;
            cachedBytes -= bytes;
            if (memory != null) {
                memory.release(bytes);
            }
        }
    }

    /** Forgets the pending writes (the timestamp failed). */
    public void discard() {
        pending.clear();
        forgetMarks();
    }

    /** Frees this store's share of the memory budget (the dataflow is closing). */
    public void close() {
        if (memory != null) {
            memory.release(cachedBytes);
        }
        cachedBytes = 0;
        cache.clear();
    }

    /** Pending entries over cached ones, key order; pending wins on equal keys; tombstones skipped. */
    private static final class MergingIterator implements Iterator<Map.Entry<byte[], byte[]>> {
        private final Iterator<Map.Entry<byte[], byte[]>> first;
        private final Iterator<Map.Entry<byte[], byte[]>> second;
        private Map.Entry<byte[], byte[]> a;
        private Map.Entry<byte[], byte[]> b;
        private Map.Entry<byte[], byte[]> next;

        MergingIterator(Iterator<Map.Entry<byte[], byte[]>> first, Iterator<Map.Entry<byte[], byte[]>> second) {
            this.first = first;
            this.second = second;
            a = first.hasNext() ? first.next() : null;
            b = second.hasNext() ? second.next() : null;
            computeNext();
        }

        private void computeNext() {
            next = null;
            while (next == null && (a != null || b != null)) {
                int c = a == null ? 1 : b == null ? -1 : OrderedBytes.compare(a.getKey(), b.getKey());
                Map.Entry<byte[], byte[]> candidate;
                if (c <= 0) {
                    candidate = a;
                    a = first.hasNext() ? first.next() : null;
                    if (c == 0) {
                        b = second.hasNext() ? second.next() : null;
                    }
                } else {
                    candidate = b;
                    b = second.hasNext() ? second.next() : null;
                }
                if (candidate.getValue() != TOMBSTONE) {
                    next = Map.entry(candidate.getKey(), candidate.getValue());
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
    }
}
