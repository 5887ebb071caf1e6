package io.millrace.pgwire;

import java.util.List;

/**
 * A statement ready to run, or running. The extended protocol may execute it several times with a
 * row limit, resuming where the last call stopped.
 */
public interface PgPortal extends AutoCloseable {

    /** The columns each row has; empty when the statement returns no rows. */
    List<ResultColumn> resultColumns();

    /**
     * Runs the statement, or continues it, and returns at most {@code maxRows} rows (0 means all).
     * For a COPY ... TO STDOUT statement the result is a {@link PgResult.CopyOut} to stream.
     */
    PgResult execute(int maxRows);

    @Override
    void close();
}
