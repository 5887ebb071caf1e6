package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

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
 * {@code DECLARE name [NO SCROLL] CURSOR [WITH HOLD | WITHOUT HOLD] FOR {SUBSCRIBE ... | query}}.
 * {@link #query()} is a {@link SqlSubscribe} or a query node.
 */
public final class SqlDeclareCursor extends SqlCall implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("DECLARE CURSOR", SqlKind.OTHER);

    private final SqlIdentifier name;
    private final boolean noScroll;
    private final boolean withHold;
    private final SqlNode query;
    private final String queryText;

    public SqlDeclareCursor(SqlParserPos pos, SqlIdentifier name, boolean noScroll, boolean withHold,
            SqlNode query, String queryText) {
        super(pos);
        this.name = requireNonNull(name, "name is null");
        this.noScroll = noScroll;
        this.withHold = withHold;
        this.query = requireNonNull(query, "query is null");
        this.queryText = requireNonNull(queryText, "queryText is null");
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.DECLARE_CURSOR;
    }

    public SqlIdentifier name() {
        return name;
    }

    /** The cursor name as stored (unquoted names are lower case). */
    public String cursorName() {
        return name.getSimple();
    }

    public boolean noScroll() {
        return noScroll;
    }

    public boolean withHold() {
        return withHold;
    }

    /** The cursor's statement: a {@link SqlSubscribe} or a query. */
    public SqlNode query() {
        return query;
    }

    public boolean isSubscribe() {
        return query instanceof SqlSubscribe;
    }

    /** The source text after FOR, as written. */
    public String queryText() {
        return queryText;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, query);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DECLARE");
        name.unparse(writer, 0, 0);
        if (noScroll) {
            writer.keyword("NO SCROLL");
        }
        writer.keyword("CURSOR");
        if (withHold) {
            writer.keyword("WITH HOLD");
        }
        writer.keyword("FOR");
        query.unparse(writer, 0, 0);
    }
}
