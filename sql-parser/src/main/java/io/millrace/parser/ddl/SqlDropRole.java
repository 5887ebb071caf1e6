package io.millrace.parser.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;

/** DROP ROLE|USER, as Calcite's DROP grammar wants it: a SqlDrop around the role statement. */
public final class SqlDropRole extends SqlDrop implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP ROLE", SqlKind.OTHER_DDL);

    private final SqlRoleStatement statement;

    public SqlDropRole(SqlRoleStatement statement) {
        super(OPERATOR, statement.getParserPosition(), statement.ifExists());
        this.statement = statement;
    }

    public SqlRoleStatement statement() {
        return statement;
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.ROLE;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of();
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        statement.unparse(writer, leftPrec, rightPrec);
    }
}
