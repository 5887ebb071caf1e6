package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]}, or {@code CREATE SCHEMA
 * AUTHORIZATION role}, which names the schema after the role.
 */
public final class SqlCreateSchema extends SqlCreate implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE SCHEMA", SqlKind.CREATE_SCHEMA);

    private final SqlIdentifier name;
    private final SqlIdentifier authorization;

    public SqlCreateSchema(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name, SqlIdentifier authorization) {
        super(OPERATOR, pos, false, ifNotExists);
        if (name == null) {
            requireNonNull(authorization, "a schema needs a name or an AUTHORIZATION role");
        }
        this.name = name == null ? authorization : name;
        this.authorization = authorization;
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.CREATE_SCHEMA;
    }

    public boolean ifNotExists() {
        return ifNotExists;
    }

    public SqlIdentifier name() {
        return name;
    }

    /** The role after AUTHORIZATION, or {@code null}. */
    public SqlIdentifier authorization() {
        return authorization;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return authorization == null ? List.of(name) : List.of(name, authorization);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE SCHEMA");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        if (authorization != null) {
            writer.keyword("AUTHORIZATION");
            authorization.unparse(writer, 0, 0);
        }
    }
}
