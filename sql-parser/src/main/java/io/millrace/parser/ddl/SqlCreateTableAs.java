package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
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
 * {@code CREATE TABLE [IF NOT EXISTS] name [(col, ...)] AS query [WITH [NO] DATA]}: a table of the
 * query's columns, filled with its rows unless {@code WITH NO DATA}. {@link #queryText()} is the
 * query as written.
 */
public final class SqlCreateTableAs extends SqlCreate implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE TABLE AS", SqlKind.CREATE_TABLE);

    private final SqlIdentifier name;
    private final SqlNodeList columnList;
    private final SqlNode query;
    private final String queryText;
    private final boolean withData;

    public SqlCreateTableAs(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name, SqlNodeList columnList,
            SqlNode query, String queryText, boolean withData) {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = requireNonNull(name, "name is null");
        this.columnList = columnList;
        this.query = requireNonNull(query, "query is null");
        this.queryText = requireNonNull(queryText, "queryText is null");
        this.withData = withData;
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.CREATE_TABLE;
    }

    public boolean ifNotExists() {
        return ifNotExists;
    }

    public SqlIdentifier name() {
        return name;
    }

    /** The explicit column names, or an empty list when the table takes the query's. */
    public List<String> columnNames() {
        if (columnList == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>(columnList.size());
        for (SqlNode node : columnList) {
            names.add(((SqlIdentifier) node).getSimple());
        }
        return Collections.unmodifiableList(names);
    }

    public SqlNode query() {
        return query;
    }

    public String queryText() {
        return queryText;
    }

    /** False for {@code WITH NO DATA}: the table is made empty. */
    public boolean withData() {
        return withData;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name, columnList, query);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE TABLE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        if (columnList != null) {
            Unparsing.parenthesizedList(writer, columnList);
        }
        writer.keyword("AS");
        query.unparse(writer, 0, 0);
        if (!withData) {
            writer.keyword("WITH NO DATA");
        }
    }
}
