package io.millrace.parser;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * PostgreSQL's {@code expr::type}, used only while the parser resolves operator precedence: it
 * binds tighter than every arithmetic operator and unary minus (as in PostgreSQL, {@code a + b::int}
 * casts {@code b}, {@code -x::int} casts {@code x}), and associates to the left
 * ({@code x::text::int}). The call it creates is an ordinary {@code CAST(expr AS type)}, so the
 * planner never sees this operator.
 */
public final class InfixCastOperator extends SqlBinaryOperator {
    public static final InfixCastOperator INSTANCE = new InfixCastOperator();

    /** Above '*' (60) and unary minus (80), below '.' and '[]' (100); same as Calcite's '::'. */
    private static final int PRECEDENCE = 94;

    private InfixCastOperator() {
        super("::", SqlKind.CAST, PRECEDENCE, true, ReturnTypes.ARG0, InferTypes.FIRST_KNOWN, null);
    }

    @Override
    public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
        return SqlStdOperatorTable.CAST.createCall(pos, operands);
    }
}
