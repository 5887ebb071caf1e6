package io.millrace.parser.ddl;

/**
 * The transaction modes of BEGIN / START TRANSACTION; each is {@code null} when not given.
 *
 * @param isolationLevel ISOLATION LEVEL ...
 * @param readOnly READ ONLY (true) or READ WRITE (false)
 * @param deferrable DEFERRABLE (true) or NOT DEFERRABLE (false)
 */
public record TransactionModes(IsolationLevel isolationLevel, Boolean readOnly, Boolean deferrable) {
    public static final TransactionModes NONE = new TransactionModes(null, null, null);

    /** PostgreSQL's isolation levels. */
    public enum IsolationLevel {
        SERIALIZABLE("SERIALIZABLE"),
        REPEATABLE_READ("REPEATABLE READ"),
        READ_COMMITTED("READ COMMITTED"),
        READ_UNCOMMITTED("READ UNCOMMITTED");

        private final String sql;

        IsolationLevel(String sql) {
            this.sql = sql;
        }

        /** As written in SQL: {@code REPEATABLE READ}. */
        public String sql() {
            return sql;
        }
    }

    public static TransactionModes isolation(IsolationLevel level) {
        return new TransactionModes(level, null, null);
    }

    public static TransactionModes readOnly(boolean readOnly) {
        return new TransactionModes(null, readOnly, null);
    }

    public static TransactionModes deferrable(boolean deferrable) {
        return new TransactionModes(null, null, deferrable);
    }

    /** These modes with the ones {@code later} sets; a later mode wins. */
    public TransactionModes with(TransactionModes later) {
        return new TransactionModes(
                later.isolationLevel != null ? later.isolationLevel : isolationLevel,
                later.readOnly != null ? later.readOnly : readOnly,
                later.deferrable != null ? later.deferrable : deferrable);
    }

    public boolean isEmpty() {
        return isolationLevel == null && readOnly == null && deferrable == null;
    }
}
