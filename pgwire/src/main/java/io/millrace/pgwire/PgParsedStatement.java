package io.millrace.pgwire;

/**
 * A statement after parsing, before analysis. Opaque to pgwire except for its text, which pgwire
 * keeps for error positions and logging.
 */
public interface PgParsedStatement {
    /** The statement's own text (one statement of a possibly longer query string). */
    String sql();

    /** Offset of {@link #sql()} within the query string it came from, for error positions. */
    int offsetInQuery();
}
