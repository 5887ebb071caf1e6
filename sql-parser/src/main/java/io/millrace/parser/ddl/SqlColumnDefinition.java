package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
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
 * One column of CREATE TABLE: {@code name type [NOT NULL | NULL] [DEFAULT expr | GENERATED {ALWAYS |
 * BY DEFAULT} AS IDENTITY [(sequence options)]]}. An inline {@code PRIMARY KEY} is recorded on the
 * table ({@link SqlCreateTable#primaryKey()}), not here.
 */
public final class SqlColumnDefinition extends SqlCall {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL);

    private final SqlIdentifier name;
    private final SqlDataTypeSpec type;
    private final boolean nullable;
    private final SqlNode defaultExpression;
    private final String defaultText;
    private final IdentityGeneration identity;
    private final SqlNodeList identityOptions;

    /**
     * @param defaultText the DEFAULT expression as written, or {@code null} without one
     * @param identity how an identity column generates values, or {@code null} for another column
     * @param identityOptions the options of an identity column's sequence, as {@link SqlOption}s
     */
    public SqlColumnDefinition(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type, boolean nullable,
            SqlNode defaultExpression, String defaultText, IdentityGeneration identity, SqlNodeList identityOptions) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
        this.type = requireNonNull(type, "type is null");
        this.nullable = nullable;
        this.defaultExpression = defaultExpression;
        this.defaultText = defaultText;
        this.identity = identity;
        this.identityOptions = requireNonNull(identityOptions, "identityOptions is null");
    }

    public SqlIdentifier name() {
        return name;
    }

    /** The column name as stored (unquoted names are already lower case). */
    public String columnName() {
        return name.getSimple();
    }

    public SqlDataTypeSpec type() {
        return type;
    }

    /**
     * False when the column was declared NOT NULL. Primary-key columns are NOT NULL too, whether
     * or not the declaration says so; see {@link SqlCreateTable#isNotNull(String)}.
     */
    public boolean nullable() {
        return nullable;
    }

    /** The DEFAULT expression, or {@code null}. */
    public SqlNode defaultExpression() {
        return defaultExpression;
    }

    /** The DEFAULT expression's text as written, or {@code null}. */
    public String defaultText() {
        return defaultText;
    }

    /** How an identity column generates its values; {@code null} when the column is not one. */
    public IdentityGeneration identity() {
        return identity;
    }

    /** The options of an identity column's sequence (START WITH, INCREMENT BY, ...), in order. */
    public List<SqlOption> identityOptions() {
        return identityOptions.stream().map(o -> (SqlOption) o).toList();
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name, type, defaultExpression);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        name.unparse(writer, 0, 0);
        type.unparse(writer, 0, 0);
        if (!nullable) {
            writer.keyword("NOT NULL");
        }
        if (defaultExpression != null) {
            writer.keyword("DEFAULT");
            defaultExpression.unparse(writer, 0, 0);
        }
        if (identity != null) {
            writer.keyword("GENERATED " + identity.sqlName() + " AS IDENTITY");
        }
    }
}
