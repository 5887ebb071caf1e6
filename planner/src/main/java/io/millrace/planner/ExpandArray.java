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
 * {@code information_schema._pg_expandarray(array)}: one row per element, with the element (x) and
 * its index from 1 (n). JDBC drivers and GUI tools read index keys with it. Run by the
 * {@link io.millrace.executor.plan.TableFunction} plan node.
 */
final class ExpandArray extends SqlFunction implements SqlTableFunction {
    static final ExpandArray FUNCTION = new ExpandArray();

    private ExpandArray() {
        super("_PG_EXPANDARRAY", SqlKind.OTHER_FUNCTION, ReturnTypes.CURSOR, null, OperandTypes.ARRAY,
                SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
    }

    @Override
    public SqlReturnTypeInference getRowTypeInference() {
        return ExpandArray::rowType;
    }

    private static RelDataType rowType(SqlOperatorBinding binding) {
        RelDataType element = binding.getOperandType(0).getComponentType();
        return binding.getTypeFactory().builder()
                .add("x", binding.getTypeFactory().createTypeWithNullability(element, true))
                .add("n", SqlTypeName.INTEGER).nullable(false)
                .build();
    }
}
