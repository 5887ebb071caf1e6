package io.millrace.executor.plan;

/** One ORDER BY column: ascending or not, NULLs first or last. */
public record SortKey(int column, boolean ascending, boolean nullsFirst) {
    @Override
    public String toString() {
        return "#" + column + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
    }
}
