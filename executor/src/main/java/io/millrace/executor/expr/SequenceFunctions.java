package io.millrace.executor.expr;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;

/**
 * What {@code nextval}, {@code currval}, {@code setval} and {@code lastval} do, for the session
 * whose statement calls them. A sequence is named by its oid. Implementations are called from
 * worker threads, possibly several at once.
 */
public interface SequenceFunctions {
    long nextval(long sequenceOid);

    long currval(long sequenceOid);

    /** Sets the sequence's value: the next nextval returns the one after it, or it itself when not {@code isCalled}. */
    long setval(long sequenceOid, long value, boolean isCalled);

    long lastval();

    /** For plans that run outside a session's statement (maintained views), which cannot call them. */
    SequenceFunctions NONE = new SequenceFunctions() {
        private MillraceException refused() {
            return new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                    "sequence functions can only be called in a session's statements");
        }

        @Override
        public long nextval(long sequenceOid) {
            throw refused();
        }

        @Override
        public long currval(long sequenceOid) {
            throw refused();
        }

        @Override
        public long setval(long sequenceOid, long value, boolean isCalled) {
            throw refused();
        }

        @Override
        public long lastval() {
            throw refused();
        }
    };
}
