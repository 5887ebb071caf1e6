package io.millrace.parser.ddl;

import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * INSERT's {@code OVERRIDING SYSTEM VALUE} (explicit values go into GENERATED ALWAYS identity
 * columns) or {@code OVERRIDING USER VALUE} (explicit values for identity columns are ignored). The
 * parser keeps it among the INSERT's keywords, as a symbol.
 */
public enum InsertOverriding {
    SYSTEM_VALUE, USER_VALUE;

    public SqlLiteral symbol(SqlParserPos pos) {
        return SqlLiteral.createSymbol(this, pos);
    }

    /** What {@code insert} overrides, or null when it says nothing. */
    public static InsertOverriding of(SqlInsert insert) {
        for (SqlNode keyword : (org.apache.calcite.sql.SqlNodeList) insert.getOperandList().get(0)) {
            if (keyword instanceof SqlLiteral literal && literal.getValue() instanceof InsertOverriding o) {
                return o;
            }
        }
        return null;
    }
}
