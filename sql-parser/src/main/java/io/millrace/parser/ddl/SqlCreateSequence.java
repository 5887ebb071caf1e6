package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
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

/** {@code CREATE SEQUENCE [IF NOT EXISTS] name [option ...]}; the options are as the parser's SequenceOption reads them. */
public final class SqlCreateSequence extends SqlCreate implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE SEQUENCE", SqlKind.CREATE_SEQUENCE);

    private final SqlIdentifier name;
    private final SqlNodeList options;

    public SqlCreateSequence(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name, SqlNodeList options) {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = requireNonNull(name, "name is null");
        this.options = requireNonNull(options, "options is null");
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.CREATE_SEQUENCE;
    }

    public boolean ifNotExists() {
        return ifNotExists;
    }

    /** The sequence's name, possibly qualified ({@code schema.name}). */
    public SqlIdentifier name() {
        return name;
    }

    /** The options in the order written. */
    public List<SqlOption> options() {
        List<SqlOption> list = new ArrayList<>(options.size());
        for (SqlNode o : options) {
            list.add((SqlOption) o);
        }
        return List.copyOf(list);
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name, options);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE SEQUENCE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        for (SqlNode o : options) {
            o.unparse(writer, 0, 0);
        }
    }
}
