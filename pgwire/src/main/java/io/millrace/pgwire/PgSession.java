package io.millrace.pgwire;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One client's session as pgwire sees it. All methods but {@link #cancel()} are called from one
 * thread at a time, in message order. Errors are thrown as {@link io.millrace.common.MillraceException}.
 */
public interface PgSession extends AutoCloseable {

    /** The ParameterStatus values announced after authentication (server_version, TimeZone, ...). */
    Map<String, String> parameterStatus();

    /**
     * Session settings that changed since the last call and must be reported with ParameterStatus
     * (e.g. after {@code SET application_name}); empty when nothing changed.
     */
    Map<String, String> takeChangedParameters();

    /** The time zone in which timestamptz values are rendered as text. */
    ZoneId timeZone();

    /** Transaction status for ReadyForQuery. */
    TransactionStatus transactionStatus();

    /**
     * Splits a query string into its statements and parses each (syntax errors throw 42601 with a
     * position). An empty or comment-only string yields an empty list.
     */
    List<PgParsedStatement> parse(String sql);

    /**
     * Analyses one parsed statement for the extended protocol. {@code parameterTypeHints} holds the
     * types the client declared in Parse (null entries where it left the type to the server).
     */
    PgPreparedStatement prepare(PgParsedStatement statement, List<PgType> parameterTypeHints);

    /**
     * Runs the whole statement at once, as the simple query protocol does (no parameters).
     * Equivalent to prepare + bind + execute(0) but lets the server skip work it does not need.
     */
    PgPortal executeSimple(PgParsedStatement statement);

    /**
     * Gives the session the connection's prepared statements (those made with Parse), which SQL's
     * DEALLOCATE drops. Called once, before any statement.
     */
    default void attach(PreparedStatements statements) {
    }

    /** The prepared statements of a connection, by name. */
    interface PreparedStatements {
        /** Drops the named statement; false if there is none by that name. */
        boolean deallocate(String name);

        /** Drops them all. */
        void deallocateAll();
    }

    /**
     * The columns of the SQL cursor {@code name} (made with DECLARE), or null if there is none. A
     * Describe of a portal by that name answers with them, as PostgreSQL's cursors are portals.
     */
    default List<ResultColumn> cursorColumns(String name) {
        return null;
    }

    /**
     * Called when a simple-query message that may hold several statements is finished or when
     * Sync arrives, so the session can end an implicit transaction or clear a failed state.
     */
    void sync();

    /** Asks the statement running now, if any, to stop with 57014. Called from another thread. */
    void cancel();

    /** Ends the session; releases its portals and cursors. */
    @Override
    void close();

    /** Transaction status reported in ReadyForQuery. */
    enum TransactionStatus {
        IDLE('I'),
        IN_TRANSACTION('T'),
        FAILED('E');

        private final char indicator;

        TransactionStatus(char indicator) {
            this.indicator = indicator;
        }

        public char indicator() {
            return indicator;
        }
    }
}
