package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code FETCH [FORWARD] [count | ALL | NEXT] [FROM | IN] cursor [WITH (TIMEOUT [=] value)]}.
 * Without a count, FETCH reads one row.
 */
public final class SqlFetch extends SqlCall implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("FETCH", SqlKind.OTHER);

    private final SqlIdentifier cursor;
    private final boolean all;
    private final long count;
    private final List<SqlOption> options;

    public SqlFetch(SqlParserPos pos, SqlIdentifier cursor, boolean all, long count, List<SqlOption> options) {
        super(pos);
        this.cursor = requireNonNull(cursor, "cursor is null");
        this.all = all;
        this.count = count;
        this.options = List.copyOf(options);
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.FETCH;
    }

    public SqlIdentifier cursor() {
        return cursor;
    }

    /** The cursor name as stored (unquoted names are lower case). */
    public String cursorName() {
        return cursor.getSimple();
    }

    /** True for FETCH ALL; then {@link #count()} is meaningless. */
    public boolean all() {
        return all;
    }

    /** How many rows to fetch (1 when not given). */
    public long count() {
        return count;
    }

    /** The WITH options (e.g. {@code timeout}), names in lower case. */
    public List<SqlOption> options() {
        return options;
    }

    public SqlOption option(String name) {
        return SqlOption.find(options, name);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        final List<SqlNode> operands = new ArrayList<>();
        operands.add(cursor);
        operands.addAll(options);
        return operands;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("FETCH");
        if (all) {
            writer.keyword("ALL");
        } else {
            writer.print(Long.toString(count));
            writer.setNeedWhitespace(true);
        }
        writer.keyword("FROM");
        cursor.unparse(writer, 0, 0);
        if (!options.isEmpty()) {
            writer.keyword("WITH");
            SqlOption.unparseList(writer, options);
        }
    }
}
