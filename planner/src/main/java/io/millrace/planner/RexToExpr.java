package io.millrace.planner;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.expr.Casts;
import io.millrace.executor.expr.Expr;
import io.millrace.executor.expr.Function;
import io.millrace.executor.expr.Temporal;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.RowSchema;
import io.millrace.executor.type.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.fun.SqlPosixRegexOperator;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.util.NlsString;

/**
 * Translates Calcite row expressions into the engine's {@link Expr}, resolving operand types the
 * way PostgreSQL does (integers widen to numeric, exact numbers to double precision, dates to
 * timestamps) so every kernel sees operands of one type.
 */
final class RexToExpr {
    private static final Map<String, Function> FUNCTIONS = Map.ofEntries(
            Map.entry("ABS", Function.ABS), Map.entry("ROUND", Function.ROUND), Map.entry("TRUNCATE", Function.TRUNC),
            Map.entry("TRUNC", Function.TRUNC), Map.entry("FLOOR", Function.FLOOR), Map.entry("CEIL", Function.CEIL),
            Map.entry("CEILING", Function.CEIL), Map.entry("SIGN", Function.SIGN), Map.entry("POWER", Function.POWER),
            Map.entry("POW", Function.POWER), Map.entry("SQRT", Function.SQRT), Map.entry("CBRT", Function.CBRT),
            Map.entry("EXP", Function.EXP), Map.entry("LN", Function.LN), Map.entry("LOG10", Function.LOG10),
            Map.entry("UPPER", Function.UPPER), Map.entry("LOWER", Function.LOWER),
            Map.entry("CHAR_LENGTH", Function.CHAR_LENGTH), Map.entry("CHARACTER_LENGTH", Function.CHAR_LENGTH),
            Map.entry("LENGTH", Function.CHAR_LENGTH), Map.entry("OCTET_LENGTH", Function.OCTET_LENGTH),
            Map.entry("SUBSTRING", Function.SUBSTRING), Map.entry("SUBSTR", Function.SUBSTRING),
            Map.entry("POSITION", Function.POSITION), Map.entry("STRPOS", Function.STRPOS),
            Map.entry("REPLACE", Function.REPLACE), Map.entry("LEFT", Function.LEFT), Map.entry("RIGHT", Function.RIGHT),
            Map.entry("REPEAT", Function.REPEAT), Map.entry("REVERSE", Function.REVERSE),
            Map.entry("INITCAP", Function.INITCAP), Map.entry("LPAD", Function.LPAD), Map.entry("RPAD", Function.RPAD),
            Map.entry("SPLIT_PART", Function.SPLIT_PART), Map.entry("ASCII", Function.ASCII),
            Map.entry("CHR", Function.CHR), Map.entry("MD5", Function.MD5), Map.entry("BTRIM", Function.TRIM_BOTH),
            Map.entry("LTRIM", Function.TRIM_LEADING), Map.entry("RTRIM", Function.TRIM_TRAILING),
            Map.entry("CONCAT", Function.CONCAT_ALL), Map.entry("GREATEST", Function.GREATEST),
            Map.entry("LEAST", Function.LEAST), Map.entry("DATE_TRUNC", Function.DATE_TRUNC),
            Map.entry("ARRAY_TO_STRING", Function.ARRAY_TO_STRING), Map.entry("ARRAY_LENGTH", Function.ARRAY_LENGTH),
            Map.entry("ARRAY_LOWER", Function.ARRAY_LOWER), Map.entry("ARRAY_UPPER", Function.ARRAY_UPPER),
            Map.entry("CARDINALITY", Function.CARDINALITY), Map.entry("QUOTE_IDENT", Function.QUOTE_IDENT),
            Map.entry("ARRAY_APPEND", Function.ARRAY_APPEND), Map.entry("ARRAY_PREPEND", Function.ARRAY_PREPEND),
            Map.entry("ARRAY_CAT", Function.ARRAY_CAT), Map.entry("ARRAY_REMOVE", Function.ARRAY_REMOVE),
            Map.entry("ARRAY_POSITION", Function.ARRAY_POSITION),
            Map.entry("QUOTE_LITERAL", Function.QUOTE_LITERAL), Map.entry("PG_SIZE_PRETTY", Function.PG_SIZE_PRETTY),
            Map.entry("GEN_RANDOM_UUID", Function.GEN_RANDOM_UUID), Map.entry("ENCODE", Function.ENCODE),
            Map.entry("DECODE", Function.DECODE), Map.entry("JUSTIFY_HOURS", Function.JUSTIFY_HOURS),
            Map.entry("JUSTIFY_DAYS", Function.JUSTIFY_DAYS), Map.entry("JUSTIFY_INTERVAL", Function.JUSTIFY_INTERVAL),
            Map.entry("AGE", Function.AGE), Map.entry("NEXTVAL", Function.NEXTVAL),
            Map.entry("CURRVAL", Function.CURRVAL), Map.entry("SETVAL", Function.SETVAL),
            Map.entry("LASTVAL", Function.LASTVAL));

    private final RowSchema input;
    private final IntUnaryOperator inputMapping;
    private final List<Object> parameters;
    private final RexBuilder rexBuilder;

    /**
     * @param input the columns input references point into (after {@code inputMapping})
     * @param parameters bound values of $1, $2, ... (internal form)
     */
    RexToExpr(RowSchema input, IntUnaryOperator inputMapping, List<Object> parameters, RexBuilder rexBuilder) {
        this.input = input;
        this.inputMapping = inputMapping;
        this.parameters = parameters;
        this.rexBuilder = rexBuilder;
    }

    RexToExpr(RowSchema input, List<Object> parameters, RexBuilder rexBuilder) {
        this(input, i -> i, parameters, rexBuilder);
    }

    Expr convert(RexNode node) {
        return foldNulls(convertNode(node));
    }

    /**
     * A strict function or operator given a NULL constant is NULL, whatever its other arguments:
     * PostgreSQL folds these when planning, so {@code x * y = NULL} is never evaluated (and so
     * cannot fail on an overflow in {@code x * y}).
     */
    static Expr foldNulls(Expr e) {
        if (e instanceof Expr.Call call && call.function().isStrict()) {
            for (Expr arg : call.args()) {
                if (arg instanceof Expr.Literal lit && lit.value() == null) {
                    return new Expr.Literal(null, call.type());
                }
            }
        } else if (e instanceof Expr.Cast cast && cast.input() instanceof Expr.Literal lit) {
            // A cast of a constant is done once, here, not for every row.
            if (lit.value() == null) {
                return new Expr.Literal(null, cast.type());
            }
            try {
                Object v = Casts.converter(lit.type(), cast.type(), java.time.ZoneOffset.UTC).convert(lit.value());
                if (!cast.type().kind().equals(TypeKind.TIMESTAMPTZ) && !lit.type().kind().equals(TypeKind.TIMESTAMPTZ)) {
                    return new Expr.Literal(v, cast.type());
                }
            } catch (MillraceException failsAtRunTime) {
                // Leave it: a query that never evaluates the cast (no rows) must not fail.
            }
        }
        return e;
    }

    private Expr convertNode(RexNode node) {
        if (node instanceof RexInputRef ref) {
            int index = inputMapping.applyAsInt(ref.getIndex());
            return new Expr.ColumnRef(index, input.type(index));
        }
        if (node instanceof RexLiteral lit) {
            return literal(lit);
        }
        if (node instanceof RexDynamicParam p) {
            DataType t = TypeMapping.toDataType(p.getType());
            if (p.getIndex() >= parameters.size()) {
                throw new MillraceException(SqlState.UNDEFINED_PARAMETER,
                        "there is no parameter $" + (p.getIndex() + 1));
            }
            return new Expr.Literal(parameters.get(p.getIndex()), t);
        }
        if (node instanceof RexCall call) {
            return call(call);
        }
        if (node instanceof org.apache.calcite.rex.RexFieldAccess access && access.getReferenceExpr() instanceof RexCall row
                && row.getKind() == SqlKind.ROW) {
            // (ROW(a, b)).x, left where a record's fields were merged into their reader: field x is a.
            return convertNode(row.getOperands().get(access.getField().getIndex()));
        }
        throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "expression not supported: " + node);
    }

    // ---- literals ------------------------------------------------------------------------------

    static Expr.Literal literal(RexLiteral lit) {
        DataType type = TypeMapping.toDataType(lit.getType());
        return new Expr.Literal(literalValue(lit, type), type);
    }

    static Object literalValue(RexLiteral lit, DataType type) {
        if (lit.isNull()) {
            return null;
        }
        switch (type.kind()) {
            case BOOLEAN:
                return lit.getValueAs(Boolean.class);
            case SMALLINT, INTEGER, BIGINT:
                return lit.getValueAs(BigDecimal.class).longValueExact();
            case REAL:
                return (double) lit.getValueAs(Double.class).floatValue();
            case DOUBLE:
                return lit.getValueAs(Double.class);
            case NUMERIC: {
                BigDecimal d = lit.getValueAs(BigDecimal.class);
                return d.scale() < 0 ? d.setScale(0) : d;
            }
            case BYTEA: {
                Object v = lit.getValue();
                return v instanceof org.apache.calcite.avatica.util.ByteString b ? b.toString()
                        : java.util.HexFormat.of().formatHex(io.millrace.common.PgText.parseBytea(String.valueOf(v)));
            }
            case UUID: {
                Object v = lit.getValue();
                return io.millrace.common.PgText.canonicalUuid(v instanceof NlsString s ? s.getValue() : String.valueOf(v));
            }
            case TEXT, VARCHAR, CHAR, UNKNOWN: {
                Object v = lit.getValue();
                if (v instanceof NlsString s) {
                    return s.getValue();
                }
                return lit.getValueAs(String.class);
            }
            case INTERVAL: {
                // Calcite's interval literals hold months (year-month) or milliseconds (day-time).
                long amount = lit.getValueAs(BigDecimal.class).longValueExact();
                return (lit.getType().getSqlTypeName().getFamily() == org.apache.calcite.sql.type.SqlTypeFamily.INTERVAL_YEAR_MONTH
                        ? new io.millrace.common.PgInterval(Math.toIntExact(amount), 0, 0)
                        : new io.millrace.common.PgInterval(0, 0, Math.multiplyExact(amount, 1000L))).held();
            }
            case DATE:
                return (long) lit.getValueAs(Integer.class);
            case TIME:
                return Temporal.fromTime(LocalTime.parse(lit.getValueAs(org.apache.calcite.util.TimeString.class).toString()));
            case TIMESTAMP, TIMESTAMPTZ: {
                // A TIMESTAMP WITH LOCAL TIME ZONE literal holds the instant in UTC.
                String s = lit.getValueAs(org.apache.calcite.util.TimestampString.class).toString();
                return Temporal.fromTimestamp(LocalDateTime.parse(s.replace(' ', 'T')));
            }
            default:
                throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "literal of type " + type);
        }
    }

    // ---- calls ---------------------------------------------------------------------------------

    private Expr call(RexCall call) {
        SqlKind kind = call.getKind();
        DataType type = TypeMapping.toDataType(call.getType());
        List<RexNode> ops = call.getOperands();
        switch (kind) {
            case SEARCH:
                return convert(RexUtil.expandSearch(rexBuilder, null, call));
            case EQUALS:
                return comparison(Function.EQ, ops);
            case NOT_EQUALS:
                return comparison(Function.NE, ops);
            case LESS_THAN:
                return comparison(Function.LT, ops);
            case LESS_THAN_OR_EQUAL:
                return comparison(Function.LE, ops);
            case GREATER_THAN:
                return comparison(Function.GT, ops);
            case GREATER_THAN_OR_EQUAL:
                return comparison(Function.GE, ops);
            case IS_DISTINCT_FROM:
                return comparison(Function.IS_DISTINCT_FROM, ops);
            case IS_NOT_DISTINCT_FROM:
                return comparison(Function.IS_NOT_DISTINCT_FROM, ops);
            case AND:
                return new Expr.Call(Function.AND, convertAll(ops), DataType.BOOLEAN);
            case OR:
                return new Expr.Call(Function.OR, convertAll(ops), DataType.BOOLEAN);
            case NOT:
                return new Expr.Call(Function.NOT, convertAll(ops), DataType.BOOLEAN);
            case IS_NULL:
                return new Expr.Call(Function.IS_NULL, convertAll(ops), DataType.BOOLEAN);
            case IS_NOT_NULL:
                return new Expr.Call(Function.IS_NOT_NULL, convertAll(ops), DataType.BOOLEAN);
            case IS_TRUE:
                return new Expr.Call(Function.IS_TRUE, convertAll(ops), DataType.BOOLEAN);
            case IS_NOT_TRUE:
                return new Expr.Call(Function.IS_NOT_TRUE, convertAll(ops), DataType.BOOLEAN);
            case IS_FALSE:
                return new Expr.Call(Function.IS_FALSE, convertAll(ops), DataType.BOOLEAN);
            case IS_NOT_FALSE:
                return new Expr.Call(Function.IS_NOT_FALSE, convertAll(ops), DataType.BOOLEAN);
            case PLUS:
                return arithmetic(Function.PLUS, ops, type);
            case MINUS:
                return arithmetic(Function.MINUS, ops, type);
            case TIMES:
                return arithmetic(Function.TIMES, ops, type);
            case DIVIDE:
                return arithmetic(Function.DIVIDE, ops, type);
            case MOD:
                return arithmetic(Function.MOD, ops, type);
            case BITAND:
                return bitwise(Function.BIT_AND, ops, type);
            case MINUS_PREFIX:
                return new Expr.Call(type.kind() == TypeKind.INTERVAL ? Function.INTERVAL_NEGATE : Function.NEGATE,
                        List.of(cast(convert(ops.get(0)), type)), type);
            case PLUS_PREFIX:
                return cast(convert(ops.get(0)), type);
            case CAST:
                return castExplicit(convert(ops.get(0)), type);
            case CASE:
                return caseExpr(ops, type);
            case COALESCE:
                return new Expr.Call(Function.COALESCE, castAll(convertAll(ops), type), type);
            case NULLIF: {
                Expr a = convert(ops.get(0));
                Expr b = convert(ops.get(1));
                return new Expr.Case(List.of(compare(Function.EQ, a, b)),
                        List.of(new Expr.Literal(null, type)), cast(a, type), type);
            }
            case LIKE: {
                SqlLikeOperator op = (SqlLikeOperator) call.getOperator();
                Function fn = op.isCaseSensitive() ? (op.isNegated() ? Function.NOT_LIKE : Function.LIKE)
                        : (op.isNegated() ? Function.NOT_ILIKE : Function.ILIKE);
                return new Expr.Call(fn, castAll(convertAll(ops), DataType.TEXT), DataType.BOOLEAN);
            }
            case POSIX_REGEX_CASE_SENSITIVE, POSIX_REGEX_CASE_INSENSITIVE: {
                SqlPosixRegexOperator op = (SqlPosixRegexOperator) call.getOperator();
                boolean negated = op.isNegated();
                Function fn = op.isCaseSensitive() ? (negated ? Function.NOT_REGEX_MATCH : Function.REGEX_MATCH)
                        : (negated ? Function.NOT_REGEX_IMATCH : Function.REGEX_IMATCH);
                return new Expr.Call(fn, castAll(convertAll(ops), DataType.TEXT), DataType.BOOLEAN);
            }
            case TRIM: {
                SqlTrimFunction.Flag flag = ((RexLiteral) ops.get(0)).getValueAs(SqlTrimFunction.Flag.class);
                Function fn = switch (flag) {
                    case BOTH -> Function.TRIM_BOTH;
                    case LEADING -> Function.TRIM_LEADING;
                    case TRAILING -> Function.TRIM_TRAILING;
                };
                Expr chars = cast(convert(ops.get(1)), DataType.TEXT);
                Expr str = cast(convert(ops.get(2)), DataType.TEXT);
                return new Expr.Call(fn, List.of(str, chars), type);
            }
            case EXTRACT: {
                TimeUnitRange unit = ((RexLiteral) ops.get(0)).getValueAs(TimeUnitRange.class);
                Expr source = convert(ops.get(1));
                return new Expr.Call(source.type().kind() == TypeKind.INTERVAL ? Function.EXTRACT_INTERVAL : Function.EXTRACT,
                        List.of(new Expr.Literal(unit.name().toLowerCase(Locale.ROOT), DataType.TEXT), source), type);
            }
            case ARRAY_VALUE_CONSTRUCTOR:
                return new Expr.Call(Function.ARRAY, castAll(convertAll(ops), type.element()), type);
            case ITEM: {
                Expr array = convert(ops.get(0));
                if (array.type().kind() != TypeKind.ARRAY) {
                    throw new MillraceException(SqlState.DATATYPE_MISMATCH,
                            "cannot subscript type " + array.type() + " because it does not support subscripting");
                }
                return new Expr.Call(Function.ARRAY_ELEMENT, List.of(array, cast(convert(ops.get(1)), DataType.BIGINT)),
                        type);
            }
            case SOME, ALL:
                return quantified(call, kind == SqlKind.SOME);
            case GREATEST:
                return new Expr.Call(Function.GREATEST, castAll(convertAll(ops), type), type);
            case LEAST:
                return new Expr.Call(Function.LEAST, castAll(convertAll(ops), type), type);
            default:
                return namedFunction(call, type);
        }
    }

    /** {@code x op ANY (array)} / {@code x op ALL (array)}: x and the elements compared in one type. */
    private Expr quantified(RexCall call, boolean any) {
        Expr x = convert(call.getOperands().get(0));
        Expr array = convert(call.getOperands().get(1));
        if (array.type().kind() != TypeKind.ARRAY) {
            throw new MillraceException(SqlState.DATATYPE_MISMATCH, "op ANY/ALL (array) requires array on right side");
        }
        Function comparison = switch (((org.apache.calcite.sql.fun.SqlQuantifyOperator) call.getOperator()).comparisonKind) {
            case EQUALS -> Function.EQ;
            case NOT_EQUALS -> Function.NE;
            case LESS_THAN -> Function.LT;
            case LESS_THAN_OR_EQUAL -> Function.LE;
            case GREATER_THAN -> Function.GT;
            default -> Function.GE;
        };
        DataType common = commonType(x.type(), array.type().element());
        return new Expr.Call(any ? Function.ANY : Function.ALL, List.of(new Expr.Literal(comparison.name(), DataType.TEXT),
                cast(x, common), cast(array, DataType.array(common))), DataType.BOOLEAN);
    }

    private Expr namedFunction(RexCall call, DataType type) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        List<RexNode> ops = call.getOperands();
        if (call.getOperator() == LiteralRewrites.FUNCTION) {
            String text = ((RexLiteral) ops.get(0)).getValueAs(String.class);
            return new Expr.Literal(new BigDecimal(text), DataType.NUMERIC);
        }
        if (call.getOperator() == PgArrayFunctions.OR_EMPTY) {
            return new Expr.Call(Function.COALESCE, List.of(convert(ops.get(0)), new Expr.Literal(List.of(), type)), type);
        }
        if (call.getOperator() == PgArrayFunctions.ARRAY_TEXT) {
            return cast(convert(ops.get(0)), DataType.TEXT);
        }
        if (call.getOperator() == SetReturningCalls.RECORD_TEXT) {
            return new Expr.Call(Function.RECORD_TEXT, castAll(convertAll(ops), DataType.TEXT), DataType.TEXT);
        }
        if (call.getOperator() == PgOperators.AT_TIME_ZONE) {
            Expr value = convert(ops.get(0));
            boolean fromZoned = value.type().kind() == TypeKind.TIMESTAMPTZ;
            return new Expr.Call(Function.AT_TIME_ZONE, List.of(cast(value, fromZoned ? DataType.TIMESTAMPTZ
                    : DataType.TIMESTAMP), cast(convert(ops.get(1)), DataType.TEXT)),
                    fromZoned ? DataType.TIMESTAMP : DataType.TIMESTAMPTZ);
        }
        Expr json = json(call, name, ops, type);
        if (json != null) {
            return json;
        }
        if (call.getOperator() == IntervalCasts.TO_INTERVAL) {
            return castExplicit(convert(ops.get(0)), DataType.INTERVAL);
        }
        if (call.getOperator() == JsonSqlType.TO_JSON || call.getOperator() == JsonSqlType.TO_JSONB) {
            return cast(convert(ops.get(0)), call.getOperator() == JsonSqlType.TO_JSONB ? DataType.JSONB : DataType.JSON);
        }
        if (call.getOperator() == SqlStdOperatorTable.BIT_LEFT_SHIFT) {
            return bitwise(Function.SHIFT_LEFT, ops, type);
        }
        if (name.equals("||")) {
            List<Expr> args = convertAll(ops);
            if (isJson(args.get(0)) || isJson(args.get(1))) {
                return new Expr.Call(Function.JSON_CONCAT, List.of(cast(args.get(0), DataType.JSONB),
                        cast(args.get(1), DataType.JSONB)), DataType.JSONB);
            }
            boolean leftArray = args.get(0).type().kind() == TypeKind.ARRAY;
            boolean rightArray = args.get(1).type().kind() == TypeKind.ARRAY;
            if (leftArray || rightArray) {
                // array || array, array || element, element || array.
                DataType arrayType = leftArray ? args.get(0).type() : args.get(1).type();
                Function fn = leftArray && rightArray ? Function.ARRAY_CAT
                        : leftArray ? Function.ARRAY_APPEND : Function.ARRAY_PREPEND;
                Expr a = leftArray ? cast(args.get(0), arrayType) : cast(args.get(0), arrayType.element());
                Expr b = rightArray ? cast(args.get(1), arrayType) : cast(args.get(1), arrayType.element());
                return new Expr.Call(fn, List.of(a, b), arrayType);
            }
            // bytea is held as hex, which concatenates as the bytes do.
            DataType concatType = args.stream().anyMatch(a -> a.type().kind() == TypeKind.BYTEA)
                    ? DataType.BYTEA : DataType.TEXT;
            return new Expr.Call(Function.CONCAT, castAll(args, concatType), concatType);
        }
        Function fn = FUNCTIONS.get(name);
        if (fn == null) {
            throw new MillraceException(SqlState.UNDEFINED_FUNCTION,
                    "function " + call.getOperator().getName().toLowerCase(Locale.ROOT) + " is not supported");
        }
        List<Expr> args = convertAll(ops);
        List<Expr> typed = new ArrayList<>(args.size());
        switch (fn) {
            case ABS, SIGN, FLOOR, CEIL -> {
                // Computed in the argument's own type, then converted: casting first would round.
                Expr arg = args.get(0);
                DataType argType = arg.type().kind().isNumeric() ? arg.type() : DataType.DOUBLE;
                return cast(new Expr.Call(fn, List.of(cast(arg, argType)), argType), type);
            }
            case ROUND, TRUNC -> {
                Expr arg = args.get(0);
                if (args.size() == 2) {
                    typed.add(cast(arg, DataType.NUMERIC));
                    typed.add(cast(args.get(1), DataType.BIGINT));
                    return cast(new Expr.Call(fn, typed, DataType.NUMERIC), type);
                }
                DataType argType = arg.type().kind().isNumeric() ? arg.type() : DataType.DOUBLE;
                return cast(new Expr.Call(fn, List.of(cast(arg, argType)), argType), type);
            }
            case POWER, SQRT, CBRT, EXP, LN, LOG10 -> {
                DataType arg = type.kind() == TypeKind.NUMERIC ? DataType.NUMERIC : DataType.DOUBLE;
                for (Expr a : args) {
                    typed.add(cast(a, arg));
                }
                return cast(new Expr.Call(fn, typed, arg), type);
            }
            case SUBSTRING, LEFT, RIGHT, REPEAT, LPAD, RPAD, SPLIT_PART, CHR -> {
                for (Expr a : args) {
                    typed.add(isStringArg(a) ? cast(a, DataType.TEXT) : cast(a, DataType.BIGINT));
                }
            }
            case DATE_TRUNC -> {
                typed.add(cast(args.get(0), DataType.TEXT));
                typed.add(args.get(1));
                return cast(new Expr.Call(fn, typed, args.get(1).type()), type);
            }
            case GREATEST, LEAST -> typed.addAll(castAll(args, type));
            case JUSTIFY_HOURS, JUSTIFY_DAYS, JUSTIFY_INTERVAL -> {
                return new Expr.Call(fn, List.of(cast(args.get(0), DataType.INTERVAL)), DataType.INTERVAL);
            }
            case AGE -> {
                DataType timestamps = datetimeType(args.get(0).type(), args.get(1).type());
                return new Expr.Call(fn, castAll(args, timestamps), DataType.INTERVAL);
            }
            case ENCODE -> {
                typed.add(cast(args.get(0), DataType.BYTEA));
                typed.add(cast(args.get(1), DataType.TEXT));
                return new Expr.Call(fn, typed, DataType.TEXT);
            }
            case DECODE -> {
                typed.addAll(castAll(args, DataType.TEXT));
                return new Expr.Call(fn, typed, DataType.BYTEA);
            }
            case ARRAY_CAT -> {
                typed.addAll(castAll(args, type));
                return new Expr.Call(fn, typed, type);
            }
            case ARRAY_APPEND, ARRAY_REMOVE, ARRAY_POSITION -> {
                Expr array = args.get(0);
                typed.add(array);
                typed.add(cast(args.get(1), array.type().element()));
                return cast(new Expr.Call(fn, typed, fn == Function.ARRAY_POSITION ? DataType.BIGINT : array.type()),
                        type);
            }
            case ARRAY_PREPEND -> {
                Expr array = args.get(1);
                typed.add(cast(args.get(0), array.type().element()));
                typed.add(array);
                return cast(new Expr.Call(fn, typed, array.type()), type);
            }
            case SETVAL -> {
                typed.add(cast(args.get(0), DataType.BIGINT));
                typed.add(cast(args.get(1), DataType.BIGINT));
                if (args.size() == 3) {
                    typed.add(cast(args.get(2), DataType.BOOLEAN));
                }
                return cast(new Expr.Call(fn, typed, DataType.BIGINT), type);
            }
            case ARRAY_TO_STRING, ARRAY_LENGTH, ARRAY_LOWER, ARRAY_UPPER, CARDINALITY -> {
                typed.add(args.get(0));
                for (Expr a : args.subList(1, args.size())) {
                    typed.add(fn == Function.ARRAY_TO_STRING ? cast(a, DataType.TEXT) : cast(a, DataType.BIGINT));
                }
                DataType result = fn == Function.ARRAY_TO_STRING ? DataType.TEXT : DataType.BIGINT;
                return cast(new Expr.Call(fn, typed, result), type);
            }
            default -> {
                for (Expr a : args) {
                    typed.add(a.type().kind().isString() ? a : a.type().kind().isInteger() && !stringFunction(fn)
                            ? cast(a, DataType.BIGINT) : cast(a, DataType.TEXT));
                }
            }
        }
        DataType resultType = switch (fn) {
            case CHAR_LENGTH, OCTET_LENGTH, POSITION, STRPOS, ASCII -> DataType.BIGINT;
            default -> type;
        };
        return cast(new Expr.Call(fn, typed, resultType), type);
    }

    private static boolean stringFunction(Function fn) {
        return switch (fn) {
            case UPPER, LOWER, CHAR_LENGTH, OCTET_LENGTH, POSITION, STRPOS, REPLACE, REVERSE, INITCAP, ASCII, MD5,
                    QUOTE_IDENT, QUOTE_LITERAL,
                    TRIM_BOTH, TRIM_LEADING, TRIM_TRAILING, CONCAT_ALL -> true;
            default -> false;
        };
    }

    private static boolean isStringArg(Expr e) {
        return e.type().kind().isString() || e.type().kind() == TypeKind.UNKNOWN;
    }

    private List<Expr> convertAll(List<RexNode> ops) {
        List<Expr> out = new ArrayList<>(ops.size());
        for (RexNode op : ops) {
            out.add(convert(op));
        }
        return out;
    }

    private static List<Expr> castAll(List<Expr> exprs, DataType type) {
        return exprs.stream().map(e -> cast(e, type)).toList();
    }

    private Expr comparison(Function fn, List<RexNode> ops) {
        return compare(fn, convert(ops.get(0)), convert(ops.get(1)));
    }

    static Expr compare(Function fn, Expr a, Expr b) {
        DataType common = commonType(a.type(), b.type());
        return new Expr.Call(fn, List.of(cast(a, common), cast(b, common)), DataType.BOOLEAN);
    }

    /** {@code a & b} and {@code a << b} over integers: the result has the wider operand's type. */
    private Expr bitwise(Function fn, List<RexNode> ops, DataType type) {
        Expr a = convert(ops.get(0));
        Expr b = convert(ops.get(1));
        if (!a.type().kind().isInteger() || !b.type().kind().isInteger()) {
            throw new MillraceException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
                    + a.type() + " " + fn.displayName() + " " + b.type());
        }
        return fn == Function.SHIFT_LEFT ? new Expr.Call(fn, List.of(a, cast(b, DataType.BIGINT)), a.type())
                : new Expr.Call(fn, List.of(cast(a, type), cast(b, type)), type);
    }

    private static boolean isJson(Expr e) {
        return e.type().kind() == TypeKind.JSON || e.type().kind() == TypeKind.JSONB;
    }

    /** A json or jsonb operator or function call (or an array's @> and <@), or null when {@code call} is none. */
    private Expr json(RexCall call, String name, List<RexNode> ops, DataType type) {
        SqlOperator op = call.getOperator();
        if (op == PgJsonFunctions.GET || op == PgJsonFunctions.GET_TEXT) {
            Expr target = jsonOperand(convert(ops.get(0)), op.getName());
            Expr step = convert(ops.get(1));
            step = step.type().kind().isInteger() ? cast(step, DataType.BIGINT) : cast(step, DataType.TEXT);
            boolean text = op == PgJsonFunctions.GET_TEXT;
            return new Expr.Call(text ? Function.JSON_GET_TEXT : Function.JSON_GET, List.of(target, step),
                    text ? DataType.TEXT : target.type());
        }
        if (op == PgJsonFunctions.PATH || op == PgJsonFunctions.PATH_TEXT) {
            Expr target = jsonOperand(convert(ops.get(0)), op.getName());
            boolean text = op == PgJsonFunctions.PATH_TEXT;
            return new Expr.Call(text ? Function.JSON_PATH_TEXT : Function.JSON_PATH,
                    List.of(target, cast(convert(ops.get(1)), DataType.array(DataType.TEXT))),
                    text ? DataType.TEXT : target.type());
        }
        if (op == PgJsonFunctions.CONTAINS || op == PgJsonFunctions.CONTAINED) {
            Expr a = convert(ops.get(0));
            Expr b = convert(ops.get(1));
            boolean contains = op == PgJsonFunctions.CONTAINS;
            if (a.type().kind() == TypeKind.ARRAY || b.type().kind() == TypeKind.ARRAY) {
                DataType common = a.type().kind() == TypeKind.ARRAY ? a.type() : b.type();
                return new Expr.Call(contains ? Function.ARRAY_CONTAINS : Function.ARRAY_CONTAINED,
                        List.of(cast(a, common), cast(b, common)), DataType.BOOLEAN);
            }
            return new Expr.Call(contains ? Function.JSON_CONTAINS : Function.JSON_CONTAINED,
                    List.of(jsonbOperand(a, op.getName()), jsonbOperand(b, op.getName())), DataType.BOOLEAN);
        }
        if (op == PgJsonFunctions.EXISTS) {
            return new Expr.Call(Function.JSON_EXISTS, List.of(jsonbOperand(convert(ops.get(0)), op.getName()),
                    cast(convert(ops.get(1)), DataType.TEXT)), DataType.BOOLEAN);
        }
        Function fn = PgJsonFunctions.FUNCTIONS.get(name);
        if (fn == null) {
            return null;
        }
        DataType jsonType = PgJsonFunctions.isJsonSpelling(name) ? DataType.JSON : DataType.JSONB;
        List<Expr> args = convertAll(ops);
        List<Expr> typed = new ArrayList<>();
        switch (fn) {
            case TO_JSON, JSON_BUILD_OBJECT, JSON_BUILD_ARRAY -> typed.addAll(args);
            case JSON_PATH, JSON_PATH_TEXT -> {
                typed.add(cast(args.get(0), jsonType));
                List<Expr> path = castAll(args.subList(1, args.size()), DataType.TEXT);
                typed.add(new Expr.Call(Function.ARRAY, path, DataType.array(DataType.TEXT)));
                return cast(new Expr.Call(fn, typed, fn == Function.JSON_PATH ? jsonType : DataType.TEXT), type);
            }
            case JSON_SET -> {
                typed.add(cast(args.get(0), DataType.JSONB));
                typed.add(cast(args.get(1), DataType.array(DataType.TEXT)));
                typed.add(cast(args.get(2), DataType.JSONB));
                if (args.size() > 3) {
                    typed.add(cast(args.get(3), DataType.BOOLEAN));
                }
            }
            default -> {
                typed.add(cast(args.get(0), jsonType));
                typed.addAll(args.subList(1, args.size()));
            }
        }
        return new Expr.Call(fn, typed, type);
    }

    /** The left operand of a json operator: json or jsonb as it is, a string read as jsonb. */
    private static Expr jsonOperand(Expr e, String operator) {
        if (isJson(e)) {
            return e;
        }
        return jsonbOperand(e, operator);
    }

    private static Expr jsonbOperand(Expr e, String operator) {
        if (!isJson(e) && !e.type().kind().isString() && e.type().kind() != TypeKind.UNKNOWN) {
            throw new MillraceException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + e.type() + " "
                    + operator + " jsonb");
        }
        return foldNulls(cast(e, DataType.JSONB));
    }

    private Expr arithmetic(Function fn, List<RexNode> ops, DataType type) {
        Expr interval = intervalArithmetic(fn, ops, type);
        if (interval != null) {
            return interval;
        }
        Expr a = convert(ops.get(0));
        Expr b = convert(ops.get(1));
        if (fn == Function.MINUS && isJson(a)) {
            // jsonb - key and jsonb - index.
            return new Expr.Call(Function.JSON_DELETE, List.of(cast(a, DataType.JSONB),
                    b.type().kind().isInteger() ? cast(b, DataType.BIGINT) : cast(b, DataType.TEXT)), DataType.JSONB);
        }
        if (a.type().kind() == TypeKind.DATE || b.type().kind() == TypeKind.DATE) {
            // date ± integer counts days; date - date is the number of days between them.
            Expr date = a.type().kind() == TypeKind.DATE ? a : b;
            Expr other = date == a ? b : a;
            Expr days = other.type().kind() == TypeKind.DATE ? other : cast(other, DataType.BIGINT);
            return new Expr.Call(fn, date == a ? List.of(date, days) : List.of(days, date), type);
        }
        DataType opType = type;
        if (!type.kind().isNumeric()) {
            throw new MillraceException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
                    + a.type() + " " + fn.displayName() + " " + b.type());
        }
        return new Expr.Call(fn, List.of(cast(a, opType), cast(b, opType)), opType);
    }

    /**
     * Arithmetic that takes or makes an interval: interval ± interval, interval * and / a number,
     * datetime ± interval (a date becomes a timestamp), and datetime - datetime. Null for other
     * arithmetic.
     */
    private Expr intervalArithmetic(Function fn, List<RexNode> ops, DataType type) {
        if (type.kind() != TypeKind.INTERVAL && !IntervalCasts.isInterval(ops.get(0).getType())
                && !IntervalCasts.isInterval(ops.get(1).getType())) {
            return null;
        }
        Expr a = convert(ops.get(0));
        Expr b = convert(ops.get(1));
        boolean aInterval = a.type().kind() == TypeKind.INTERVAL;
        boolean bInterval = b.type().kind() == TypeKind.INTERVAL;
        if (aInterval && bInterval && (fn == Function.PLUS || fn == Function.MINUS)) {
            return new Expr.Call(fn == Function.PLUS ? Function.INTERVAL_PLUS : Function.INTERVAL_MINUS, List.of(a, b),
                    DataType.INTERVAL);
        }
        if (fn == Function.TIMES && aInterval != bInterval && (aInterval ? b : a).type().kind().isNumeric()) {
            return new Expr.Call(Function.INTERVAL_TIMES, aInterval ? List.of(a, cast(b, DataType.DOUBLE))
                    : List.of(cast(a, DataType.DOUBLE), b), DataType.INTERVAL);
        }
        if (fn == Function.DIVIDE && aInterval && b.type().kind().isNumeric()) {
            return new Expr.Call(Function.INTERVAL_DIVIDE, List.of(a, cast(b, DataType.DOUBLE)), DataType.INTERVAL);
        }
        Expr datetime = aInterval ? b : a;
        if ((fn == Function.PLUS && aInterval != bInterval || fn == Function.MINUS && bInterval && !aInterval)
                && datetime.type().kind().isTemporal()) {
            DataType result = datetime.type().kind() == TypeKind.DATE ? DataType.TIMESTAMP : datetime.type();
            Expr interval = aInterval ? a : b;
            return cast(new Expr.Call(fn == Function.PLUS ? Function.DATETIME_PLUS_INTERVAL
                    : Function.DATETIME_MINUS_INTERVAL, List.of(cast(datetime, result), interval), result), type);
        }
        if (fn == Function.MINUS && a.type().kind().isTemporal() && b.type().kind().isTemporal()
                && (a.type().kind() == TypeKind.TIME) == (b.type().kind() == TypeKind.TIME)) {
            DataType common = datetimeType(a.type(), b.type());
            return new Expr.Call(Function.DATETIME_DIFFERENCE, List.of(cast(a, common), cast(b, common)),
                    DataType.INTERVAL);
        }
        throw new MillraceException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
                + a.type() + " " + fn.displayName() + " " + b.type());
    }

    /** The type two datetimes are subtracted or compared in: time, timestamptz if either is one, else timestamp. */
    private static DataType datetimeType(DataType a, DataType b) {
        if (a.kind() == TypeKind.TIME) {
            return DataType.TIME;
        }
        return a.kind() == TypeKind.TIMESTAMPTZ || b.kind() == TypeKind.TIMESTAMPTZ ? DataType.TIMESTAMPTZ
                : DataType.TIMESTAMP;
    }

    private Expr caseExpr(List<RexNode> ops, DataType type) {
        List<Expr> conditions = new ArrayList<>();
        List<Expr> results = new ArrayList<>();
        int i = 0;
        for (; i + 1 < ops.size(); i += 2) {
            conditions.add(convert(ops.get(i)));
            results.add(cast(convert(ops.get(i + 1)), type));
        }
        Expr otherwise = cast(convert(ops.get(i)), type);
        return new Expr.Case(conditions, results, otherwise, type);
    }

    /** The type two operands are compared or combined in. */
    static DataType commonType(DataType a, DataType b) {
        TypeKind x = a.kind();
        TypeKind y = b.kind();
        if (x == y) {
            return x == TypeKind.NUMERIC ? DataType.NUMERIC : a.precision() == b.precision() ? a : DataType.of(x);
        }
        if (x == TypeKind.UNKNOWN) {
            return b;
        }
        if (y == TypeKind.UNKNOWN) {
            return a;
        }
        if (x.isString() && y.isString()) {
            return DataType.TEXT;
        }
        if (x.isString()) {
            return b;
        }
        if (y.isString()) {
            return a;
        }
        if (x.isNumeric() && y.isNumeric()) {
            if (x == TypeKind.DOUBLE || y == TypeKind.DOUBLE || x == TypeKind.REAL || y == TypeKind.REAL) {
                return x == TypeKind.REAL && y == TypeKind.REAL ? DataType.REAL : DataType.DOUBLE;
            }
            if (x == TypeKind.NUMERIC || y == TypeKind.NUMERIC) {
                return DataType.NUMERIC;
            }
            return x.ordinal() > y.ordinal() ? DataType.of(x) : DataType.of(y);
        }
        if (x.isTemporal() && y.isTemporal()) {
            if (x == TypeKind.TIMESTAMPTZ || y == TypeKind.TIMESTAMPTZ) {
                return DataType.TIMESTAMPTZ;
            }
            return DataType.TIMESTAMP;
        }
        throw new MillraceException(SqlState.UNDEFINED_FUNCTION,
                "operator does not exist: " + a + " = " + b);
    }

    /** An implicit conversion (no-op when the type already matches). */
    static Expr cast(Expr e, DataType to) {
        DataType from = e.type();
        if (from.equals(to) || to.kind() == TypeKind.UNKNOWN) {
            return e;
        }
        if (from.kind() == to.kind() && to.kind() != TypeKind.NUMERIC && to.kind() != TypeKind.VARCHAR
                && to.kind() != TypeKind.CHAR && to.kind() != TypeKind.ARRAY) {
            return e;
        }
        if (from.kind() == TypeKind.NUMERIC && to.kind() == TypeKind.NUMERIC) {
            // PostgreSQL's numeric results carry no type modifier; only explicit casts and stores apply one.
            return e;
        }
        if (to.kind() == TypeKind.TEXT && from.kind().isString()) {
            return e;
        }
        if (e instanceof Expr.Literal lit && lit.value() == null) {
            return new Expr.Literal(null, to);
        }
        if (!Casts.canCast(from, to)) {
            throw new MillraceException(SqlState.CANNOT_COERCE, "cannot cast type " + from + " to " + to);
        }
        return new Expr.Cast(e, to);
    }

    /**
     * numeric(p1,s) to numeric(p2,s) with p2 at least p1: every value stays as it is and prints the
     * same (Calcite adds these casts to compare). A change of scale is kept: it changes the output.
     */
    private static boolean isWidening(DataType from, DataType to) {
        if (from.kind() != TypeKind.NUMERIC || to.kind() != TypeKind.NUMERIC) {
            return false;
        }
        if (to.precision() == DataType.UNSPECIFIED) {
            return true;
        }
        if (from.precision() == DataType.UNSPECIFIED) {
            return false;
        }
        int fromScale = Math.max(from.scale(), 0);
        int toScale = Math.max(to.scale(), 0);
        return toScale == fromScale && to.precision() >= from.precision();
    }

    /** A cast written in the query; always kept, so varchar(n) and numeric(p,s) apply. */
    static Expr castExplicit(Expr e, DataType to) {
        if (e.type().equals(to) || isWidening(e.type(), to)) {
            return e;
        }
        if (!Casts.canCast(e.type(), to)) {
            throw new MillraceException(SqlState.CANNOT_COERCE, "cannot cast type " + e.type() + " to " + to);
        }
        if (e instanceof Expr.Literal lit && lit.value() == null) {
            return new Expr.Literal(null, to);
        }
        return new Expr.Cast(e, to);
    }

}
