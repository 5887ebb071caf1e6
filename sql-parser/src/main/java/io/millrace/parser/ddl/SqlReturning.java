package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code INSERT|UPDATE|DELETE ... RETURNING item, ...}: the statement, and the select-list items
 * computed over each row it inserted, changed (the new values) or deleted.
 */
public final class SqlReturning extends SqlCall implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("RETURNING", SqlKind.OTHER);

    private final SqlCall dml;
    private final SqlNodeList items;

    public SqlReturning(SqlParserPos pos, SqlCall dml, SqlNodeList items) {
        super(pos);
        this.dml = requireNonNull(dml, "dml is null");
        this.items = requireNonNull(items, "items is null");
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.RETURNING;
    }

    /** The SqlInsert, SqlUpdate or SqlDelete. */
    public SqlCall dml() {
        return dml;
    }

    public SqlNodeList items() {
        return items;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(dml, items);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        dml.unparse(writer, 0, 0);
        writer.keyword("RETURNING");
        SqlWriter.Frame frame = writer.startList("", "");
        for (SqlNode item : items) {
            writer.sep(",");
            item.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
