package io.millrace.pgwire;

import java.util.List;

/** An analysed statement of the extended protocol: what Describe(S) reports, and Bind's target. */
public interface PgPreparedStatement {
    /** The parameter types ($1, $2, ...), with hints from Parse applied and the rest inferred. */
    List<PgType> parameterTypes();

    /** The columns the statement returns, or an empty list when it returns no rows (NoData). */
    List<ResultColumn> resultColumns();

    /**
     * Binds parameter values (already decoded by pgwire into the Java values {@link PgType}
     * lists; null for SQL NULL) and returns a portal ready to execute.
     */
    PgPortal bind(List<Object> parameters);
}
