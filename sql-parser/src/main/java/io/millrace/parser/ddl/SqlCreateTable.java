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
 * {@code CREATE TABLE [IF NOT EXISTS] name (column, ..., [PRIMARY KEY (a, b)], [[CONSTRAINT c] UNIQUE (c), ...])}.
 * The primary key comes from either form (a column's own {@code PRIMARY KEY} or the table clause);
 * the parser rejects a second one. UNIQUE constraints (a column's own or the table clause) are
 * kept in {@link #uniqueKeys()}, in the order written.
 */
public final class SqlCreateTable extends SqlCreate implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

    private final SqlIdentifier name;
    private final SqlNodeList columns;
    private final SqlNodeList primaryKey;
    private final SqlNodeList uniqueKeys;

    /**
     * @param primaryKey the key's column identifiers, or {@code null}
     * @param uniqueKeys the UNIQUE constraints, as {@link SqlUniqueKey}s
     */
    public SqlCreateTable(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name, SqlNodeList columns,
            SqlNodeList primaryKey, SqlNodeList uniqueKeys) {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = requireNonNull(name, "name is null");
        this.columns = requireNonNull(columns, "columns is null");
        this.primaryKey = primaryKey;
        this.uniqueKeys = requireNonNull(uniqueKeys, "uniqueKeys is null");
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.CREATE_TABLE;
    }

    public boolean ifNotExists() {
        return ifNotExists;
    }

    /** The table name, possibly qualified ({@code schema.table}). */
    public SqlIdentifier name() {
        return name;
    }

    /** The column definitions, as {@link SqlColumnDefinition}s, in order. */
    public List<SqlColumnDefinition> columns() {
        final List<SqlColumnDefinition> list = new ArrayList<>(columns.size());
        for (SqlNode column : columns) {
            list.add((SqlColumnDefinition) column);
        }
        return Collections.unmodifiableList(list);
    }

    /** The primary-key column identifiers, or {@code null} when the table has no primary key. */
    public SqlNodeList primaryKey() {
        return primaryKey;
    }

    /** The primary-key column names in key order; empty when there is no primary key. */
    public List<String> primaryKeyColumns() {
        if (primaryKey == null) {
            return List.of();
        }
        final List<String> names = new ArrayList<>(primaryKey.size());
        for (SqlNode node : primaryKey) {
            names.add(((SqlIdentifier) node).getSimple());
        }
        return Collections.unmodifiableList(names);
    }

    /** The UNIQUE constraints in the order written; empty when there are none. */
    public List<SqlUniqueKey> uniqueKeys() {
        final List<SqlUniqueKey> keys = new ArrayList<>(uniqueKeys.size());
        for (SqlNode key : uniqueKeys) {
            keys.add((SqlUniqueKey) key);
        }
        return Collections.unmodifiableList(keys);
    }

    /** Whether a column rejects nulls: declared NOT NULL, or part of the primary key. */
    public boolean isNotNull(String columnName) {
        if (primaryKeyColumns().contains(columnName)) {
            return true;
        }
        for (SqlColumnDefinition column : columns()) {
            if (column.columnName().equals(columnName)) {
                return !column.nullable();
            }
        }
        return false;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name, columns, primaryKey, uniqueKeys);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE TABLE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        final SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode column : columns) {
            writer.sep(",");
            column.unparse(writer, 0, 0);
        }
        if (primaryKey != null) {
            writer.sep(",");
            writer.keyword("PRIMARY KEY");
            Unparsing.parenthesizedList(writer, primaryKey);
        }
        for (SqlNode key : uniqueKeys) {
            writer.sep(",");
            key.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
