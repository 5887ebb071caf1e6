package io.millrace.slt;

import static java.util.Objects.requireNonNull;

/**
 * One failed record.
 *
 * @param file the script's name
 * @param line the record's line
 * @param sql the SQL of the record
 * @param expected what the record expected (values joined by newlines, a hash line, "success" or "an error")
 * @param got what the engine gave, in the same form
 * @param sqlState the SQLSTATE of the error the engine raised, or empty
 * @param message what went wrong, in words
 */
public record Failure(String file, int line, String sql, String expected, String got, String sqlState, String message) {
    public Failure {
        requireNonNull(file, "file is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(expected, "expected is null");
        requireNonNull(got, "got is null");
        sqlState = sqlState == null ? "" : sqlState;
        requireNonNull(message, "message is null");
    }

    /** A multi-line description for logs. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(':').append(line).append(": ").append(message).append('\n');
        sb.append("  sql:      ").append(indent(sql)).append('\n');
        sb.append("  expected: ").append(indent(expected)).append('\n');
        sb.append("  got:      ").append(indent(got)).append('\n');
        if (!sqlState.isEmpty()) {
            sb.append("  sqlstate: ").append(sqlState).append('\n');
        }
        return sb.toString();
    }

    private static String indent(String text) {
        return text.replace("\n", "\n            ");
    }
}
