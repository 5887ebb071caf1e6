package io.millrace.planner;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.expr.Expr;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import io.millrace.executor.plan.Values;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code generate_series(start, stop [, step])} over integers, in FROM: the relation of start,
 * start + step, ... up to stop, with one column named {@code generate_series} (or after the
 * table alias, as in PostgreSQL: {@code FROM generate_series(1, 3) AS n} has a column n). Its
 * arguments must be constants; the rows are computed when the statement is planned.
 */
final class GenerateSeries extends SqlFunction implements SqlTableFunction {
    static final GenerateSeries FUNCTION = new GenerateSeries();

    /** More rows than this would be held in memory as a constant relation: refused. */
    static final long MAX_ROWS = 1_000_000L;

    private GenerateSeries() {
        super("GENERATE_SERIES", SqlKind.OTHER_FUNCTION, ReturnTypes.CURSOR, null,
                OperandTypes.or(OperandTypes.family(org.apache.calcite.sql.type.SqlTypeFamily.INTEGER,
                        org.apache.calcite.sql.type.SqlTypeFamily.INTEGER), OperandTypes.family(
                        org.apache.calcite.sql.type.SqlTypeFamily.INTEGER, org.apache.calcite.sql.type.SqlTypeFamily.INTEGER,
                        org.apache.calcite.sql.type.SqlTypeFamily.INTEGER)),
                SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
    }

    @Override
    public SqlReturnTypeInference getRowTypeInference() {
        return GenerateSeries::rowType;
    }

    /** integer when every argument is an integer (or smaller), else bigint. */
    private static RelDataType rowType(SqlOperatorBinding binding) {
        boolean big = false;
        for (int i = 0; i < binding.getOperandCount(); i++) {
            big |= binding.getOperandType(i).getSqlTypeName() == SqlTypeName.BIGINT;
        }
        return binding.getTypeFactory().builder()
                .add("generate_series", big ? SqlTypeName.BIGINT : SqlTypeName.INTEGER).nullable(false).build();
    }

    /** {@code FROM generate_series(...) AS s} names its column s too, as PostgreSQL does for a scalar function. */
    static void nameColumnsAfterAliases(SqlNode node) {
        SqlTreeRewriter.replaceAll(node, n -> {
            if (n.getKind() == SqlKind.AS && n instanceof SqlCall as && as.operandCount() == 2
                    && as.operand(0).getKind() == SqlKind.COLLECTION_TABLE
                    && ((SqlCall) as.operand(0)).operand(0) instanceof SqlCall f
                    && f.getOperator().getName().equalsIgnoreCase("generate_series")
                    && as.operand(1) instanceof SqlIdentifier alias) {
                return org.apache.calcite.sql.fun.SqlStdOperatorTable.AS.createCall(as.getParserPosition(),
                        as.operand(0), alias, alias);
            }
            return null;
        });
    }

    /** The rows of a call whose arguments are {@code args} (converted); not constants is 0A000. */
    static Values rows(List<Expr> args, RelDataType rowType) {
        long[] v = new long[3];
        v[2] = 1;
        for (int i = 0; i < args.size(); i++) {
            if (!(args.get(i) instanceof Expr.Literal lit)) {
                throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                        "generate_series with arguments that are not constants is not supported yet");
            }
            if (lit.value() == null) {
                return values(List.of(), rowType);
            }
            v[i] = ((Number) lit.value()).longValue();
        }
        long start = v[0];
        long stop = v[1];
        long step = v[2];
        if (step == 0) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
        }
        long count = (step > 0 ? stop >= start : stop <= start)
                ? Math.floorDiv(Math.subtractExact(stop, start), step) + 1 : 0;
        if (count > MAX_ROWS) {
            throw new MillraceException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "generate_series of more than " + MAX_ROWS + " rows is not supported yet");
        }
        List<List<Object>> rows = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            rows.add(List.of(start + i * step));
        }
        return values(rows, rowType);
    }

    private static Values values(List<List<Object>> rows, RelDataType rowType) {
        RelDataType column = rowType.getFieldList().get(0).getType();
        return new Values(rows, new RowSchema(List.of(new Field(rowType.getFieldList().get(0).getName(),
                TypeMapping.toDataType(column), false))));
    }
}
