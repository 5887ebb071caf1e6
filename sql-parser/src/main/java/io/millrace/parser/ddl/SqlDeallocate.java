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

/** {@code DEALLOCATE [PREPARE] name | ALL}: drops prepared statements (those of the extended protocol). */
public final class SqlDeallocate extends SqlCall implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("DEALLOCATE", SqlKind.OTHER);

    private final SqlIdentifier statement;

    /** @param statement the prepared statement, or {@code null} for DEALLOCATE ALL */
    public SqlDeallocate(SqlParserPos pos, SqlIdentifier statement) {
        super(pos);
        this.statement = statement;
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.DEALLOCATE;
    }

    /** The statement's name as stored, or {@code null} for DEALLOCATE ALL. */
    public String statementName() {
        return statement == null ? null : statement.getSimple();
    }

    public boolean all() {
        return statement == null;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(statement);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DEALLOCATE");
        if (statement == null) {
            writer.keyword("ALL");
        } else {
            statement.unparse(writer, 0, 0);
        }
    }
}
