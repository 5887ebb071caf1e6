package io.millrace.server.session;

import io.millrace.pgwire.PgSession.TransactionStatus;
import io.millrace.storage.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The state of a session's transaction block. Writes inside a block are held here and applied
 * together at COMMIT, at one timestamp, so views see all of them or none. Meanwhile their table
 * changes are kept in an overlay over the committed tables, which the block's own statements read.
 */
final class Transaction {
    private boolean open;
    private boolean failed;
    private final List<WriteStatements.PendingWrite> writes = new ArrayList<>();
    private StateStore overlay;

    void begin() {
        open = true;
        failed = false;
        writes.clear();
        overlay = null;
    }

    void end() {
        open = false;
        failed = false;
        writes.clear();
        overlay = null;
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
