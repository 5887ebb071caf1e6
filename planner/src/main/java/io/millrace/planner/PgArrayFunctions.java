package io.millrace.planner;

import java.util.List;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;

/** PostgreSQL's array functions as PostgreSQL declares them (Calcite has other libraries' versions). */
final class PgArrayFunctions {
    private PgArrayFunctions() {
    }

    static final SqlFunction ARRAY_TO_STRING = new SqlFunction("ARRAY_TO_STRING", SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE),
            null, OperandTypes.or(OperandTypes.sequence("ARRAY_TO_STRING(<array>, <text>)", OperandTypes.ARRAY,
                    OperandTypes.CHARACTER), OperandTypes.sequence("ARRAY_TO_STRING(<array>, <text>, <text>)",
                    OperandTypes.ARRAY, OperandTypes.CHARACTER, OperandTypes.CHARACTER)),
            SqlFunctionCategory.STRING);

    static final SqlFunction ARRAY_LENGTH = dimensionFunction("ARRAY_LENGTH");
    static final SqlFunction ARRAY_LOWER = dimensionFunction("ARRAY_LOWER");
    static final SqlFunction ARRAY_UPPER = dimensionFunction("ARRAY_UPPER");

    /** {@code f(array, dimension)}: an integer, NULL when the array has no such dimension. */
    private static SqlFunction dimensionFunction(String name) {
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, ReturnTypes.explicit(SqlTypeName.INTEGER)
                .andThen(org.apache.calcite.sql.type.SqlTypeTransforms.FORCE_NULLABLE), null,
                OperandTypes.sequence(name + "(<array>, <integer>)", OperandTypes.ARRAY, OperandTypes.INTEGER),
                SqlFunctionCategory.SYSTEM);
    }

    /**
     * Aggregates written with array_agg, so they are maintained under deletes as it is:
     * {@code string_agg(x, d)} is {@code array_to_string(array_agg(x), d)} (the non-NULL values
     * joined) and {@code jsonb_agg(x)} is {@code to_jsonb(array_agg(x))} (json_agg: that as json).
     * The values come in value order, as array_agg lists them; no values give NULL.
     */
    static void rewriteArrayAggregates(SqlNode node) {
        SqlTreeRewriter.replaceAll(node, n -> {
            if (!(n instanceof org.apache.calcite.sql.SqlBasicCall call) || call.getFunctionQuantifier() != null) {
                return null;
            }
            String name = call.getOperator().getName().toLowerCase(java.util.Locale.ROOT);
            boolean stringAgg = name.equals("string_agg") && call.operandCount() == 2;
            boolean jsonAgg = (name.equals("json_agg") || name.equals("jsonb_agg")) && call.operandCount() == 1;
            if (!stringAgg && !jsonAgg) {
                return null;
            }
            SqlNode value = call.operand(0);
            rewriteArrayAggregates(value);
            org.apache.calcite.sql.parser.SqlParserPos pos = call.getParserPosition();
            SqlNode values = org.apache.calcite.sql.fun.SqlLibraryOperators.ARRAY_AGG.createCall(pos, value);
            if (stringAgg) {
                SqlNode delimiter = call.operand(1);
                return ARRAY_TO_STRING.createCall(pos, values, delimiter);
            }
            // json_agg separates elements with ", " as jsonb does (to_json of an array would not).
            SqlNode jsonb = new org.apache.calcite.sql.SqlUnresolvedFunction(new org.apache.calcite.sql.SqlIdentifier(
                    "to_jsonb", pos), null, null, null, null, SqlFunctionCategory.USER_DEFINED_FUNCTION)
                    .createCall(pos, values);
            return name.equals("jsonb_agg") ? jsonb : JsonSqlType.castCall(false, jsonb);
        });
    }

    /** An array as text ({1,2}): Calcite's CAST cannot take an array to a string type. */
    static final SqlFunction ARRAY_TEXT = new SqlFunction("MR_ARRAY_TEXT", SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE),
            null, OperandTypes.ARRAY, SqlFunctionCategory.SYSTEM);

    /**
     * A cast to text of what is an array by its form (an ARRAY constructor, ARRAY(subquery),
     * array_agg) becomes {@link #ARRAY_TEXT}. A cast of an array column is still refused (0A000):
     * its type is known only once validated.
     */
    static void rewriteArrayTextCasts(SqlNode node) {
        SqlTreeRewriter.replaceAll(node, n -> {
            if (n.getKind() != SqlKind.CAST || !(n instanceof org.apache.calcite.sql.SqlCall cast)
                    || cast.operandCount() != 2 || !(cast.operand(1) instanceof org.apache.calcite.sql.SqlDataTypeSpec spec)) {
                return null;
            }
            SqlNode value = cast.operand(0);
            boolean array = value.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR
                    || value.getKind() == SqlKind.ARRAY_QUERY_CONSTRUCTOR
                    || value instanceof org.apache.calcite.sql.SqlCall c && c.getOperator().getName().equalsIgnoreCase("array_agg");
            SqlTypeName to = spec.getTypeNameSpec() instanceof io.millrace.parser.PgTypeNameSpec pg ? pg.sqlTypeName()
                    : spec.getTypeNameSpec() instanceof org.apache.calcite.sql.SqlBasicTypeNameSpec basic
                    ? SqlTypeName.get(basic.getTypeName().getSimple()) : null;
            if (!array || to != SqlTypeName.VARCHAR && to != SqlTypeName.CHAR) {
                return null;
            }
            rewriteArrayTextCasts(value);
            return ARRAY_TEXT.createCall(n.getParserPosition(), value);
        });
    }

    /** Its array argument, or an empty array for NULL: ARRAY(subquery) of no rows (see ArraySubqueries). */
    static final SqlFunction OR_EMPTY = new SqlFunction("MR_ARRAY_OR_EMPTY", SqlKind.OTHER_FUNCTION,
            ReturnTypes.ARG0.andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NOT_NULLABLE), null,
            OperandTypes.ARRAY, SqlFunctionCategory.SYSTEM);

    /** array_append(array, element), array_remove(array, element): the array's type. */
    static final SqlFunction ARRAY_APPEND = arrayAndElement("ARRAY_APPEND");
    static final SqlFunction ARRAY_REMOVE = arrayAndElement("ARRAY_REMOVE");
    static final SqlFunction ARRAY_PREPEND = new SqlFunction("ARRAY_PREPEND", SqlKind.OTHER_FUNCTION,
            ReturnTypes.ARG1.andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NOT_NULLABLE), null,
            OperandTypes.sequence("ARRAY_PREPEND(<element>, <array>)", OperandTypes.ANY, OperandTypes.ARRAY),
            SqlFunctionCategory.SYSTEM);
    static final SqlFunction ARRAY_CAT = new SqlFunction("ARRAY_CAT", SqlKind.OTHER_FUNCTION,
            ReturnTypes.LEAST_RESTRICTIVE.andThen(org.apache.calcite.sql.type.SqlTypeTransforms.FORCE_NULLABLE), null,
            OperandTypes.sequence("ARRAY_CAT(<array>, <array>)", OperandTypes.ARRAY, OperandTypes.ARRAY),
            SqlFunctionCategory.SYSTEM);
    /** array_position(array, element): the first position holding the element, or NULL. */
    static final SqlFunction ARRAY_POSITION = new SqlFunction("ARRAY_POSITION", SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.INTEGER).andThen(org.apache.calcite.sql.type.SqlTypeTransforms.FORCE_NULLABLE),
            null, OperandTypes.sequence("ARRAY_POSITION(<array>, <element>)", OperandTypes.ARRAY, OperandTypes.ANY),
            SqlFunctionCategory.SYSTEM);

    private static SqlFunction arrayAndElement(String name) {
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0, null,
                OperandTypes.sequence(name + "(<array>, <element>)", OperandTypes.ARRAY, OperandTypes.ANY),
                SqlFunctionCategory.SYSTEM);
    }

    static List<SqlOperator> all() {
        return List.of(ARRAY_TO_STRING, ARRAY_LENGTH, ARRAY_LOWER, ARRAY_UPPER, OR_EMPTY, ARRAY_APPEND, ARRAY_REMOVE,
                ARRAY_PREPEND, ARRAY_CAT, ARRAY_POSITION, ARRAY_TEXT);
    }
}
