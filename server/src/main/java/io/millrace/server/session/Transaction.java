package io.millrace.server.session;

import io.millrace.pgwire.PgSession.TransactionStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of a session's transaction block. Writes inside a block are held here and applied
 * together at COMMIT, at one timestamp, so views see all of them or none.
 */
final class Transaction {
    private boolean open;
    private boolean failed;
    private final List<WriteStatements.PendingWrite> writes = new ArrayList<>();

    void begin() {
        open = true;
        failed = false;
        writes.clear();
    }

    void end() {
        open = false;
        failed = false;
        writes.clear();
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
