package io.millrace.pgwire;

import static java.util.Objects.requireNonNull;

/**
 * One column of a RowDescription. {@code typmod} is -1 when the type has no modifier;
 * {@code tableOid} and {@code columnNumber} are 0 when the column is not a plain table column.
 */
public record ResultColumn(String name, PgType type, int typmod, int tableOid, short columnNumber) {
    public ResultColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    public static ResultColumn of(String name, PgType type) {
        return new ResultColumn(name, type, -1, 0, (short) 0);
    }
}
