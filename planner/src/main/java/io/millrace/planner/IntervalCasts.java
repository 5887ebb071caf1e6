package io.millrace.planner;

import io.millrace.common.PgInterval;
import io.millrace.parser.PgIntervalTypeNameSpec;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.sql.type.OperandTypes;

/**
 * Casts to PostgreSQL's interval ({@link PgIntervalTypeNameSpec}, Calcite's INTERVAL DAY TO
 * SECOND to the validator) are the engine's: Calcite would read {@code '1 month'} by the SQL
 * standard's rules for a day-to-second interval, and fold it so. Before validation every cast to
 * interval and every SQL-standard interval literal ({@code INTERVAL '90' MINUTE}) becomes a call
 * of {@link #TO_INTERVAL}, as does every cast to interval Calcite makes itself
 * ({@link JsonSqlType.RexBuilder}).
 */
final class IntervalCasts {
    private IntervalCasts() {
    }

    /** {@code MR_INTERVAL(x)}: x read as an interval (text by PostgreSQL's input rules, time as its microseconds). */
    static final SqlFunction TO_INTERVAL = new SqlFunction("MR_INTERVAL", SqlKind.OTHER_FUNCTION,
            b -> b.getTypeFactory().createTypeWithNullability(PgIntervalTypeNameSpec.type(b.getTypeFactory()),
                    b.getOperandType(0).isNullable()),
            null, OperandTypes.ANY, SqlFunctionCategory.SYSTEM);

    /** Whether {@code type} is the interval type. */
    static boolean isInterval(RelDataType type) {
        return org.apache.calcite.sql.type.SqlTypeUtil.isInterval(type);
    }

    /** Replaces casts to interval and standard interval literals under {@code node}, in place. */
    static void rewrite(SqlNode node) {
        SqlTreeRewriter.replaceAll(node, n -> {
            if (n.getKind() == SqlKind.CAST && n instanceof SqlCall cast && cast.operandCount() == 2
                    && cast.operand(1) instanceof SqlDataTypeSpec spec
                    && spec.getTypeNameSpec() instanceof PgIntervalTypeNameSpec) {
                SqlNode value = cast.operand(0);
                rewrite(value);
                return TO_INTERVAL.createCall(cast.getParserPosition(), value);
            }
            if (n instanceof SqlIntervalLiteral literal) {
                return TO_INTERVAL.createCall(literal.getParserPosition(),
                        SqlLiteral.createCharString(standardValue(literal).toString(), literal.getParserPosition()));
            }
            return null;
        });
    }

    /**
     * The interval a standard literal stands for: years and months as months, a day-to-time one as
     * days (when it starts at DAY) and time.
     */
    private static PgInterval standardValue(SqlIntervalLiteral literal) {
        SqlIntervalLiteral.IntervalValue value = literal.getValueAs(SqlIntervalLiteral.IntervalValue.class);
        int sign = value.getSign();
        if (value.getIntervalQualifier().isYearMonth()) {
            return new PgInterval(Math.toIntExact(sign * SqlParserUtil.intervalToMonths(value)), 0, 0);
        }
        long micros = SqlParserUtil.intervalToMillis(value) * 1000;
        long days = value.getIntervalQualifier().getStartUnit() == TimeUnit.DAY ? micros / PgInterval.MICROS_PER_DAY : 0;
        return new PgInterval(0, Math.toIntExact(sign * days), sign * (micros - days * PgInterval.MICROS_PER_DAY));
    }
}
