package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * A UNIQUE constraint of CREATE TABLE, a column's own ({@code a int UNIQUE}) or the table's
 * ({@code [CONSTRAINT name] UNIQUE (a, b)}): its columns in order and the name it was given, if any.
 */
public final class SqlUniqueKey extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("UNIQUE", SqlKind.OTHER);

    private final SqlIdentifier name;
    private final SqlNodeList columns;

    /** @param name the name after CONSTRAINT, or {@code null} */
    public SqlUniqueKey(SqlParserPos pos, SqlIdentifier name, SqlNodeList columns) {
        super(pos);
        this.name = name;
        this.columns = requireNonNull(columns, "columns is null");
    }

    /** The name the statement gives the constraint, or {@code null}. */
    public String constraintName() {
        return name == null ? null : name.getSimple();
    }

    /** The constrained column names, in order. */
    public List<String> columnNames() {
        final List<String> names = new ArrayList<>(columns.size());
        for (SqlNode node : columns) {
            names.add(((SqlIdentifier) node).getSimple());
        }
        return Collections.unmodifiableList(names);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name, columns);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        if (name != null) {
            writer.keyword("CONSTRAINT");
            name.unparse(writer, 0, 0);
        }
        writer.keyword("UNIQUE");
        Unparsing.parenthesizedList(writer, columns);
    }
}
