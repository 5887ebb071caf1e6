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
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code SHOW TABLES | VIEWS | MATERIALIZED VIEWS | SOURCES | SINKS | INDEXES [FROM t] |
 * COLUMNS FROM t | CREATE {TABLE | VIEW | MATERIALIZED VIEW} name | ALL | setting}.
 * {@code SHOW TIME ZONE} and {@code SHOW TRANSACTION ISOLATION LEVEL} come out as the settings
 * {@code timezone} and {@code transaction_isolation}, as in PostgreSQL.
 */
public final class SqlShow extends SqlCall implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW", SqlKind.OTHER);

    /** What SHOW shows. */
    public enum Kind {
        TABLES("TABLES"),
        VIEWS("VIEWS"),
        MATERIALIZED_VIEWS("MATERIALIZED VIEWS"),
        SOURCES("SOURCES"),
        SINKS("SINKS"),
        /** Indexes, of one table when {@link #target()} is set. */
        INDEXES("INDEXES"),
        /** The columns of {@link #target()}. */
        COLUMNS("COLUMNS"),
        CREATE_TABLE("CREATE TABLE"),
        CREATE_VIEW("CREATE VIEW"),
        CREATE_MATERIALIZED_VIEW("CREATE MATERIALIZED VIEW"),
        /** All session settings. */
        ALL("ALL"),
        /** One session setting, {@link #settingName()}. */
        SETTING("");

        private final String keywords;

        Kind(String keywords) {
            this.keywords = keywords;
        }
    }

    private final Kind kind;
    private final SqlIdentifier target;
    private final String settingName;

    public SqlShow(SqlParserPos pos, Kind kind, SqlIdentifier target, String settingName) {
        super(pos);
        this.kind = requireNonNull(kind, "kind is null");
        this.target = target;
        this.settingName = settingName;
        if ((kind == Kind.SETTING) != (settingName != null)) {
            throw new IllegalArgumentException("a setting name goes with SHOW <setting> only");
        }
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.SHOW;
    }

    /** What to show. */
    public Kind what() {
        return kind;
    }

    /** The table of COLUMNS / INDEXES FROM, or the object of SHOW CREATE; otherwise {@code null}. */
    public SqlIdentifier target() {
        return target;
    }

    /** For {@link Kind#SETTING}, the setting's name in lower case; otherwise {@code null}. */
    public String settingName() {
        return settingName;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(target);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW");
        switch (kind) {
            case SETTING:
                writer.identifier(settingName, false);
                return;
            case INDEXES:
            case COLUMNS:
                writer.keyword(kind.keywords);
                if (target != null) {
                    writer.keyword("FROM");
                    target.unparse(writer, 0, 0);
                }
                return;
            default:
                writer.keyword(kind.keywords);
                if (target != null) {
                    target.unparse(writer, 0, 0);
                }
        }
    }
}
