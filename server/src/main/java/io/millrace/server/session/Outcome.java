package io.millrace.server.session;

import io.millrace.pgwire.PgResult;
import java.util.List;

/** What running a statement produced, before pgwire pages it out. */
sealed interface Outcome {
    /** Rows in wire form; {@code verb} starts the command tag, e.g. "SELECT" or "FETCH". */
    record Rows(List<Object[]> rows, String verb, List<String> notices) implements Outcome {
    }

    /** A statement that returns no rows. */
    record Command(String tag, List<String> notices) implements Outcome {
    }

    /** A COPY stream, handed to pgwire as it is. */
    record Copy(PgResult result) implements Outcome {
    }

    static Outcome command(String tag) {
        return new Command(tag, List.of());
    }
}
