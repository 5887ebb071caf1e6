package io.millrace.parser;

import static java.util.Objects.requireNonNull;

import io.millrace.common.SqlState;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * An error found while parsing, thrown by our grammar productions and turned into a
 * {@link io.millrace.common.MillraceException} with a character position by {@link MillraceParser}.
 * Internal to the parser; callers only ever see {@code MillraceException}.
 */
public final class ParseFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final SqlState sqlState;
    private final transient SqlParserPos pos;

    /**
     * @param message the message for the user; {@code null} means "syntax error at or near" the
     *     text at {@code pos}
     * @param pos where the error is; {@code null} means the last token the parser consumed
     */
    public ParseFailure(SqlState sqlState, String message, SqlParserPos pos) {
        super(message, null, false, false);
        this.sqlState = requireNonNull(sqlState, "sqlState is null");
        this.pos = pos;
    }

    /** "syntax error at or near" the text at {@code pos}. */
    public static ParseFailure syntaxError(SqlParserPos pos) {
        return new ParseFailure(SqlState.SYNTAX_ERROR, null, pos);
    }

    public SqlState sqlState() {
        return sqlState;
    }

    /** Where the error is, or {@code null} for the last token the parser consumed. */
    public SqlParserPos pos() {
        return pos;
    }
}
