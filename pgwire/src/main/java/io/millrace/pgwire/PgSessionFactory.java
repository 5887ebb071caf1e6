package io.millrace.pgwire;

import java.util.Map;

/** The server side of pgwire: opens a session for each client that completes startup. */
public interface PgSessionFactory {
    /**
     * Opens a session for a client whose startup packet carried these parameters ({@code user},
     * {@code database}, {@code application_name}, {@code options}, ...). Throws
     * {@link io.millrace.common.MillraceException} to refuse the connection (e.g. 3D000 for an unknown
     * database); pgwire sends the error and closes the connection.
     */
    PgSession open(Map<String, String> startupParameters);
}
