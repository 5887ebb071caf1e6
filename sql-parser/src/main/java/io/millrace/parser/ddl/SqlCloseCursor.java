package io.millrace.parser.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/** {@code CLOSE name | ALL}. */
public final class SqlCloseCursor extends SqlCall implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CLOSE", SqlKind.OTHER);

    private final SqlIdentifier cursor;

    /** @param cursor the cursor, or {@code null} for CLOSE ALL */
    public SqlCloseCursor(SqlParserPos pos, SqlIdentifier cursor) {
        super(pos);
        this.cursor = cursor;
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.CLOSE_CURSOR;
    }

    /** The cursor, or {@code null} for CLOSE ALL. */
    public SqlIdentifier cursor() {
        return cursor;
    }

    /** The cursor name as stored, or {@code null} for CLOSE ALL. */
    public String cursorName() {
        return cursor == null ? null : cursor.getSimple();
    }

    public boolean all() {
        return cursor == null;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(cursor);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CLOSE");
        if (cursor == null) {
            writer.keyword("ALL");
        } else {
            cursor.unparse(writer, 0, 0);
        }
    }
}
