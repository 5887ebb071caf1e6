package io.millrace.parser.ddl;

/**
 * A statement node of Millrace's own grammar (everything in this package that is a statement).
 * Queries and DML stay Calcite's own nodes ({@code SqlSelect}, {@code SqlInsert}, ...).
 */
public interface MillraceStatement {
    StatementKind statementKind();
}
