package io.millrace.parser.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlAlter;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code RESET name | ALL} (and {@code RESET TIME ZONE}, setting {@code timezone}). */
public final class SqlResetVariable extends SqlAlter implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("RESET", SqlKind.OTHER);

    private final String name;

    /** @param name the setting in lower case, or {@code null} for RESET ALL */
    public SqlResetVariable(SqlParserPos pos, String scope, String name) {
        super(pos, scope);
        this.name = name;
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.RESET_VARIABLE;
    }

    /** The setting's name in lower case, or {@code null} for RESET ALL. */
    public String name() {
        return name;
    }

    public boolean all() {
        return name == null;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of();
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        unparseAlterOperation(writer, leftPrec, rightPrec);
    }

    @Override
    protected void unparseAlterOperation(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("RESET");
        if (name == null) {
            writer.keyword("ALL");
        } else {
            writer.identifier(name, false);
        }
    }
}
