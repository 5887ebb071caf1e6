package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.expr.SequenceFunctions;
import io.millrace.server.catalog.CatalogEntry;
import io.millrace.server.catalog.ObjectKind;
import io.millrace.server.catalog.SystemCatalog;
import io.millrace.server.engine.SequenceCounters;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A session's side of the sequences: the last value nextval gave it of each (currval), which
 * sequence that was last (lastval), and the values it took ahead of need from a sequence with a
 * CACHE above 1, which no other session gets (and which are lost when the session ends, as in
 * PostgreSQL). Called from worker threads, so every method is synchronized.
 */
final class SessionSequences implements SequenceFunctions {
    private final ServerContext server;
    private final Map<Long, Long> current = new HashMap<>();
    private final Map<Long, ArrayDeque<Long>> cached = new HashMap<>();
    private Long lastUsed;

    SessionSequences(ServerContext server) {
        this.server = server;
    }

    /** The sequence an oid names, failing as PostgreSQL does when it names none or something else. */
    private long sequenceId(long oid) {
        long id = oid - SystemCatalog.FIRST_USER_OID;
        if (server.sequences().exists(id)) {
            return id;
        }
        CatalogEntry e = server.catalog().current().get(id);
        if (e != null && e.kind() != ObjectKind.SEQUENCE) {
            throw new MillraceException(SqlState.WRONG_OBJECT_TYPE, "\"" + e.name() + "\" is not a sequence");
        }
        throw new MillraceException(SqlState.UNDEFINED_TABLE, "could not open relation with OID " + oid);
    }

    @Override
    public synchronized long nextval(long oid) {
        long id = sequenceId(oid);
        SequenceCounters sequences = server.sequences();
        ArrayDeque<Long> ahead = cached.get(id);
        long value;
        if (ahead != null && !ahead.isEmpty()) {
            value = ahead.poll();
        } else {
            long[] taken = sequences.take(id, sequences.definition(id).cache());
            value = taken[0];
            if (taken.length > 1) {
                ahead = new ArrayDeque<>(taken.length - 1);
                for (int i = 1; i < taken.length; i++) {
                    ahead.add(taken[i]);
                }
                cached.put(id, ahead);
            }
        }
        current.put(id, value);
        lastUsed = id;
        return value;
    }

    @Override
    public synchronized long currval(long oid) {
        long id = sequenceId(oid);
        Long value = current.get(id);
        if (value == null) {
            throw new MillraceException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "currval of sequence \""
                    + server.sequences().name(id) + "\" is not yet defined in this session");
        }
        return value;
    }

    @Override
    public synchronized long setval(long oid, long value, boolean isCalled) {
        long id = sequenceId(oid);
        server.sequences().set(id, value, isCalled);
        // As in PostgreSQL: currval follows only a value counted as returned, and cached values are forgotten.
        if (isCalled) {
            current.put(id, value);
        }
        cached.remove(id);
        return value;
    }

    @Override
    public synchronized long lastval() {
        if (lastUsed == null) {
            throw new MillraceException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "lastval is not yet defined in this session");
        }
        if (!server.sequences().exists(lastUsed)) {
            throw new MillraceException(SqlState.UNDEFINED_TABLE, "could not open relation with OID "
                    + (SystemCatalog.FIRST_USER_OID + lastUsed));
        }
        return current.get(lastUsed);
    }
}
