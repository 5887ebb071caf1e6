package io.millrace.slt;

/** How a {@code query} record orders its result values before they are compared. */
public enum SortMode {
    /** Values are compared in the order the engine returned them. */
    NOSORT,
    /** Rows are sorted (column by column, as strings) before comparison. */
    ROWSORT,
    /** Every value is sorted on its own, ignoring row boundaries. */
    VALUESORT;

    /** The mode named by a record header token, or {@code null} when the token names none. */
    static SortMode fromToken(String token) {
        return switch (token) {
            case "nosort" -> NOSORT;
            case "rowsort" -> ROWSORT;
            case "valuesort" -> VALUESORT;
            default -> null;
        };
    }
}
