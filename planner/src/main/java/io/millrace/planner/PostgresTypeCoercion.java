package io.millrace.planner;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
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
    static final org.apache.calcite.sql.type.SqlTypeCoercionRule CAST_RULES = castRules();

    private static org.apache.calcite.sql.type.SqlTypeCoercionRule castRules() {
        java.util.Map<org.apache.calcite.sql.type.SqlTypeName, com.google.common.collect.ImmutableSet<org.apache.calcite.sql.type.SqlTypeName>> map =
                new java.util.HashMap<>(org.apache.calcite.sql.type.SqlTypeCoercionRule.instance().getTypeMapping());
        addCast(map, org.apache.calcite.sql.type.SqlTypeName.BOOLEAN, org.apache.calcite.sql.type.SqlTypeName.INTEGER);
        addCast(map, org.apache.calcite.sql.type.SqlTypeName.INTEGER, org.apache.calcite.sql.type.SqlTypeName.BOOLEAN);
        return org.apache.calcite.sql.type.SqlTypeCoercionRule.instance(map);
    }

    private static void addCast(java.util.Map<org.apache.calcite.sql.type.SqlTypeName,
            com.google.common.collect.ImmutableSet<org.apache.calcite.sql.type.SqlTypeName>> map,
            org.apache.calcite.sql.type.SqlTypeName to, org.apache.calcite.sql.type.SqlTypeName from) {
        com.google.common.collect.ImmutableSet<org.apache.calcite.sql.type.SqlTypeName> old = map.get(to);
        map.put(to, com.google.common.collect.ImmutableSet.<org.apache.calcite.sql.type.SqlTypeName>builder()
                .addAll(old == null ? java.util.Set.of() : old).add(from).build());
    }

    PostgresTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
        super(typeFactory, validator);
    }

    /** A set-operation column where a text column meets a non-text one, found during validation. */
    private String mismatch;

    /**
     * Calcite asks for each branch of a UNION/INTERSECT/EXCEPT whose column type differs from the
     * common one. A literal may be converted; a text column meeting a number (or the reverse) is
     * recorded, and {@link #checkNoMismatch()} fails the statement as PostgreSQL does.
     */
    @Override
    public boolean rowTypeCoercion(SqlValidatorScope scope, SqlNode query, int columnIndex, RelDataType targetType) {
        if (query instanceof SqlSelect select && select.getSelectList() != null
                && columnIndex < select.getSelectList().size()) {
            SqlNode item = select.getSelectList().get(columnIndex);
            if (item.getKind() == SqlKind.AS) {
                item = ((SqlCall) item).operand(0);
            }
            if (!(item instanceof org.apache.calcite.sql.SqlLiteral)) {
                RelDataType t = validator.deriveType(validator.getSelectScope(select), item);
                if (!SqlTypeUtil.isNull(t) && SqlTypeUtil.isCharacter(t) != SqlTypeUtil.isCharacter(targetType)
                        && mismatch == null) {
                    mismatch = pgName(t) + " and " + pgName(targetType);
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
            boolean fromBool = from.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.BOOLEAN;
            boolean toBool = to.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.BOOLEAN;
            if (fromBool != toBool && (SqlTypeUtil.isNumeric(from) || SqlTypeUtil.isNumeric(to))) {
                return false;
            }
        }
        return super.querySourceCoercion(scope, sourceRowType, targetRowType, query);
    }

    private static String pgName(RelDataType t) {
        return SqlTypeUtil.isCharacter(t) ? "text" : TypeMapping.toDataType(t).sqlName();
    }

    /** Throws 42804 if a set operation mixed text and non-text columns. */
    void checkNoMismatch() {
        if (mismatch != null) {
            throw new io.millrace.common.MillraceException(io.millrace.common.SqlState.DATATYPE_MISMATCH,
                    "set operation types " + mismatch + " cannot be matched");
        }
    }


}
