package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
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
 * {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table [USING method] (item, ...)}. Each
 * item is a column or expression, wrapped in DESC / NULLS FIRST / NULLS LAST calls when those
 * were written (as in an ORDER BY list).
 */
public final class SqlCreateIndex extends SqlCreate implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE INDEX", SqlKind.CREATE_INDEX);

    private final boolean unique;
    private final SqlIdentifier name;
    private final SqlIdentifier table;
    private final String method;
    private final SqlNodeList items;

    public SqlCreateIndex(SqlParserPos pos, boolean unique, boolean ifNotExists, SqlIdentifier name,
            SqlIdentifier table, String method, SqlNodeList items) {
        super(OPERATOR, pos, false, ifNotExists);
        this.unique = unique;
        this.name = name;
        this.table = requireNonNull(table, "table is null");
        this.method = method;
        this.items = requireNonNull(items, "items is null");
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.CREATE_INDEX;
    }

    public boolean unique() {
        return unique;
    }

    public boolean ifNotExists() {
        return ifNotExists;
    }

    /** The index name, or {@code null} when the statement gives none. */
    public SqlIdentifier name() {
        return name;
    }

    public SqlIdentifier table() {
        return table;
    }

    /** The access method after USING, in lower case, or {@code null}. */
    public String method() {
        return method;
    }

    /** The indexed columns or expressions. */
    public SqlNodeList items() {
        return items;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name, table, items);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE");
        if (unique) {
            writer.keyword("UNIQUE");
        }
        writer.keyword("INDEX");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        if (name != null) {
            name.unparse(writer, 0, 0);
        }
        writer.keyword("ON");
        table.unparse(writer, 0, 0);
        if (method != null) {
            writer.keyword("USING");
            writer.identifier(method, false);
        }
        Unparsing.parenthesizedList(writer, items);
    }
}
