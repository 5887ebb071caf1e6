package io.millrace.parser.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;

/** CREATE ROLE|USER, as Calcite's CREATE grammar wants it: a SqlCreate around the role statement. */
public final class SqlCreateRole extends SqlCreate implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE ROLE", SqlKind.OTHER_DDL);

    private final SqlRoleStatement statement;

    public SqlCreateRole(SqlRoleStatement statement) {
        super(OPERATOR, statement.getParserPosition(), false, false);
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
