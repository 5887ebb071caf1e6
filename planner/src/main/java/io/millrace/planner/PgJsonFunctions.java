package io.millrace.planner;

import io.millrace.executor.plan.TableFunction;
import io.millrace.parser.PgJsonOperators;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;

/**
 * The types of PostgreSQL's json and jsonb operators and functions (the engine's
 * {@link io.millrace.executor.expr.Function}s compute them): {@code ->}, {@code ->>}, {@code #>},
 * {@code #>>}, {@code @>} and {@code <@} (on arrays too), the json and jsonb functions, and the
 * set-returning ones ({@code jsonb_array_elements}, {@code jsonb_each}, {@code jsonb_object_keys}).
 */
final class PgJsonFunctions {
    private PgJsonFunctions() {
    }

    private static final SqlReturnTypeInference TEXT = ReturnTypes.explicit(SqlTypeName.VARCHAR)
            .andThen(SqlTypeTransforms.FORCE_NULLABLE);
    private static final SqlReturnTypeInference FIRST_NULLABLE = ReturnTypes.ARG0.andThen(SqlTypeTransforms.FORCE_NULLABLE);

    static final SqlBinaryOperator GET = binary(PgJsonOperators.GET, FIRST_NULLABLE);
    static final SqlBinaryOperator GET_TEXT = binary(PgJsonOperators.GET_TEXT, TEXT);
    static final SqlBinaryOperator PATH = binary(PgJsonOperators.PATH, FIRST_NULLABLE);
    static final SqlBinaryOperator PATH_TEXT = binary(PgJsonOperators.PATH_TEXT, TEXT);
    static final SqlBinaryOperator CONTAINS = binary(PgJsonOperators.CONTAINS, ReturnTypes.BOOLEAN_NULLABLE);
    static final SqlBinaryOperator CONTAINED = binary(PgJsonOperators.CONTAINED, ReturnTypes.BOOLEAN_NULLABLE);
    static final SqlBinaryOperator EXISTS = binary(PgJsonOperators.EXISTS, ReturnTypes.BOOLEAN_NULLABLE);

    /** The parser's operators (untyped) and the typed ones that replace them. */
    private static final Map<SqlOperator, SqlOperator> TYPED = Map.of(PgJsonOperators.GET, GET,
            PgJsonOperators.GET_TEXT, GET_TEXT, PgJsonOperators.PATH, PATH, PgJsonOperators.PATH_TEXT, PATH_TEXT,
            PgJsonOperators.CONTAINS, CONTAINS, PgJsonOperators.CONTAINED, CONTAINED, PgJsonOperators.EXISTS, EXISTS);

    private static SqlBinaryOperator binary(SqlBinaryOperator parsed, SqlReturnTypeInference type) {
        return new SqlBinaryOperator(parsed.getName(), SqlKind.OTHER, parsed.getLeftPrec(), true, type, null,
                OperandTypes.ANY_ANY);
    }

    /** The typed operator for a parsed one, or null. */
    static SqlOperator typed(SqlOperator parsed) {
        return TYPED.get(parsed);
    }

    private static SqlReturnTypeInference json(boolean binary) {
        return b -> TypeMapping.jsonType(b.getTypeFactory(), binary);
    }

    private static SqlFunction function(String name, SqlReturnTypeInference type, boolean variadic) {
        return new SqlFunction(name.toUpperCase(Locale.ROOT), SqlKind.OTHER_FUNCTION, type, null,
                variadic ? OperandTypes.VARIADIC : OperandTypes.ONE_OR_MORE, SqlFunctionCategory.USER_DEFINED_FUNCTION);
    }

    /** The scalar functions, by the engine function each computes (json_ and jsonb_ spellings alike). */
    static final Map<String, io.millrace.executor.expr.Function> FUNCTIONS = Map.ofEntries(
            Map.entry("JSONB_TYPEOF", io.millrace.executor.expr.Function.JSON_TYPEOF),
            Map.entry("JSON_TYPEOF", io.millrace.executor.expr.Function.JSON_TYPEOF),
            Map.entry("JSONB_ARRAY_LENGTH", io.millrace.executor.expr.Function.JSON_ARRAY_LENGTH),
            Map.entry("JSON_ARRAY_LENGTH", io.millrace.executor.expr.Function.JSON_ARRAY_LENGTH),
            Map.entry("TO_JSONB", io.millrace.executor.expr.Function.TO_JSON),
            Map.entry("TO_JSON", io.millrace.executor.expr.Function.TO_JSON),
            Map.entry("JSONB_BUILD_OBJECT", io.millrace.executor.expr.Function.JSON_BUILD_OBJECT),
            Map.entry("JSON_BUILD_OBJECT", io.millrace.executor.expr.Function.JSON_BUILD_OBJECT),
            Map.entry("JSONB_BUILD_ARRAY", io.millrace.executor.expr.Function.JSON_BUILD_ARRAY),
            Map.entry("JSON_BUILD_ARRAY", io.millrace.executor.expr.Function.JSON_BUILD_ARRAY),
            Map.entry("JSONB_EXTRACT_PATH", io.millrace.executor.expr.Function.JSON_PATH),
            Map.entry("JSON_EXTRACT_PATH", io.millrace.executor.expr.Function.JSON_PATH),
            Map.entry("JSONB_EXTRACT_PATH_TEXT", io.millrace.executor.expr.Function.JSON_PATH_TEXT),
            Map.entry("JSON_EXTRACT_PATH_TEXT", io.millrace.executor.expr.Function.JSON_PATH_TEXT),
            Map.entry("JSONB_SET", io.millrace.executor.expr.Function.JSON_SET),
            Map.entry("JSONB_PRETTY", io.millrace.executor.expr.Function.JSON_PRETTY),
            Map.entry("JSONB_STRIP_NULLS", io.millrace.executor.expr.Function.JSON_STRIP_NULLS),
            Map.entry("JSON_STRIP_NULLS", io.millrace.executor.expr.Function.JSON_STRIP_NULLS));

    /** Whether a function name is a json_ one (its json arguments and results are json, not jsonb). */
    static boolean isJsonSpelling(String upperName) {
        return upperName.startsWith("JSON_") || upperName.equals("TO_JSON");
    }

    static List<SqlOperator> functions() {
        List<SqlOperator> out = new java.util.ArrayList<>(TYPED.values());
        for (String name : FUNCTIONS.keySet()) {
            boolean binary = !isJsonSpelling(name);
            SqlReturnTypeInference type = switch (FUNCTIONS.get(name)) {
                case JSON_TYPEOF, JSON_PATH_TEXT, JSON_PRETTY -> TEXT;
                case JSON_ARRAY_LENGTH -> ReturnTypes.explicit(SqlTypeName.INTEGER).andThen(SqlTypeTransforms.FORCE_NULLABLE);
                default -> json(binary);
            };
            boolean variadic = name.contains("BUILD") || name.contains("EXTRACT_PATH");
            out.add(function(name, type, variadic));
        }
        return out;
    }
}
