package io.millrace.planner;

import java.math.BigDecimal;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Literals read the way PostgreSQL reads them, fixed up before validation.
 *
 * <p>Timestamp and time literals may omit seconds ({@code TIMESTAMP '2024-07-04 12:00'}) or use a
 * 'T' between date and time; Calcite's literal parsing wants the full form.
 *
 * <p>Numeric literals stay exact. Calcite types {@code 0.1} as DECIMAL(1,1) and rescales literals
 * when it casts or unifies them (so {@code 0.1::numeric} would lose its digits and
 * {@code VALUES (0.1), (2.25)} would print 0.10). PostgreSQL treats such a literal as a numeric
 * with its own scale. Before validation each decimal literal is wrapped in
 * {@link #FUNCTION}, typed as unconstrained numeric, and the planner turns it back into the exact
 * value.
 */
final class LiteralRewrites {
    static final SqlFunction FUNCTION = new SqlFunction("MR_NUMERIC_LITERAL", SqlKind.OTHER_FUNCTION,
            opBinding -> opBinding.getTypeFactory().createTypeWithNullability(
                    MillraceTypeSystem.unconstrainedNumeric(opBinding.getTypeFactory()), false),
            null, OperandTypes.CHARACTER, SqlFunctionCategory.NUMERIC);

    private LiteralRewrites() {
    }

    /** Rewrites the literals under {@code node}, in place. */
    static void rewrite(SqlNode node) {
        SqlTreeRewriter.replaceAll(node, LiteralRewrites::replacement);
    }

    private static SqlNode replacement(SqlNode n) {
        if (isComparisonWithNull(n)) {
            // NULL whatever the other side: folded here, as PostgreSQL does when planning, since
            // Calcite's predicate analysis rejects a comparison with a NULL constant.
            org.apache.calcite.sql.parser.SqlParserPos pos = n.getParserPosition();
            return org.apache.calcite.sql.fun.SqlStdOperatorTable.CAST.createCall(pos, SqlLiteral.createNull(pos),
                    new org.apache.calcite.sql.SqlDataTypeSpec(
                            new org.apache.calcite.sql.SqlBasicTypeNameSpec(SqlTypeName.BOOLEAN, pos), pos));
        }
        if (isDecimal(n)) {
            return wrap((SqlNumericLiteral) n);
        }
        if (n instanceof org.apache.calcite.sql.SqlUnknownLiteral u) {
            String completed = completeDatetime(u.tag, u.getValue());
            return completed.equals(u.getValue()) ? null : SqlLiteral.createUnknown(u.tag, completed, u.getParserPosition());
        }
        return null;
    }

    /**
     * {@code INSERT ... VALUES ('2024-01-02', f(x)), (NULL, y)}: a bare NULL in a column where another
     * row has a string literal becomes {@code CAST(NULL AS VARCHAR)}. Calcite would type the NULL as
     * the target column (date) but leave the string a string, then find the rows' types incompatible;
     * in PostgreSQL both are untyped and take the column's type, as they do here once the column's
     * strings and NULLs are all text. (Rows of literals only take the fast path and never get here.)
     */
    static void typeNullsBesideStrings(SqlNode node) {
        if (!(node instanceof org.apache.calcite.sql.SqlInsert insert) || insert.getSource().getKind() != SqlKind.VALUES) {
            return;
        }
        java.util.List<SqlNode> rows = ((org.apache.calcite.sql.SqlCall) insert.getSource()).getOperandList();
        if (rows.size() < 2) {
            return;
        }
        int width = Integer.MAX_VALUE;
        for (SqlNode row : rows) {
            if (row.getKind() != SqlKind.ROW || !(row instanceof org.apache.calcite.sql.SqlBasicCall)) {
                return;
            }
            width = Math.min(width, ((org.apache.calcite.sql.SqlBasicCall) row).operandCount());
        }
        for (int c = 0; c < width; c++) {
            int column = c;
            if (rows.stream().noneMatch(r -> ((org.apache.calcite.sql.SqlBasicCall) r).operand(column)
                    instanceof org.apache.calcite.sql.SqlCharStringLiteral)) {
                continue;
            }
            for (SqlNode r : rows) {
                org.apache.calcite.sql.SqlBasicCall row = (org.apache.calcite.sql.SqlBasicCall) r;
                SqlNode item = row.operand(c);
                if (item instanceof SqlLiteral lit && lit.getTypeName() == SqlTypeName.NULL) {
                    org.apache.calcite.sql.parser.SqlParserPos pos = item.getParserPosition();
                    row.setOperand(c, org.apache.calcite.sql.fun.SqlStdOperatorTable.CAST.createCall(pos, item,
                            new org.apache.calcite.sql.SqlDataTypeSpec(
                                    new org.apache.calcite.sql.SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos), pos)));
                }
            }
        }
    }

    /** '2024-07-04 12:00' as '2024-07-04 12:00:00', '12:00' as '12:00:00', a 'T' separator as a space. */
    static String completeDatetime(String tag, String value) {
        String t = value.strip();
        if (tag.equalsIgnoreCase("TIMESTAMP")) {
            if (t.length() > 10 && t.charAt(10) == 'T') {
                t = t.substring(0, 10) + ' ' + t.substring(11);
            }
            if (t.matches("\\d{4}-\\d{1,2}-\\d{1,2} \\d{1,2}:\\d{2}")) {
                return t + ":00";
            }
            if (t.matches("\\d{4}-\\d{1,2}-\\d{1,2}")) {
                return t + " 00:00:00";
            }
            return t;
        }
        if (tag.equalsIgnoreCase("TIME") && t.matches("\\d{1,2}:\\d{2}")) {
            return t + ":00";
        }
        return value;
    }

    private static final java.util.Set<SqlKind> PLAIN_COMPARISONS = java.util.EnumSet.of(SqlKind.EQUALS,
            SqlKind.NOT_EQUALS, SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN,
            SqlKind.GREATER_THAN_OR_EQUAL);

    private static boolean isComparisonWithNull(SqlNode n) {
        // Only the plain comparisons: NULL IN (an empty subquery) is false, not NULL.
        if (!(n instanceof org.apache.calcite.sql.SqlBasicCall call) || !PLAIN_COMPARISONS.contains(call.getKind())
                || call.operandCount() != 2) {
            return false;
        }
        return isNullValue(call.operand(0)) || isNullValue(call.operand(1));
    }

    /** NULL, CAST(NULL AS t), or + / - of one of those. */
    private static boolean isNullValue(SqlNode n) {
        if (org.apache.calcite.sql.SqlUtil.isNullLiteral(n, true)) {
            return true;
        }
        return n instanceof org.apache.calcite.sql.SqlBasicCall c
                && (c.getKind() == SqlKind.MINUS_PREFIX || c.getKind() == SqlKind.PLUS_PREFIX) && isNullValue(c.operand(0));
    }

    private static boolean isDecimal(SqlNode n) {
        if (!(n instanceof SqlNumericLiteral lit) || !lit.isExact()) {
            return false;
        }
        BigDecimal v = lit.getValueAs(BigDecimal.class);
        // A literal with a fraction, or an integer too big for bigint, is a numeric in PostgreSQL.
        return lit.getTypeName() == SqlTypeName.DECIMAL && (v.scale() > 0 || v.abs().compareTo(LONG_MAX) > 0)
                || lit.getScale() != null && lit.getScale() > 0;
    }

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private static SqlNode wrap(SqlNumericLiteral lit) {
        String text = lit.getValueAs(BigDecimal.class).toPlainString();
        return FUNCTION.createCall(lit.getParserPosition(), SqlLiteral.createCharString(text, lit.getParserPosition()));
    }
}
