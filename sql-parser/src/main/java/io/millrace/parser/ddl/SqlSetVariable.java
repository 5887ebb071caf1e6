package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.sql.SqlAlter;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * PostgreSQL's {@code SET [SESSION | LOCAL] name {TO | =} value [, ...] | DEFAULT} and
 * {@code SET TIME ZONE value | LOCAL | DEFAULT} (setting {@code timezone}). The values are
 * {@link org.apache.calcite.sql.SqlLiteral}s or, for bare words such as {@code on} or
 * {@code public}, {@link org.apache.calcite.sql.SqlIdentifier}s; an empty list means DEFAULT.
 * Extends {@link SqlAlter} only because Calcite's grammar hook for SET requires it; its SqlKind is
 * OTHER, not SET_OPTION, which Calcite code would take for its own SqlSetOption.
 */
public final class SqlSetVariable extends SqlAlter implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SET", SqlKind.OTHER);

    private final String name;
    private final SqlNodeList values;
    private final boolean local;

    public SqlSetVariable(SqlParserPos pos, String scope, String name, SqlNodeList values, boolean local) {
        super(pos, scope);
        this.name = requireNonNull(name, "name is null");
        this.values = requireNonNull(values, "values is null");
        this.local = local;
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.SET_VARIABLE;
    }

    /** The setting's name in lower case, e.g. {@code search_path}, {@code timezone}. */
    public String name() {
        return name;
    }

    /** The values as written; empty for DEFAULT (and for {@code SET TIME ZONE LOCAL}). */
    public SqlNodeList values() {
        return values;
    }

    /** The values as strings: a string literal's text, a number as written, a bare word. */
    public List<String> valueTexts() {
        final List<String> texts = new ArrayList<>(values.size());
        for (SqlNode value : values) {
            texts.add(SqlOption.valueText(value));
        }
        return Collections.unmodifiableList(texts);
    }

    /** Whether this resets the setting to its default. */
    public boolean isDefault() {
        return values.isEmpty();
    }

    /** True for {@code SET LOCAL} (until the end of the transaction). */
    public boolean local() {
        return local;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(values);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        unparseAlterOperation(writer, leftPrec, rightPrec);
    }

    @Override
    protected void unparseAlterOperation(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SET");
        if (local) {
            writer.keyword("LOCAL");
        }
        writer.identifier(name, false);
        writer.keyword("TO");
        if (values.isEmpty()) {
            writer.keyword("DEFAULT");
        } else {
            Unparsing.commaList(writer, values);
        }
    }
}
