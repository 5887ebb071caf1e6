package io.millrace.planner;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlMonotonicBinaryOperator;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * PostgreSQL operators and functions Calcite lacks: {@code date + integer}, {@code date - integer}
 * and {@code date - date} (a number of days), {@code date_trunc(text, timestamp)},
 * {@code quote_ident} and {@code quote_literal}. The
 * parser builds Calcite's own + and -; {@link #rewrite} swaps in these before validation.
 */
final class PgOperators {
    private PgOperators() {
    }

    static final SqlMonotonicBinaryOperator PLUS = new SqlMonotonicBinaryOperator("+", SqlKind.PLUS, 40, true,
            PgOperators::plusType, null, withDates(OperandTypes.PLUS_OPERATOR, false));

    static final SqlMonotonicBinaryOperator MINUS = new SqlMonotonicBinaryOperator("-", SqlKind.MINUS, 40, true,
            PgOperators::minusType, null, withDates(OperandTypes.MINUS_OPERATOR, true));

    /** {@code ||}: Calcite's for strings, plus array || array, array || element and element || array. */
    static final SqlBinaryOperator CONCAT = new SqlBinaryOperator("||", SqlKind.OTHER, 60, true,
            PgOperators::concatType, null, withArrays(SqlStdOperatorTable.CONCAT.getOperandTypeChecker()));

    /** {@code value AT TIME ZONE zone}: timestamp to timestamptz (a date is a timestamp) and timestamptz to timestamp. */
    static final SqlBinaryOperator AT_TIME_ZONE = new SqlBinaryOperator("AT TIME ZONE", SqlKind.OTHER,
            io.millrace.parser.PgAtTimeZone.OPERATOR.getLeftPrec(), true, PgOperators::atTimeZoneType, null,
            OperandTypes.family(org.apache.calcite.sql.type.SqlTypeFamily.DATETIME,
                    org.apache.calcite.sql.type.SqlTypeFamily.CHARACTER));

    private static RelDataType atTimeZoneType(SqlOperatorBinding b) {
        RelDataType value = b.getOperandType(0);
        SqlTypeName to = value.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE ? SqlTypeName.TIMESTAMP
                : SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
        return b.getTypeFactory().createTypeWithNullability(b.getTypeFactory().createSqlType(to, 6),
                value.isNullable() || b.getOperandType(1).isNullable());
    }

    /**
     * EXTRACT(field FROM value) is numeric in PostgreSQL (seconds and epoch keep their fraction);
     * Calcite's is bigint.
     */
    static final org.apache.calcite.sql.fun.SqlExtractFunction EXTRACT =
            new org.apache.calcite.sql.fun.SqlExtractFunction("EXTRACT", false) {
                @Override
                public RelDataType inferReturnType(SqlOperatorBinding b) {
                    return b.getTypeFactory().createTypeWithNullability(
                            MillraceTypeSystem.unconstrainedNumeric(b.getTypeFactory()), b.getOperandType(1).isNullable());
                }
            };

    /** sum and avg of numbers, as Calcite's, and of intervals (field by field), as PostgreSQL's. */
    static final org.apache.calcite.sql.SqlAggFunction SUM = new org.apache.calcite.sql.fun.SqlSumAggFunction(null) {
        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
            return binding.getOperandCount() == 1 && SqlTypeUtil.isInterval(binding.getOperandType(0))
                    || super.checkOperandTypes(binding, throwOnFailure);
        }
    };
    static final org.apache.calcite.sql.SqlAggFunction AVG = new org.apache.calcite.sql.fun.SqlAvgAggFunction(SqlKind.AVG) {
        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
            return binding.getOperandCount() == 1 && SqlTypeUtil.isInterval(binding.getOperandType(0))
                    || super.checkOperandTypes(binding, throwOnFailure);
        }
    };

    static final SqlFunction DATE_TRUNC = new SqlFunction("DATE_TRUNC", SqlKind.OTHER_FUNCTION,
            ReturnTypes.ARG1_NULLABLE, null, OperandTypes.sequence("DATE_TRUNC(<text>, <timestamp>)",
                    OperandTypes.CHARACTER, OperandTypes.DATETIME), SqlFunctionCategory.TIMEDATE);

    /** pg_size_pretty(bigint or numeric): a byte count in bytes, kB, MB, GB, TB or PB, as PostgreSQL rounds it. */
    static final SqlFunction PG_SIZE_PRETTY = new SqlFunction("PG_SIZE_PRETTY", SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE),
            null, OperandTypes.NUMERIC, SqlFunctionCategory.STRING);

    /** encode(bytea, format) and decode(text, format): bytes as hex, base64 or escaped text, and back. */
    static final SqlFunction ENCODE = new SqlFunction("ENCODE", SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE),
            null, OperandTypes.family(org.apache.calcite.sql.type.SqlTypeFamily.BINARY,
                    org.apache.calcite.sql.type.SqlTypeFamily.CHARACTER), SqlFunctionCategory.STRING);
    static final SqlFunction DECODE = new SqlFunction("DECODE", SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.VARBINARY).andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE),
            null, OperandTypes.family(org.apache.calcite.sql.type.SqlTypeFamily.CHARACTER,
                    org.apache.calcite.sql.type.SqlTypeFamily.CHARACTER), SqlFunctionCategory.STRING);

    /** justify_hours, justify_days, justify_interval (interval) and age(timestamp, timestamp): intervals. */
    static final SqlFunction JUSTIFY_HOURS = intervalFunction("JUSTIFY_HOURS", OperandTypes.INTERVAL);
    static final SqlFunction JUSTIFY_DAYS = intervalFunction("JUSTIFY_DAYS", OperandTypes.INTERVAL);
    static final SqlFunction JUSTIFY_INTERVAL = intervalFunction("JUSTIFY_INTERVAL", OperandTypes.INTERVAL);
    static final SqlFunction AGE = intervalFunction("AGE", OperandTypes.family(
            org.apache.calcite.sql.type.SqlTypeFamily.DATETIME, org.apache.calcite.sql.type.SqlTypeFamily.DATETIME));

    private static SqlFunction intervalFunction(String name, SqlOperandTypeChecker operands) {
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, b -> b.getTypeFactory().createTypeWithNullability(
                io.millrace.parser.PgIntervalTypeNameSpec.type(b.getTypeFactory()), true), null, operands,
                SqlFunctionCategory.TIMEDATE);
    }

    /** quote_ident(text) and quote_literal(text): a name or a value quoted for use in SQL text. */
    static final SqlFunction QUOTE_IDENT = textFunction("QUOTE_IDENT");
    static final SqlFunction QUOTE_LITERAL = textFunction("QUOTE_LITERAL");

    private static SqlFunction textFunction(String name) {
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, ReturnTypes.explicit(SqlTypeName.VARCHAR)
                .andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE), null, OperandTypes.CHARACTER,
                SqlFunctionCategory.STRING);
    }

    private static boolean isDate(RelDataType t) {
        return t.getSqlTypeName() == SqlTypeName.DATE;
    }

    /** date ± interval is a timestamp in PostgreSQL (Calcite keeps the date). */
    private static RelDataType dateWithInterval(SqlOperatorBinding b, RelDataType a, RelDataType c) {
        if (isDate(a) && SqlTypeUtil.isInterval(c) || SqlTypeUtil.isInterval(a) && isDate(c)) {
            return b.getTypeFactory().createTypeWithNullability(
                    b.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP), a.isNullable() || c.isNullable());
        }
        return null;
    }

    private static RelDataType plusType(SqlOperatorBinding b) {
        RelDataType a = b.getOperandType(0);
        RelDataType c = b.getOperandType(1);
        RelDataType timestamp = dateWithInterval(b, a, c);
        if (timestamp != null) {
            return timestamp;
        }
        if (SqlTypeUtil.isInterval(a) && SqlTypeUtil.isDatetime(c)) {
            // interval + datetime is the datetime's type, as datetime + interval is.
            return b.getTypeFactory().createTypeWithNullability(c, a.isNullable() || c.isNullable());
        }
        if (isDate(a) && SqlTypeUtil.isExactNumeric(c) || SqlTypeUtil.isExactNumeric(a) && isDate(c)) {
            return b.getTypeFactory().createTypeWithNullability(b.getTypeFactory().createSqlType(SqlTypeName.DATE),
                    a.isNullable() || c.isNullable());
        }
        return ReturnTypes.NULLABLE_SUM.inferReturnType(b);
    }

    private static RelDataType minusType(SqlOperatorBinding b) {
        RelDataType a = b.getOperandType(0);
        RelDataType c = b.getOperandType(1);
        RelDataType timestamp = dateWithInterval(b, a, c);
        if (timestamp != null) {
            return timestamp;
        }
        boolean nullable = a.isNullable() || c.isNullable();
        if (TypeMapping.isJson(a)) {
            // jsonb - key, jsonb - index.
            return b.getTypeFactory().createTypeWithNullability(a, nullable);
        }
        if (isDate(a) && isDate(c)) {
            return b.getTypeFactory().createTypeWithNullability(b.getTypeFactory().createSqlType(SqlTypeName.INTEGER),
                    nullable);
        }
        if (datetimeDifference(a, c)) {
            return b.getTypeFactory().createTypeWithNullability(
                    io.millrace.parser.PgIntervalTypeNameSpec.type(b.getTypeFactory()), nullable);
        }
        if (isDate(a) && SqlTypeUtil.isExactNumeric(c)) {
            return b.getTypeFactory().createTypeWithNullability(b.getTypeFactory().createSqlType(SqlTypeName.DATE),
                    nullable);
        }
        return ReturnTypes.NULLABLE_SUM.inferReturnType(b);
    }

    private static RelDataType concatType(SqlOperatorBinding b) {
        RelDataType a = b.getOperandType(0);
        RelDataType c = b.getOperandType(1);
        if (TypeMapping.isJson(a) || TypeMapping.isJson(c)) {
            // jsonb || jsonb (a json operand is read as jsonb).
            return b.getTypeFactory().createTypeWithNullability(TypeMapping.jsonType(b.getTypeFactory(), true),
                    a.isNullable() || c.isNullable());
        }
        RelDataType array = a.getSqlTypeName() == SqlTypeName.ARRAY ? a : c.getSqlTypeName() == SqlTypeName.ARRAY ? c : null;
        if (array == null) {
            return SqlStdOperatorTable.CONCAT.getReturnTypeInference().inferReturnType(b);
        }
        return b.getTypeFactory().createTypeWithNullability(array, a.isNullable() && c.isNullable());
    }

    /** Calcite's operand check for ||, or any operands when one is an array or json (the other is cast to fit). */
    private static SqlOperandTypeChecker withArrays(SqlOperandTypeChecker standard) {
        return orAlso(standard, (a, c) -> a.getSqlTypeName() == SqlTypeName.ARRAY || c.getSqlTypeName() == SqlTypeName.ARRAY
                || TypeMapping.isJson(a) || TypeMapping.isJson(c));
    }

    /** Calcite's operand check, plus date with integer (and, for minus, date with date, and jsonb - key). */
    private static SqlOperandTypeChecker withDates(SqlOperandTypeChecker standard, boolean minus) {
        return orAlso(standard, (a, c) -> isDate(a) && SqlTypeUtil.isExactNumeric(c)
                || !minus && SqlTypeUtil.isExactNumeric(a) && isDate(c)
                || !minus && SqlTypeUtil.isInterval(a) && SqlTypeUtil.isDatetime(c)
                || minus && isDate(a) && isDate(c) || minus && TypeMapping.isJson(a) || minus && datetimeDifference(a, c));
    }

    /**
     * timestamp - timestamp (either with time zone, or a date) and time - time: an interval in
     * PostgreSQL. date - date is the number of days.
     */
    private static boolean datetimeDifference(RelDataType a, RelDataType c) {
        boolean aTime = a.getSqlTypeName() == SqlTypeName.TIME;
        boolean cTime = c.getSqlTypeName() == SqlTypeName.TIME;
        return SqlTypeUtil.isDatetime(a) && SqlTypeUtil.isDatetime(c) && aTime == cTime && !(isDate(a) && isDate(c));
    }

    /** A binary operator's operand check: {@code also} accepts the operand types, or else Calcite's {@code standard}. */
    private static SqlOperandTypeChecker orAlso(SqlOperandTypeChecker standard,
            java.util.function.BiPredicate<RelDataType, RelDataType> also) {
        return new SqlOperandTypeChecker() {
            @Override
            public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
                return also.test(binding.getOperandType(0), binding.getOperandType(1))
                        || standard.checkOperandTypes(binding, throwOnFailure);
            }

            @Override
            public SqlOperandCountRange getOperandCountRange() {
                return SqlOperandCountRanges.of(2);
            }

            @Override
            public String getAllowedSignatures(SqlOperator op, String opName) {
                return standard.getAllowedSignatures(op, opName);
            }
        };
    }

    /** Replaces Calcite's +, - and || (and reads pg_catalog.f as f) under {@code node} with these, in place. */
    static void rewrite(SqlNode node) {
        if (node instanceof SqlNodeList list) {
            for (SqlNode n : list) {
                rewrite(n);
            }
        } else if (node instanceof SqlCall call) {
            if (call instanceof SqlBasicCall basic) {
                if (basic.getOperator() == SqlStdOperatorTable.PLUS) {
                    basic.setOperator(PLUS);
                } else if (basic.getOperator() == SqlStdOperatorTable.MINUS) {
                    basic.setOperator(MINUS);
                } else if (basic.getOperator() == SqlStdOperatorTable.EXTRACT) {
                    basic.setOperator(EXTRACT);
                } else if (basic.getOperator() == SqlStdOperatorTable.CONCAT) {
                    basic.setOperator(CONCAT);
                } else if (basic.getOperator() instanceof org.apache.calcite.sql.SqlUnresolvedFunction f
                        && f.getSqlIdentifier() != null && f.getSqlIdentifier().names.size() == 2
                        && f.getSqlIdentifier().names.get(0).equalsIgnoreCase("pg_catalog")) {
                    // Built-in functions live in pg_catalog: pg_catalog.f(...) is f(...).
                    basic.setOperator(new org.apache.calcite.sql.SqlUnresolvedFunction(new org.apache.calcite.sql.SqlIdentifier(
                            f.getSqlIdentifier().names.get(1), f.getSqlIdentifier().getParserPosition()), null, null, null,
                            null, f.getFunctionType()));
                } else if (basic.getOperator() == io.millrace.parser.PgAtTimeZone.OPERATOR) {
                    basic.setOperator(AT_TIME_ZONE);
                } else if (PgJsonFunctions.typed(basic.getOperator()) != null) {
                    basic.setOperator(PgJsonFunctions.typed(basic.getOperator()));
                }
            }
            for (SqlNode op : call.getOperandList()) {
                if (op != null) {
                    rewrite(op);
                }
            }
        }
    }

    static List<SqlOperator> functions() {
        return List.of(DATE_TRUNC, QUOTE_IDENT, QUOTE_LITERAL, PG_SIZE_PRETTY, ENCODE, DECODE, JUSTIFY_HOURS, JUSTIFY_DAYS,
                JUSTIFY_INTERVAL, AGE);
    }
}
