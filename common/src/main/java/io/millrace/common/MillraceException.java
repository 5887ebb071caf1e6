package io.millrace.common;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type that reaches clients. It carries the SQLSTATE, a message written for the
 * user, and optionally the 1-based character position in the statement text that caused it.
 */
public class MillraceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final SqlState sqlState;
    private final int position;
    private final String detail;
    private final String hint;

    public MillraceException(SqlState sqlState, String message) {
        this(sqlState, message, 0, null, null, null);
    }

    public MillraceException(SqlState sqlState, String message, Throwable cause) {
        this(sqlState, message, 0, null, null, cause);
    }

    public MillraceException(SqlState sqlState, String message, int position, String detail, String hint,
            Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.sqlState = requireNonNull(sqlState, "sqlState is null");
        this.position = position;
        this.detail = detail;
        this.hint = hint;
    }

    public static MillraceException of(SqlState sqlState, String format, Object... args) {
        return new MillraceException(sqlState, String.format(format, args));
    }

    public SqlState sqlState() {
        return sqlState;
    }

    /** 1-based character offset into the statement, or 0 when not known. */
    public int position() {
        return position;
    }

    public String detail() {
        return detail;
    }

    public String hint() {
        return hint;
    }

    /** The same error pointing at a position of the statement text. */
    public MillraceException withPosition(int newPosition) {
        return new MillraceException(sqlState, getMessage(), newPosition, detail, hint, getCause());
    }

    public MillraceException withDetail(String newDetail) {
        return new MillraceException(sqlState, getMessage(), position, newDetail, hint, getCause());
    }
}
