package io.millrace.parser.ddl;

import static java.util.Objects.requireNonNull;

import io.millrace.common.MillraceException;
import io.millrace.parser.ParseFailure;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code EXPLAIN [PLAN | DATAFLOW | LOGICAL [PLAN]] [VERBOSE] [FOR] statement} or
 * {@code EXPLAIN (option, ...) statement}. Plain {@code EXPLAIN q} shows the dataflow plan. In the
 * parenthesized form the words {@code plan}, {@code dataflow}, {@code logical} choose the mode and
 * {@code verbose [bool]} sets {@link #verbose()}; any other option is kept in {@link #options()} for
 * the planner to reject or honour. The statement is a query, DML, CREATE (e.g. a materialized view)
 * or SUBSCRIBE.
 *
 * <p>Its SqlKind is OTHER, not EXPLAIN: Calcite code that sees EXPLAIN casts to its own SqlExplain.
 */
public final class SqlExplainStatement extends SqlCall implements MillraceStatement {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("EXPLAIN", SqlKind.OTHER);

    /** Which plan EXPLAIN shows. */
    public enum Mode {
        /** The relational plan as the validator produced it, before optimisation. */
        LOGICAL,
        /** The optimised relational plan ({@code EXPLAIN PLAN}). */
        PLAN,
        /** The dataflow the engine runs (the default). */
        DATAFLOW
    }

    private final Mode mode;
    private final boolean verbose;
    private final List<SqlOption> options;
    private final SqlNode statement;

    public SqlExplainStatement(SqlParserPos pos, Mode mode, boolean verbose, List<SqlOption> options,
            SqlNode statement) {
        super(pos);
        this.mode = requireNonNull(mode, "mode is null");
        this.verbose = verbose;
        this.options = List.copyOf(options);
        this.statement = requireNonNull(statement, "statement is null");
    }

    /**
     * Builds the node, reading the mode words and VERBOSE out of a parenthesized option list.
     */
    public static SqlExplainStatement create(SqlParserPos pos, Mode mode, boolean verbose, List<SqlOption> options,
            SqlNode statement) {
        Mode m = mode;
        boolean v = verbose;
        final List<SqlOption> rest = new ArrayList<>();
        for (SqlOption option : options) {
            switch (option.name()) {
                case "logical":
                case "plan":
                case "dataflow":
                    if (option.value() == null) {
                        m = Mode.valueOf(option.name().toUpperCase(java.util.Locale.ROOT));
                    } else {
                        rest.add(option);
                    }
                    break;
                case "verbose":
                    try {
                        v = option.booleanValue();
                    } catch (MillraceException e) {
                        throw new ParseFailure(e.sqlState(), e.getMessage(), option.getParserPosition());
                    }
                    break;
                default:
                    rest.add(option);
            }
        }
        return new SqlExplainStatement(pos, m, v, rest, statement);
    }

    @Override
    public StatementKind statementKind() {
        return StatementKind.EXPLAIN;
    }

    public Mode mode() {
        return mode;
    }

    public boolean verbose() {
        return verbose;
    }

    /** Options other than the mode words and VERBOSE; usually empty. */
    public List<SqlOption> options() {
        return options;
    }

    /** The statement explained. */
    public SqlNode statement() {
        return statement;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        final List<SqlNode> operands = new ArrayList<>(options);
        operands.add(statement);
        return operands;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("EXPLAIN");
        if (options.isEmpty()) {
            writer.keyword(mode.name());
            if (verbose) {
                writer.keyword("VERBOSE");
            }
            writer.keyword("FOR");
        } else {
            final SqlWriter.Frame frame = writer.startList("(", ")");
            writer.sep(",");
            writer.keyword(mode.name());
            if (verbose) {
                writer.sep(",");
                writer.keyword("VERBOSE");
            }
            for (SqlOption option : options) {
                writer.sep(",");
                option.unparse(writer, 0, 0);
            }
            writer.endList(frame);
        }
        statement.unparse(writer, 0, 0);
    }
}
