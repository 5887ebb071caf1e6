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
 * Transaction control. BEGIN: {@code BEGIN [WORK | TRANSACTION] [modes]} and
 * {@code START TRANSACTION [modes]}; COMMIT: {@code COMMIT | END [WORK | TRANSACTION]
 * [AND [NO] CHAIN]}; ROLLBACK: {@code ROLLBACK | ABORT [WORK | TRANSACTION] [AND [NO] CHAIN]};
 * and savepoints inside a block: {@code SAVEPOINT name}, {@code RELEASE [SAVEPOINT] name},
 * {@code ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name}.
 */
public final class SqlTransactionStatement extends SqlCall implements MillraceStatement {
    /** Which transaction statement. */
    public enum Kind {
        BEGIN(SqlKind.OTHER, "BEGIN"),
        COMMIT(SqlKind.COMMIT, "COMMIT"),
        ROLLBACK(SqlKind.ROLLBACK, "ROLLBACK"),
        SAVEPOINT(SqlKind.OTHER, "SAVEPOINT"),
        RELEASE_SAVEPOINT(SqlKind.OTHER, "RELEASE SAVEPOINT"),
        ROLLBACK_TO_SAVEPOINT(SqlKind.OTHER, "ROLLBACK TO SAVEPOINT");

        private final SqlOperator operator;
        private final String sql;

        Kind(SqlKind sqlKind, String sql) {
            this.operator = new SqlSpecialOperator(name(), sqlKind);
            this.sql = sql;
        }

        /** The statement's keywords, as PostgreSQL's messages name it ("RELEASE SAVEPOINT"). */
        public String sql() {
            return sql;
        }

        /** Whether the statement names a savepoint. */
        public boolean namesSavepoint() {
            return this == SAVEPOINT || this == RELEASE_SAVEPOINT || this == ROLLBACK_TO_SAVEPOINT;
        }
    }

    private final Kind kind;
    private final TransactionModes modes;
    private final boolean chain;
    private final SqlIdentifier savepoint;

    /** BEGIN, COMMIT or ROLLBACK. */
    public SqlTransactionStatement(SqlParserPos pos, Kind kind, TransactionModes modes, boolean chain) {
        this(pos, kind, modes, chain, null);
        if (kind.namesSavepoint()) {
            throw new IllegalArgumentException(kind + " needs a savepoint name");
        }
    }

    private SqlTransactionStatement(SqlParserPos pos, Kind kind, TransactionModes modes, boolean chain,
            SqlIdentifier savepoint) {
        super(pos);
        this.kind = requireNonNull(kind, "kind is null");
        this.modes = requireNonNull(modes, "modes is null");
        this.chain = chain;
        this.savepoint = savepoint;
        if (kind != Kind.BEGIN && !modes.isEmpty()) {
            throw new IllegalArgumentException("only BEGIN takes transaction modes");
        }
    }

    /** SAVEPOINT, RELEASE SAVEPOINT or ROLLBACK TO SAVEPOINT {@code savepoint}. */
    public static SqlTransactionStatement savepoint(SqlParserPos pos, Kind kind, SqlIdentifier savepoint) {
        if (!kind.namesSavepoint()) {
            throw new IllegalArgumentException(kind + " does not name a savepoint");
        }
        return new SqlTransactionStatement(pos, kind, TransactionModes.NONE, false,
                requireNonNull(savepoint, "savepoint is null"));
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

    /** The savepoint's name (folded to lower case unless quoted); null for BEGIN, COMMIT and ROLLBACK. */
    public String savepointName() {
        return savepoint == null ? null : savepoint.getSimple();
    }

    @Override
    public SqlOperator getOperator() {
        return kind.operator;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return savepoint == null ? List.of() : List.of(savepoint);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(kind.sql());
        if (savepoint != null) {
            savepoint.unparse(writer, 0, 0);
        }
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
