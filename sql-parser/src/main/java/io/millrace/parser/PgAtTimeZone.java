package io.millrace.parser;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;

/**
 * {@code value AT TIME ZONE zone} as the parser reads it: binding tighter than * and /, as in
 * PostgreSQL. The planner gives it its type (a timestamp becomes a timestamptz and back).
 */
public final class PgAtTimeZone {
    public static final SqlBinaryOperator OPERATOR = new SqlBinaryOperator("AT TIME ZONE", SqlKind.OTHER, 64, true,
            null, null, null);

    private PgAtTimeZone() {
    }
}
