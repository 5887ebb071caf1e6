package io.millrace.parser.ddl;

/** Which Millrace statement a {@link MillraceStatement} is; switch on it instead of instanceof chains. */
public enum StatementKind {
    CREATE_TABLE,
    CREATE_VIEW,
    CREATE_INDEX,
    CREATE_SCHEMA,
    CREATE_SEQUENCE,
    ROLE,
    RETURNING,
    DROP_OBJECTS,
    SHOW,
    SET_VARIABLE,
    RESET_VARIABLE,
    SUBSCRIBE,
    DECLARE_CURSOR,
    FETCH,
    CLOSE_CURSOR,
    DEALLOCATE,
    COPY,
    TRANSACTION,
    EXPLAIN
}
