package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
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

/**
 * {@code COPY table [(col, ...)] {TO STDOUT | FROM STDIN} [options]} and
 * {@code COPY ({query | SUBSCRIBE ...}) TO STDOUT [options]}. Exactly one of {@link #table()} and
 * {@link #query()} is set.
 *
 * <p>Options arrive under one set of lower-case names whichever syntax was used:
 * {@code WITH (FORMAT csv, HEADER)} and the old {@code WITH CSV HEADER} both give
 * {@code format} = {@code csv} and {@code header} (true). Old-style words map as: CSV, BINARY →
 * {@code format}; HEADER → {@code header}; DELIMITER, NULL, QUOTE, ESCAPE, ENCODING [AS] 'x' →
 * the same name.
 */
public final class SqlCopy extends SqlCall implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("COPY", SqlKind.OTHER);

    /** Which way the rows go. */
    public enum Direction {
        /** {@code COPY ... TO STDOUT}: rows to the client. */
        TO_STDOUT,
        /** {@code COPY t FROM STDIN}: rows from the client into a table. */
        FROM_STDIN
    }

    private final Direction direction;
    private final SqlIdentifier table;
    private final SqlNodeList columns;
    private final SqlNode query;
    private final String queryText;
    private final List<SqlOption> options;

    public SqlCopy(SqlParserPos pos, Direction direction, SqlIdentifier table, SqlNodeList columns, SqlNode query,
            String queryText, List<SqlOption> options) {
        super(pos);
        if ((table == null) == (query == null)) {
            throw new IllegalArgumentException("COPY takes a table or a query");
        }
        if (query != null && direction != Direction.TO_STDOUT) {
            throw new IllegalArgumentException("COPY (query) only goes TO STDOUT");
        }
        this.direction = requireNonNull(direction, "direction is null");
        this.table = table;
        this.columns = columns;
        this.query = query;
        this.queryText = query == null ? null : requireNonNull(queryText, "queryText is null");
        this.options = List.copyOf(options);
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.COPY;
    }

    public Direction direction() {
        return direction;
    }

    /** The table, or {@code null} for COPY (query). */
    public SqlIdentifier table() {
        return table;
    }

    /** The column list after the table name, or {@code null}. */
    public SqlNodeList columns() {
        return columns;
    }

    /** The column names of the column list, or an empty list. */
    public List<String> columnNames() {
        if (columns == null) {
            return List.of();
        }
        final List<String> names = new ArrayList<>(columns.size());
        for (SqlNode node : columns) {
            names.add(((SqlIdentifier) node).getSimple());
        }
        return List.copyOf(names);
    }

    /** The query or {@link SqlSubscribe} for COPY (...) TO STDOUT, or {@code null}. */
    public SqlNode query() {
        return query;
    }

    /** The source text inside COPY's parentheses, or {@code null}. */
    public String queryText() {
        return queryText;
    }

    /** The options in order, names in lower case. */
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
        if (table != null) {
            operands.add(table);
            if (columns != null) {
                operands.add(columns);
            }
        } else {
            operands.add(query);
        }
        operands.addAll(options);
        return operands;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("COPY");
        if (table != null) {
            table.unparse(writer, 0, 0);
            if (columns != null) {
                Unparsing.parenthesizedList(writer, columns);
            }
        } else {
            Unparsing.parenthesizedQuery(writer, query);
        }
        writer.keyword(direction == Direction.TO_STDOUT ? "TO STDOUT" : "FROM STDIN");
        if (!options.isEmpty()) {
            writer.keyword("WITH");
            SqlOption.unparseList(writer, options);
        }
    }
}
