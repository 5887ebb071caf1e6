package io.millrace.pgwire;

import java.util.List;

/** What one Execute produced. */
public sealed interface PgResult {

    /** Notices to send before the result (e.g. "table t does not exist, skipping"). */
    List<String> notices();

    /**
     * Rows. When {@code suspended} the portal has more rows (PortalSuspended); otherwise the
     * statement completed with {@code commandTag} (e.g. "SELECT 3").
     */
    record Rows(List<Object[]> rows, boolean suspended, String commandTag, List<String> notices)
            implements PgResult {
    }

    /** A statement that returns no rows completed, e.g. "INSERT 0 5", "CREATE TABLE". */
    record Command(String commandTag, List<String> notices) implements PgResult {
    }

    /** The statement was empty (EmptyQueryResponse). */
    record Empty(List<String> notices) implements PgResult {
    }

    /**
     * COPY ... TO STDOUT: pgwire sends CopyOutResponse, then each row of {@code source} as CopyData
     * in the given format, then CopyDone and CommandComplete. {@code source} may block waiting
     * for rows (a subscription) and ends when the copy is complete or the session is cancelled.
     */
    record CopyOut(List<ResultColumn> columns, CopyFormat format, CopyRowSource source, List<String> notices)
            implements PgResult {
    }

    /**
     * COPY ... FROM STDIN: pgwire sends CopyInResponse, splits the data the client sends into lines
     * in the given format, decodes each field by its column's type into the Java value {@link PgType}
     * lists (null for NULL), and hands the rows to {@code sink} in batches. When the client sends
     * CopyDone, pgwire calls {@link CopyRowSink#finish()} and sends CommandComplete with its tag.
     * If the client sends CopyFail, or a line cannot be decoded, or {@code accept} throws, pgwire
     * calls {@link CopyRowSink#abort()} and reports the error.
     */
    record CopyIn(String table, List<ResultColumn> columns, CopyFormat format, CopyRowSink sink, List<String> notices)
            implements PgResult {
    }

    /** Text format options for COPY. */
    record CopyFormat(boolean csv, char delimiter, String nullString, boolean header, char quote, char escape) {
        public static final CopyFormat TEXT = new CopyFormat(false, '\t', "\\N", false, '"', '"');
        public static final CopyFormat CSV = new CopyFormat(true, ',', "", false, '"', '"');
    }

    /** A pull source of rows for COPY TO STDOUT. */
    interface CopyRowSource {
        /** The next batch of rows, blocking until some are available; null when the copy ends. */
        List<Object[]> next();

        /** The CommandComplete tag once {@link #next()} returned null, e.g. "COPY 12". */
        String commandTag();
    }

    /** A push sink of decoded rows for COPY FROM STDIN. */
    interface CopyRowSink {
        /** The next batch of rows; throws to abort the copy. */
        void accept(List<Object[]> rows);

        /** The client finished sending; returns the CommandComplete tag, e.g. "COPY 12". */
        String finish();

        /** The copy failed or the client gave up; discard what was accepted. */
        void abort();
    }
}
