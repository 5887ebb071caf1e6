package io.millrace.planner;

import io.millrace.parser.PgTypeNameSpec;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeTransforms;

/**
 * The sequence functions: {@code nextval(seq)}, {@code currval(seq)}, {@code setval(seq, n [,
 * is_called])} and {@code lastval()}. A sequence is an oid ({@code regclass}): as in PostgreSQL a
 * name written as a string ({@code nextval('s')}) is read as {@code 's'::regclass}, looked up when
 * the statement is planned. None is folded into a constant: each call acts when it runs, nextval
 * and setval once per row.
 */
final class SequenceCalls {
    private SequenceCalls() {
    }

    private static SqlFunction function(String name, org.apache.calcite.sql.type.SqlOperandTypeChecker operands) {
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, ReturnTypes.BIGINT.andThen(SqlTypeTransforms.TO_NULLABLE),
                null, operands, SqlFunctionCategory.SYSTEM) {
            @Override
            public boolean isDeterministic() {
                return false;
            }
        };
    }

    static final SqlFunction NEXTVAL = function("NEXTVAL", OperandTypes.INTEGER);
    static final SqlFunction CURRVAL = function("CURRVAL", OperandTypes.INTEGER);
    static final SqlFunction SETVAL = function("SETVAL", OperandTypes.or(
            OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.NUMERIC),
            OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.NUMERIC, SqlTypeFamily.BOOLEAN)));
    static final SqlFunction LASTVAL = function("LASTVAL", OperandTypes.NILADIC);

    static final List<SqlOperator> FUNCTIONS = List.of(NEXTVAL, CURRVAL, SETVAL, LASTVAL);

    /** The functions whose first argument names a sequence. */
    private static final Set<String> TAKING_A_SEQUENCE = Set.of("nextval", "currval", "setval");

    /** Reads a string naming a sequence as a regclass, so the name is looked up like {@code 's'::regclass}. */
    static void rewrite(SqlNode node) {
        SqlTreeRewriter.replaceAll(node, n -> {
            if (n instanceof SqlCall call && call.getKind() == SqlKind.OTHER_FUNCTION && call.operandCount() > 0
                    && TAKING_A_SEQUENCE.contains(call.getOperator().getName().toLowerCase(java.util.Locale.ROOT))
                    && call.operand(0) instanceof SqlCharStringLiteral name) {
                call.setOperand(0, SqlStdOperatorTable.CAST.createCall(name.getParserPosition(), name,
                        new SqlDataTypeSpec(PgTypeNameSpec.forAlias("regclass", -1, name.getParserPosition()),
                                name.getParserPosition())));
            }
            return null;
        });
    }

    /** Whether {@code n} calls one of these functions. */
    static boolean isSequenceCall(RexNode n) {
        return n instanceof RexCall c && FUNCTIONS.contains(c.getOperator());
    }
}
