package io.millrace.server.engine;

import io.millrace.executor.type.RowSchema;
import java.util.List;

/** The rows of a query, in internal value form, in output order. */
public record QueryResult(RowSchema schema, List<Object[]> rows) {
    public QueryResult {
        rows = List.copyOf(rows);
    }
}
