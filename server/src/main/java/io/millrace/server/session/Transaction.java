package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.pgwire.PgSession.TransactionStatus;
import io.millrace.storage.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The state of a session's transaction block. Writes inside a block are held here and applied
 * together at COMMIT, at one timestamp, so views see all of them or none. Meanwhile their table
 * changes are kept in an overlay over the committed tables, which the block's own statements read.
 * Savepoints mark points in the block that ROLLBACK TO returns the writes and the overlay to.
 */
final class Transaction {
    private boolean open;
    private boolean failed;
    private final List<WriteStatements.PendingWrite> writes = new ArrayList<>();
    private StateStore overlay;
    /** Oldest first; a name may be used more than once, and the newest of a name is the one named. */
    private final List<Savepoint> savepoints = new ArrayList<>();

    /**
     * A point in the block: how many of its writes came before it, the overlay's state then, and
     * how many cursors the session had declared (those declared later close at ROLLBACK TO).
     */
    record Savepoint(String name, int writesBefore, StateStore.Mark overlayMark, long cursorsDeclared) {
    }

    void begin() {
        open = true;
        failed = false;
        clear();
    }

    void end() {
        open = false;
        failed = false;
        clear();
    }

    private void clear() {
        writes.clear();
        overlay = null;
        savepoints.clear();
    }

    /** The block's uncommitted table state, made by {@code create} on first use. */
    StateStore overlay(Supplier<StateStore> create) {
        if (overlay == null) {
            overlay = create.get();
        }
        return overlay;
    }

    /** The overlay if the block has written anything, else null. */
    StateStore writtenOverlay() {
        return writes.isEmpty() ? null : overlay;
    }

    /** SAVEPOINT: marks the block as it is now ({@code createOverlay} makes the overlay if there is none yet). */
    void savepoint(String name, Supplier<StateStore> createOverlay, long cursorsDeclared) {
        savepoints.add(new Savepoint(name, writes.size(), overlay(createOverlay).mark(), cursorsDeclared));
    }

    /** RELEASE: destroys the newest savepoint named {@code name} and every later one; the writes stay. */
    void release(String name) {
        savepoints.subList(indexOf(name), savepoints.size()).clear();
        if (savepoints.isEmpty()) {
            overlay.forgetMarks();
        }
    }

    /**
     * ROLLBACK TO: undoes the writes made since the newest savepoint named {@code name}, destroys
     * the savepoints after it (keeping it, to return to again), and ends a failure: the block goes
     * on. Returns the savepoint.
     */
    Savepoint rollbackTo(String name) {
        int i = indexOf(name);
        Savepoint savepoint = savepoints.get(i);
        savepoints.subList(i + 1, savepoints.size()).clear();
        writes.subList(savepoint.writesBefore(), writes.size()).clear();
        // Also undoes what a statement that failed half-way had already put in the overlay.
        overlay.rollbackTo(savepoint.overlayMark());
        failed = false;
        return savepoint;
    }

    private int indexOf(String name) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (savepoints.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new MillraceException(SqlState.INVALID_SAVEPOINT_SPECIFICATION,
                "savepoint \"" + name + "\" does not exist");
    }

    /** An error happened: a transaction block is now failed; outside one nothing changes. */
    void fail() {
        if (open) {
            failed = true;
        }
    }

    boolean isOpen() {
        return open;
    }

    boolean isFailed() {
        return open && failed;
    }

    List<WriteStatements.PendingWrite> writes() {
        return writes;
    }

    TransactionStatus status() {
        return !open ? TransactionStatus.IDLE : failed ? TransactionStatus.FAILED : TransactionStatus.IN_TRANSACTION;
    }
}
