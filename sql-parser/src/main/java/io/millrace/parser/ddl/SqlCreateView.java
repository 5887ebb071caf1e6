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
 * {@code CREATE [OR REPLACE] [MATERIALIZED] VIEW [IF NOT EXISTS] name [(col, ...)] AS query}.
 * {@link #queryText()} is the query exactly as written in the statement, for the catalog to store
 * and re-parse with {@code MillraceParser.parseQuery}.
 */
public final class SqlCreateView extends SqlCreate implements MillraceStatement {
    private static final SqlOperator VIEW = new SqlSpecialOperator("CREATE VIEW", SqlKind.CREATE_VIEW);
    private static final SqlOperator MATERIALIZED_VIEW =
            new SqlSpecialOperator("CREATE MATERIALIZED VIEW", SqlKind.CREATE_MATERIALIZED_VIEW);

    private final boolean materialized;
    private final SqlIdentifier name;
    private final SqlNodeList columnList;
    private final SqlNode query;
    private final String queryText;

    public SqlCreateView(SqlParserPos pos, boolean orReplace, boolean materialized, boolean ifNotExists,
            SqlIdentifier name, SqlNodeList columnList, SqlNode query, String queryText) {
        super(materialized ? MATERIALIZED_VIEW : VIEW, pos, orReplace, ifNotExists);
        this.materialized = materialized;
        this.name = requireNonNull(name, "name is null");
        this.columnList = columnList;
        this.query = requireNonNull(query, "query is null");
        this.queryText = requireNonNull(queryText, "queryText is null");
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.CREATE_VIEW;
    }

    public boolean materialized() {
        return materialized;
    }

    public boolean orReplace() {
        return getReplace();
    }

    public boolean ifNotExists() {
        return ifNotExists;
    }

    public SqlIdentifier name() {
        return name;
    }

    /** The explicit column names, or {@code null} when the view takes the query's names. */
    public SqlNodeList columnList() {
        return columnList;
    }

    /** The explicit column names, or an empty list. */
    public List<String> columnNames() {
        if (columnList == null) {
            return List.of();
        }
        final List<String> names = new ArrayList<>(columnList.size());
        for (SqlNode node : columnList) {
            names.add(((SqlIdentifier) node).getSimple());
        }
        return Collections.unmodifiableList(names);
    }

    public SqlNode query() {
        return query;
    }

    /** The query's source text exactly as written, from its first token to its last. */
    public String queryText() {
        return queryText;
    }

    @Override
    public SqlOperator getOperator() {
        return materialized ? MATERIALIZED_VIEW : VIEW;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name, columnList, query);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE");
        if (getReplace()) {
            writer.keyword("OR REPLACE");
        }
        writer.keyword(materialized ? "MATERIALIZED VIEW" : "VIEW");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        if (columnList != null) {
            Unparsing.parenthesizedList(writer, columnList);
        }
        writer.keyword("AS");
        query.unparse(writer, 0, 0);
    }
}
