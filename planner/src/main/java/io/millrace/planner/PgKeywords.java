package io.millrace.planner;

import io.millrace.executor.plan.Values;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import io.millrace.parser.MillraceParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * {@code pg_get_keywords()}: the keywords Millrace's SQL grammar has, as PostgreSQL lists its own
 * (catcode R for reserved, U for usable as names), which clients read to highlight SQL.
 */
final class PgKeywords extends SqlFunction implements SqlTableFunction {
    static final PgKeywords FUNCTION = new PgKeywords();

    private static final List<String> COLUMNS = List.of("word", "catcode", "barelabel", "catdesc", "baredesc");

    private PgKeywords() {
        super("PG_GET_KEYWORDS", SqlKind.OTHER_FUNCTION, ReturnTypes.CURSOR, null, OperandTypes.NILADIC,
                SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
    }

    @Override
    public SqlReturnTypeInference getRowTypeInference() {
        return PgKeywords::rowType;
    }

    private static RelDataType rowType(SqlOperatorBinding binding) {
        var f = binding.getTypeFactory();
        var builder = f.builder();
        for (String c : COLUMNS) {
            builder.add(c, c.equals("barelabel") ? SqlTypeName.BOOLEAN : SqlTypeName.VARCHAR).nullable(false);
        }
        return builder.build();
    }

    /** The rows, from the grammar's own keyword table. */
    static Values rows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Boolean> k : MillraceParser.keywords().entrySet()) {
            boolean reserved = k.getValue();
            rows.add(List.of(k.getKey(), reserved ? "R" : "U", !reserved, reserved ? "reserved" : "unreserved",
                    reserved ? "requires AS" : "can be bare label"));
        }
        List<Field> fields = new ArrayList<>();
        for (String c : COLUMNS) {
            fields.add(new Field(c, c.equals("barelabel") ? DataType.BOOLEAN : DataType.TEXT, false));
        }
        return new Values(rows, new RowSchema(fields));
    }
}
