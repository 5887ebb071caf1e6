package io.millrace.planner;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code generate_series(start, stop [, step])} over integers: the relation of start, start + step,
 * ... up to stop, with one column named {@code generate_series}. Run by the
 * {@link io.millrace.executor.plan.TableFunction} plan node.
 */
final class GenerateSeries extends SqlFunction implements SqlTableFunction {
    static final GenerateSeries FUNCTION = new GenerateSeries();

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
}
