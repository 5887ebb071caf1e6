package io.millrace.server.engine;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.server.catalog.Catalog;
import io.millrace.server.catalog.CatalogEntry;
import io.millrace.server.catalog.ObjectKind;
import io.millrace.server.catalog.SequenceDefinition;
import io.millrace.server.catalog.SequenceState;
import io.millrace.storage.Commit;
import io.millrace.storage.Keys;
import io.millrace.storage.OrderedBytes;
import io.millrace.storage.Store;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The value of every sequence, shared by all sessions. A value nextval hands out is never handed
 * out again, even after a crash: before a value beyond the last one stored is handed out, the
 * state {@link #LOG_AHEAD} values further on is written durably (PostgreSQL logs 32 values ahead
 * too), so a crash skips at most those, and a clean shutdown stores each sequence's exact state,
 * so a restart skips nothing. While values are taken faster than one store a second (a bulk
 * load), each store reaches twice as far as the last, up to {@link #MAX_LOG_AHEAD}, so a load
 * waits for few disk syncs and a crash skips at most that many. As in PostgreSQL, values are not transactional: a ROLLBACK does not
 * take one back. Each sequence has its own lock, and its state is written only under it, straight
 * to the store rather than through the coordinator's commits (nextval runs inside them, and in
 * queries outside them), except that the commit creating a sequence stores its first state.
 */
public final class SequenceCounters implements AutoCloseable {
    private static final long LOG_AHEAD = 32;
    private static final long MAX_LOG_AHEAD = 4096;
    private static final long FAST_NANOS = 1_000_000_000L;

    private final Store store;
    private final Map<Long, Counter> counters = new ConcurrentHashMap<>();

    /** One sequence's state: the last value handed out (or, not yet called, the next one). */
    private final class Counter {
        final long id;
        final String name;
        final SequenceDefinition definition;
        long last;
        boolean called;
        /** How many more values may be handed out before the stored state must move on. */
        long unlogged;
        /** How many values the last store reached ahead, and when it was made. */
        long loggedAhead;
        long loggedAt;
        boolean dropped;

        Counter(long id, String name, SequenceDefinition definition, long last, boolean called) {
            this.id = id;
            this.name = name;
            this.definition = definition;
            this.last = last;
            this.called = called;
        }

        synchronized long[] take(long count) {
            check();
            long[] values = new long[(int) Math.min(count, Integer.MAX_VALUE)];
            int taken = 0;
            while (taken < values.length) {
                Long next = called ? definition.after(last) : Long.valueOf(last);
                if (next == null) {
                    break;
                }
                if (unlogged == 0) {
                    long now = System.nanoTime();
                    loggedAhead = loggedAhead > 0 && now - loggedAt < FAST_NANOS
                            ? Math.min(loggedAhead * 2, MAX_LOG_AHEAD) : LOG_AHEAD;
                    loggedAt = now;
                    logAhead(Math.max(loggedAhead, values.length - taken));
                }
                last = next;
                called = true;
                unlogged--;
                values[taken++] = next;
            }
            if (taken == 0) {
                boolean up = definition.increment() > 0;
                throw new MillraceException(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED, "nextval: reached "
                        + (up ? "maximum" : "minimum") + " value of sequence \"" + name + "\" ("
                        + (up ? definition.maxValue() : definition.minValue()) + ")");
            }
            return taken == values.length ? values : Arrays.copyOf(values, taken);
        }

        /** Stores the state {@code ahead} values on, so that they may be handed out. */
        private void logAhead(long ahead) {
            long value = last;
            boolean isCalled = called;
            long available = 0;
            while (available < ahead) {
                Long next = isCalled ? definition.after(value) : Long.valueOf(value);
                if (next == null) {
                    break;
                }
                value = next;
                isCalled = true;
                available++;
            }
            store(value, isCalled);
            unlogged = available;
        }

        synchronized void set(long value, boolean isCalled) {
            check();
            if (value < definition.minValue() || value > definition.maxValue()) {
                throw new MillraceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "setval: value " + value
                        + " is out of bounds for sequence \"" + name + "\" (" + definition.minValue() + ".."
                        + definition.maxValue() + ")");
            }
            last = value;
            called = isCalled;
            store(value, isCalled);
            unlogged = 0;
        }

        synchronized void drop() {
            dropped = true;
            try (Commit c = store.newCommit()) {
                c.delete(key(id));
                store.write(c);
            }
        }

        /** Stores the exact state (a clean shutdown: nothing is skipped after it). */
        synchronized void storeExact() {
            if (!dropped) {
                store(last, called);
            }
        }

        private void check() {
            if (dropped) {
                throw new MillraceException(SqlState.UNDEFINED_TABLE, "sequence \"" + name + "\" does not exist");
            }
        }

        private void store(long value, boolean isCalled) {
            try (Commit c = store.newCommit()) {
                c.put(key(id), state(value, isCalled));
                store.write(c);
            }
        }
    }

    private SequenceCounters(Store store) {
        this.store = store;
    }

    /** The counters of the sequences in {@code catalog}, in the state {@code store} holds. */
    public static SequenceCounters load(Store store, Catalog.Version catalog) {
        SequenceCounters counters = new SequenceCounters(store);
        for (CatalogEntry e : catalog.entries()) {
            if (e.kind() == ObjectKind.SEQUENCE) {
                // The commit that created the sequence stored its first state with its entry.
                byte[] stored = store.get(key(e.id()));
                OrderedBytes.Reader r = new OrderedBytes.Reader(stored);
                r.readNullTag();
                long last = r.readLong();
                r.readNullTag();
                counters.add(e, last, r.readBoolean());
            }
        }
        return counters;
    }

    private void add(CatalogEntry sequence, long last, boolean called) {
        counters.put(sequence.id(), new Counter(sequence.id(), sequence.name(), sequence.sequence(), last, called));
    }

    private static byte[] key(long id) {
        return Keys.meta("sequence:" + id);
    }

    private static byte[] state(long last, boolean called) {
        return new OrderedBytes(16).writeLong(last).writeBoolean(called).toArray();
    }

    /** Adds to the commit creating {@code sequence} its first state, and makes it usable once committed. */
    public void create(WriteContext ctx, CatalogEntry sequence) {
        ctx.commit().put(key(sequence.id()), state(sequence.sequence().start(), false));
        ctx.onCommit(() -> add(sequence, sequence.sequence().start(), false));
    }

    /** Adds to the commit dropping sequence {@code id} the removal of its state, and forgets it once committed. */
    public void drop(WriteContext ctx, long id) {
        ctx.commit().delete(key(id));
        ctx.onCommit(() -> {
            Counter c = counters.remove(id);
            if (c != null) {
                c.drop();
            }
        });
    }

    /** Whether sequence {@code id} exists. */
    public boolean exists(long id) {
        return counters.containsKey(id);
    }

    /** The name of sequence {@code id}, for messages. */
    public String name(long id) {
        return counter(id).name;
    }

    /** What sequence {@code id} is. */
    public SequenceDefinition definition(long id) {
        return counter(id).definition;
    }

    /** The next {@code count} values of sequence {@code id} (fewer when it reaches its end; 2200H when it is there). */
    public long[] take(long id, long count) {
        return counter(id).take(count);
    }

    /** setval: the next value is the one after {@code value}, or it itself when not {@code called}. */
    public void set(long id, long value, boolean called) {
        counter(id).set(value, called);
    }

    /** Where sequence {@code id} stands. */
    public SequenceState state(long id) {
        Counter c = counter(id);
        synchronized (c) {
            return new SequenceState(c.last, c.unlogged, c.called);
        }
    }

    private Counter counter(long id) {
        Counter c = counters.get(id);
        if (c == null) {
            throw new MillraceException(SqlState.UNDEFINED_TABLE,
                    "could not open relation with OID " + (io.millrace.server.catalog.SystemCatalog.FIRST_USER_OID + id));
        }
        return c;
    }

    /** Stores every sequence's exact state, so the next start skips no value. */
    @Override
    public void close() {
        counters.values().forEach(Counter::storeExact);
    }
}
