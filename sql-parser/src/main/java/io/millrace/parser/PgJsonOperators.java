package io.millrace.parser;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;

/**
 * PostgreSQL's json and jsonb operators as the parser reads them: {@code ->}, {@code ->>},
 * {@code #>}, {@code #>>}, {@code @>}, {@code <@} and {@code ?}, left-associative, binding tighter than
 * comparisons and looser than + and - (PostgreSQL's "any other operator"). The planner gives them
 * their types.
 */
public final class PgJsonOperators {
    /** Between comparison (30) and + / - (40); Calcite takes even precedences only. */
    public static final int PRECEDENCE = 34;

    public static final SqlBinaryOperator GET = operator("->");
    public static final SqlBinaryOperator GET_TEXT = operator("->>");
    public static final SqlBinaryOperator PATH = operator("#>");
    public static final SqlBinaryOperator PATH_TEXT = operator("#>>");
    public static final SqlBinaryOperator CONTAINS = operator("@>");
    public static final SqlBinaryOperator CONTAINED = operator("<@");
    /** {@code jsonb ? key}: after an operand, ? is this operator, not a parameter. */
    public static final SqlBinaryOperator EXISTS = operator("?");

    private PgJsonOperators() {
    }

    private static SqlBinaryOperator operator(String name) {
        return new SqlBinaryOperator(name, SqlKind.OTHER, PRECEDENCE, true, null, null, null);
    }
}
