package io.millrace.pgwire;

import static java.util.Objects.requireNonNull;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;

/**
 * The fields of an ErrorResponse or NoticeResponse. Every error a client sees goes through
 * {@link #from(Throwable, int)}: a {@link MillraceException} keeps its SQLSTATE, position, detail and
 * hint; anything else is an internal error (XX000) carrying its message.
 */
record PgError(String severity, String code, String message, int position, String detail, String hint, String where) {

    PgError {
        requireNonNull(severity, "severity is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
    }

    static PgError error(SqlState sqlState, String message) {
        return new PgError("ERROR", sqlState.code(), message, 0, null, null, null);
    }

    static PgError notice(String message) {
        return new PgError("NOTICE", SqlState.SUCCESSFUL_COMPLETION.code(), message, 0, null, null, null);
    }

    /**
     * The error for {@code t}. {@code positionOffset} is added to a known position, so that a
     * position within one statement points into the whole query string the statement came from.
     */
    static PgError from(Throwable t, int positionOffset) {
        if (t instanceof MillraceException e) {
            int position = e.position() > 0 ? e.position() + positionOffset : 0;
            return new PgError("ERROR", e.sqlState().code(), e.getMessage(), position, e.detail(), e.hint(), null);
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getName();
        return new PgError("ERROR", SqlState.INTERNAL_ERROR.code(), message, 0, null, null, null);
    }

    boolean isInternal() {
        return code.equals(SqlState.INTERNAL_ERROR.code());
    }

    PgError fatal() {
        return new PgError("FATAL", code, message, position, detail, hint, where);
    }

    PgError withWhere(String newWhere) {
        return new PgError(severity, code, message, position, detail, hint, newWhere);
    }
}
