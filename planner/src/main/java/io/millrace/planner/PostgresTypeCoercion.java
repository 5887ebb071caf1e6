package io.millrace.planner;

import com.google.common.collect.ImmutableSet;
import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.type.SqlTypeCoercionRule;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * Calcite's implicit conversions, narrowed to PostgreSQL's: a string <em>literal</em> may take the
 * type of the other side (it is of unknown type in PostgreSQL), but a text column is not silently
 * turned into a number or the other way round in set operations.
 */
final class PostgresTypeCoercion extends TypeCoercionImpl {
    /** Calcite's explicit cast rules plus PostgreSQL's boolean to and from integer. */
    static final SqlTypeCoercionRule CAST_RULES = castRules();

    private static SqlTypeCoercionRule castRules() {
        Map<SqlTypeName, ImmutableSet<SqlTypeName>> map =
                new HashMap<>(SqlTypeCoercionRule.instance().getTypeMapping());
        addCast(map, SqlTypeName.BOOLEAN, SqlTypeName.INTEGER);
        addCast(map, SqlTypeName.INTEGER, SqlTypeName.BOOLEAN);
        // json and jsonb (kind OTHER): from and to text, between each other, jsonb to numbers and boolean.
        for (SqlTypeName text : List.of(SqlTypeName.CHAR, SqlTypeName.VARCHAR)) {
            addCast(map, SqlTypeName.OTHER, text);
            addCast(map, text, SqlTypeName.OTHER);
        }
        addCast(map, SqlTypeName.OTHER, SqlTypeName.OTHER);
        for (SqlTypeName scalar : List.of(SqlTypeName.BOOLEAN, SqlTypeName.SMALLINT, SqlTypeName.INTEGER,
                SqlTypeName.BIGINT, SqlTypeName.DECIMAL, SqlTypeName.REAL, SqlTypeName.DOUBLE)) {
            addCast(map, scalar, SqlTypeName.OTHER);
        }
        // interval to time: its time of day.
        for (SqlTypeName interval : SqlTypeName.INTERVAL_TYPES) {
            addCast(map, SqlTypeName.TIME, interval);
        }
        return SqlTypeCoercionRule.instance(map);
    }

    private static void addCast(Map<SqlTypeName,
            ImmutableSet<SqlTypeName>> map,
            SqlTypeName to, SqlTypeName from) {
        ImmutableSet<SqlTypeName> old = map.get(to);
        map.put(to, ImmutableSet.<SqlTypeName>builder()
                .addAll(old == null ? Set.of() : old).add(from).build());
    }

    PostgresTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
        super(typeFactory, validator);
    }

    /**
     * A value coerced to json, jsonb or interval goes through that type's cast call (Calcite cannot
     * spell json, and would read text as an interval by the SQL standard's rules); the others are
     * cast as Calcite casts them.
     */
    @Override
    protected boolean coerceOperandType(org.apache.calcite.sql.validate.SqlValidatorScope scope, SqlCall call,
            int index, RelDataType targetType) {
        if (!ownCast(targetType)) {
            return super.coerceOperandType(scope, call, index, targetType);
        }
        SqlNode operand = call.getOperandList().get(index);
        if (operand instanceof SqlDynamicParam || sameKind(validator.deriveType(scope, operand), targetType)) {
            return false;
        }
        SqlNode cast = castCall(targetType, operand);
        call.setOperand(index, cast);
        updateInferredType(cast, targetType);
        return true;
    }

    /** Whether casts to {@code type} are the engine's own cast calls. */
    private static boolean ownCast(RelDataType type) {
        return type instanceof JsonSqlType || IntervalCasts.isInterval(type);
    }

    private static boolean sameKind(RelDataType from, RelDataType to) {
        return to instanceof JsonSqlType ? from instanceof JsonSqlType : IntervalCasts.isInterval(from);
    }

    private static SqlNode castCall(RelDataType to, SqlNode value) {
        return to instanceof JsonSqlType json ? JsonSqlType.castCall(json.binary(), value)
                : IntervalCasts.TO_INTERVAL.createCall(value.getParserPosition(), value);
    }

    /** A column of an INSERT or UPDATE source coerced to json, jsonb or interval: as for operands, the cast call. */
    @Override
    protected boolean coerceColumnType(org.apache.calcite.sql.validate.SqlValidatorScope scope,
            org.apache.calcite.sql.SqlNodeList nodeList, int index, RelDataType targetType) {
        if (!ownCast(targetType) || index >= nodeList.size()) {
            return super.coerceColumnType(scope, nodeList, index, targetType);
        }
        SqlNode node = nodeList.get(index);
        SqlCall as = node.getKind() == SqlKind.AS ? (SqlCall) node : null;
        SqlNode value = as != null ? as.operand(0) : node;
        if (value instanceof SqlDynamicParam || value instanceof org.apache.calcite.sql.SqlIdentifier id && id.isStar()
                || sameKind(validator.deriveType(scope, value), targetType)) {
            return false;
        }
        SqlNode cast = castCall(targetType, value);
        if (as != null) {
            as.setOperand(0, cast);
        } else {
            nodeList.set(index, cast);
        }
        updateInferredType(cast, targetType);
        return true;
    }

    /** An error found while Calcite coerces types, raised once validation is done. */
    private MillraceException deferred;

    private void defer(SqlState state, String message) {
        if (deferred == null) {
            deferred = new MillraceException(state, message);
        }
    }

    /**
     * Calcite asks for each branch of a UNION/INTERSECT/EXCEPT whose column type differs from the
     * common one. A literal may be converted; a text column meeting a number (or the reverse) is
     * recorded, and {@link #throwDeferred()} fails the statement as PostgreSQL does.
     */
    @Override
    public boolean rowTypeCoercion(SqlValidatorScope scope, SqlNode query, int columnIndex, RelDataType targetType) {
        if (query instanceof SqlSelect select && select.getSelectList() != null
                && columnIndex < select.getSelectList().size()) {
            SqlNode item = select.getSelectList().get(columnIndex);
            if (item.getKind() == SqlKind.AS) {
                item = ((SqlCall) item).operand(0);
            }
            if (!(item instanceof SqlLiteral)) {
                RelDataType t = validator.deriveType(validator.getSelectScope(select), item);
                if (!SqlTypeUtil.isNull(t) && SqlTypeUtil.isCharacter(t) != SqlTypeUtil.isCharacter(targetType)) {
                    defer(SqlState.DATATYPE_MISMATCH,
                            "set operation types " + pgName(t) + " and " + pgName(targetType) + " cannot be matched");
                }
            }
        }
        return super.rowTypeCoercion(scope, query, columnIndex, targetType);
    }

    /**
     * INSERT and UPDATE sources: PostgreSQL converts between numeric types and from untyped
     * literals on assignment, but never between booleans and numbers.
     */
    @Override
    public boolean querySourceCoercion(SqlValidatorScope scope, RelDataType sourceRowType, RelDataType targetRowType,
            SqlNode query) {
        int n = Math.min(sourceRowType.getFieldCount(), targetRowType.getFieldCount());
        for (int i = 0; i < n; i++) {
            RelDataType from = sourceRowType.getFieldList().get(i).getType();
            RelDataType to = targetRowType.getFieldList().get(i).getType();
            boolean fromBool = from.getSqlTypeName() == SqlTypeName.BOOLEAN;
            boolean toBool = to.getSqlTypeName() == SqlTypeName.BOOLEAN;
            if (fromBool != toBool && (SqlTypeUtil.isNumeric(from) || SqlTypeUtil.isNumeric(to))) {
                return false;
            }
        }
        return super.querySourceCoercion(scope, sourceRowType, targetRowType, query);
    }

    private static String pgName(RelDataType t) {
        return SqlTypeUtil.isCharacter(t) ? "text" : TypeMapping.toDataType(t).sqlName();
    }

    /**
     * Arithmetic on a text column: PostgreSQL has no such operator (a string literal, of unknown
     * type there, takes the other operand's type instead).
     */
    @Override
    public boolean binaryArithmeticCoercion(SqlCallBinding binding) {
        if (binding.getOperandCount() == 2 && binding.getOperator().getKind().belongsTo(ARITHMETIC)) {
            RelDataType left = binding.getOperandType(0);
            RelDataType right = binding.getOperandType(1);
            if (isTextValue(binding.operand(0), left) || isTextValue(binding.operand(1), right)) {
                defer(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + pgName(left) + " "
                        + binding.getOperator().getName() + " " + pgName(right));
            }
        }
        return super.binaryArithmeticCoercion(binding);
    }

    /** Unary plus and minus: none for text; a string literal is read as double precision, PostgreSQL's preferred numeric type. */
    @Override
    public boolean builtinFunctionCoercion(SqlCallBinding binding, List<RelDataType> operandTypes,
            List<SqlTypeFamily> expectedFamilies) {
        SqlKind kind = binding.getOperator().getKind();
        if ((kind == SqlKind.PLUS_PREFIX || kind == SqlKind.MINUS_PREFIX) && binding.getOperandCount() == 1
                && SqlTypeUtil.isCharacter(binding.getOperandType(0))) {
            if (isTextValue(binding.operand(0), binding.getOperandType(0))) {
                defer(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
                        + binding.getOperator().getName() + " " + pgName(binding.getOperandType(0)));
            } else {
                return coerceOperandType(binding.getScope(), binding.getCall(), 0,
                        factory.createTypeWithNullability(
                                factory.createSqlType(SqlTypeName.DOUBLE),
                                binding.getOperandType(0).isNullable()));
            }
        }
        return super.builtinFunctionCoercion(binding, operandTypes, expectedFamilies);
    }

    /**
     * An array, uuid or bytea compared with a string literal or parameter: the literal is read as
     * that type ('{0}', '\\xdead'), by PostgreSQL's input rules rather than as the string's bytes.
     */
    @Override
    public boolean binaryComparisonCoercion(SqlCallBinding binding) {
        if (binding.getOperandCount() == 2) {
            for (int i = 0; i < 2; i++) {
                RelDataType typed = binding.getOperandType(1 - i);
                SqlNode other = binding.operand(i);
                if (TypeMapping.readsOwnText(typed.getSqlTypeName()) && SqlTypeUtil.isCharacter(binding.getOperandType(i))
                        && (other instanceof SqlLiteral || other instanceof SqlDynamicParam)) {
                    return coerceOperandType(binding.getScope(), binding.getCall(), i, typed);
                }
            }
        }
        return super.binaryComparisonCoercion(binding);
    }

    private static final Set<SqlKind> ARITHMETIC =
            EnumSet.of(SqlKind.PLUS, SqlKind.MINUS, SqlKind.TIMES, SqlKind.DIVIDE, SqlKind.MOD);

    /** A text-typed expression that is not a string literal or parameter (whose type PostgreSQL leaves open). */
    private static boolean isTextValue(SqlNode node, RelDataType type) {
        return SqlTypeUtil.isCharacter(type) && !(node instanceof SqlLiteral)
                && !(node instanceof SqlDynamicParam);
    }

    /** Throws what coercion found wrong: text meeting numbers in a set operation (42804) or arithmetic (42883). */
    void throwDeferred() {
        if (deferred != null) {
            MillraceException e = deferred;
            deferred = null;
            throw e;
        }
    }
}
