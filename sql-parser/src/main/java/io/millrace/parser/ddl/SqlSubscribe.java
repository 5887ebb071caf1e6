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
 * {@code SUBSCRIBE [TO] name | (query) [WITH (SNAPSHOT [=] bool, PROGRESS [=] bool)]}. Exactly one
 * of {@link #target()} and {@link #query()} is set. The options are kept as written (any name);
 * the planner knows which it accepts.
 */
public final class SqlSubscribe extends SqlCall implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SUBSCRIBE", SqlKind.OTHER);

    private final SqlIdentifier target;
    private final SqlNode query;
    private final String queryText;
    private final List<SqlOption> options;

    public SqlSubscribe(SqlParserPos pos, SqlIdentifier target, SqlNode query, String queryText,
            List<SqlOption> options) {
        super(pos);
        if ((target == null) == (query == null)) {
            throw new IllegalArgumentException("SUBSCRIBE takes a name or a query");
        }
        this.target = target;
        this.query = query;
        this.queryText = query == null ? null : requireNonNull(queryText, "queryText is null");
        this.options = List.copyOf(options);
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.SUBSCRIBE;
    }

    /** The table or view subscribed to, or {@code null} for a query. */
    public SqlIdentifier target() {
        return target;
    }

    /** The query subscribed to, or {@code null} for a name. */
    public SqlNode query() {
        return query;
    }

    /** The query's source text as written (inside the parentheses), or {@code null}. */
    public String queryText() {
        return queryText;
    }

    /** The WITH options in order, names in lower case. */
    public List<SqlOption> options() {
        return options;
    }

    /** The option with a name (lower case), or {@code null}. */
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
        operands.add(target != null ? target : query);
        operands.addAll(options);
        return operands;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SUBSCRIBE");
        if (target != null) {
            target.unparse(writer, 0, 0);
        } else {
            Unparsing.parenthesizedQuery(writer, query);
        }
        if (!options.isEmpty()) {
            writer.keyword("WITH");
            SqlOption.unparseList(writer, options);
        }
    }
}
