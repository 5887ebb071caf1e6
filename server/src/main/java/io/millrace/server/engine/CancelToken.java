package io.millrace.server.engine;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;

/** Lets another thread ask a running statement to stop; checked between steps of the work. */
public final class CancelToken {
    public static final CancelToken NEVER = new CancelToken();

    private volatile String reason;

    public void cancel(String why) {
        reason = why;
    }

    public void reset() {
        reason = null;
    }

    public boolean isCancelled() {
        return reason != null;
    }

    /** Throws 57014 if cancelled. */
    public void check() {
        String r = reason;
        if (r != null) {
            throw new MillraceException(SqlState.QUERY_CANCELED, r);
        }
    }
}
