package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Transaction control. BEGIN: {@code BEGIN [WORK | TRANSACTION] [modes]} and
 * {@code START TRANSACTION [modes]}; COMMIT: {@code COMMIT | END [WORK | TRANSACTION]
 * [AND [NO] CHAIN]}; ROLLBACK: {@code ROLLBACK | ABORT [WORK | TRANSACTION] [AND [NO] CHAIN]}.
 */
public final class SqlTransactionStatement extends SqlCall implements MillraceStatement {
    /** Which transaction statement. */
    public enum Kind {
        BEGIN(SqlKind.OTHER),
        COMMIT(SqlKind.COMMIT),
        ROLLBACK(SqlKind.ROLLBACK);

        private final SqlOperator operator;

        Kind(SqlKind sqlKind) {
            this.operator = new SqlSpecialOperator(name(), sqlKind);
        }
    }

    private final Kind kind;
    private final TransactionModes modes;
    private final boolean chain;

    public SqlTransactionStatement(SqlParserPos pos, Kind kind, TransactionModes modes, boolean chain) {
        super(pos);
        this.kind = requireNonNull(kind, "kind is null");
        this.modes = requireNonNull(modes, "modes is null");
        this.chain = chain;
        if (kind != Kind.BEGIN && !modes.isEmpty()) {
            throw new IllegalArgumentException("only BEGIN takes transaction modes");
        }
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.TRANSACTION;
    }

    public Kind kind() {
        return kind;
    }

    /** BEGIN's modes; {@link TransactionModes#NONE} for COMMIT and ROLLBACK. */
    public TransactionModes modes() {
        return modes;
    }

    /** COMMIT / ROLLBACK AND CHAIN: start a new transaction with the same modes at once. */
    public boolean chain() {
        return chain;
    }

    @Override
    public SqlOperator getOperator() {
        return kind.operator;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of();
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(kind.name());
        if (modes.isolationLevel() != null) {
            writer.keyword("ISOLATION LEVEL");
            writer.keyword(modes.isolationLevel().sql());
        }
        if (modes.readOnly() != null) {
            writer.keyword(modes.readOnly() ? "READ ONLY" : "READ WRITE");
        }
        if (modes.deferrable() != null) {
            writer.keyword(modes.deferrable() ? "DEFERRABLE" : "NOT DEFERRABLE");
        }
        if (chain) {
            writer.keyword("AND CHAIN");
        }
    }
}
