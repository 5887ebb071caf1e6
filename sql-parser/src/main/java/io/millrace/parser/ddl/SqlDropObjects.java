package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code DROP {TABLE | VIEW | MATERIALIZED VIEW | INDEX | SCHEMA | SEQUENCE | SOURCE | SINK} [IF EXISTS] name [, ...]
 * [CASCADE | RESTRICT]}.
 */
public final class SqlDropObjects extends SqlDrop implements MillraceStatement {
    /** What DROP removes. */
    public enum ObjectType {
        TABLE("TABLE", SqlKind.DROP_TABLE),
        VIEW("VIEW", SqlKind.DROP_VIEW),
        MATERIALIZED_VIEW("MATERIALIZED VIEW", SqlKind.DROP_MATERIALIZED_VIEW),
        INDEX("INDEX", SqlKind.DROP_INDEX),
        SCHEMA("SCHEMA", SqlKind.DROP_SCHEMA),
        SEQUENCE("SEQUENCE", SqlKind.DROP_SEQUENCE),
        SOURCE("SOURCE", SqlKind.OTHER_DDL),
        SINK("SINK", SqlKind.OTHER_DDL);

        private final String keywords;
        private final SqlOperator operator;

        ObjectType(String keywords, SqlKind kind) {
            this.keywords = keywords;
            this.operator = new SqlSpecialOperator("DROP " + keywords, kind);
        }

        /** The words of the statement: {@code MATERIALIZED VIEW}, {@code TABLE}, ... */
        public String keywords() {
            return keywords;
        }
    }

    private final ObjectType objectType;
    private final SqlNodeList names;
    private final boolean cascade;

    public SqlDropObjects(SqlParserPos pos, ObjectType objectType, boolean ifExists, SqlNodeList names,
            boolean cascade) {
        super(objectType.operator, pos, ifExists);
        this.objectType = requireNonNull(objectType, "objectType is null");
        this.names = requireNonNull(names, "names is null");
        this.cascade = cascade;
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.DROP_OBJECTS;
    }

    public ObjectType objectType() {
        return objectType;
    }

    public boolean ifExists() {
        return ifExists;
    }

    /** The names to drop, in order, each possibly qualified. */
    public List<SqlIdentifier> names() {
        final List<SqlIdentifier> list = new ArrayList<>(names.size());
        for (SqlNode node : names) {
            list.add((SqlIdentifier) node);
        }
        return Collections.unmodifiableList(list);
    }

    /** True for CASCADE; false for RESTRICT or neither (the default). */
    public boolean cascade() {
        return cascade;
    }

    @Override
    public SqlOperator getOperator() {
        return objectType.operator;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(names);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DROP");
        writer.keyword(objectType.keywords);
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        Unparsing.commaList(writer, names);
        if (cascade) {
            writer.keyword("CASCADE");
        }
    }
}
