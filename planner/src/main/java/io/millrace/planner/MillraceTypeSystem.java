package io.millrace.planner;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's type rules where they differ from Calcite's defaults: sum(integer) is bigint,
 * sum(bigint) and avg of exact numbers are numeric, avg(real) is double precision; numerics go up
 * to 1000 digits; timestamps have microseconds; CASE and UNION of strings of different lengths
 * are varying strings, not padded ones.
 *
 * <p>A DECIMAL of precision {@link #MAX_NUMERIC_PRECISION} stands for PostgreSQL's unconstrained
 * {@code numeric}; arithmetic on numerics yields it, since the engine keeps each value's scale.
 */
public final class MillraceTypeSystem extends RelDataTypeSystemImpl {
    public static final MillraceTypeSystem INSTANCE = new MillraceTypeSystem();
    public static final int MAX_NUMERIC_PRECISION = 1000;
    public static final int MAX_STRING_LENGTH = 10_485_760;

    private MillraceTypeSystem() {
    }

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case DECIMAL -> MAX_NUMERIC_PRECISION;
            case CHAR, VARCHAR -> MAX_STRING_LENGTH;
            case TIME, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIME_WITH_LOCAL_TIME_ZONE -> 6;
            default -> super.getMaxPrecision(typeName);
        };
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_NUMERIC_PRECISION : super.getMaxScale(typeName);
    }

    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        return switch (typeName) {
            case DECIMAL -> MAX_NUMERIC_PRECISION;
            case VARCHAR -> MAX_STRING_LENGTH;
            case TIME, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIME_WITH_LOCAL_TIME_ZONE -> 6;
            default -> super.getDefaultPrecision(typeName);
        };
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory f, RelDataType arg) {
        RelDataType t = switch (arg.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER -> f.createSqlType(SqlTypeName.BIGINT);
            case BIGINT, DECIMAL -> unconstrainedNumeric(f);
            default -> arg;
        };
        return f.createTypeWithNullability(t, arg.isNullable());
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory f, RelDataType arg) {
        RelDataType t = switch (arg.getSqlTypeName()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL -> unconstrainedNumeric(f);
            case REAL, FLOAT, DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
            default -> arg;
        };
        return f.createTypeWithNullability(t, arg.isNullable());
    }

    @Override
    public RelDataType deriveDecimalPlusType(RelDataTypeFactory f, RelDataType a, RelDataType b) {
        return decimalResult(f, a, b);
    }

    @Override
    public RelDataType deriveDecimalMultiplyType(RelDataTypeFactory f, RelDataType a, RelDataType b) {
        return decimalResult(f, a, b);
    }

    @Override
    public RelDataType deriveDecimalDivideType(RelDataTypeFactory f, RelDataType a, RelDataType b) {
        return decimalResult(f, a, b);
    }

    @Override
    public RelDataType deriveDecimalModType(RelDataTypeFactory f, RelDataType a, RelDataType b) {
        return decimalResult(f, a, b);
    }

    /**
     * numeric with an integer or numeric is unconstrained numeric; with a float it is left to
     * Calcite, which makes it double precision, as PostgreSQL does (numeric converts to float8
     * implicitly, not the other way round).
     */
    private static RelDataType decimalResult(RelDataTypeFactory f, RelDataType a, RelDataType b) {
        if (a.getSqlTypeName() == SqlTypeName.DECIMAL || b.getSqlTypeName() == SqlTypeName.DECIMAL) {
            if (a.getSqlTypeName().getFamily() == b.getSqlTypeName().getFamily()
                    && !SqlTypeName.APPROX_TYPES.contains(a.getSqlTypeName())
                    && !SqlTypeName.APPROX_TYPES.contains(b.getSqlTypeName())) {
                return f.createTypeWithNullability(unconstrainedNumeric(f), a.isNullable() || b.isNullable());
            }
        }
        return null;
    }

    public static RelDataType unconstrainedNumeric(RelDataTypeFactory f) {
        return f.createSqlType(SqlTypeName.DECIMAL, MAX_NUMERIC_PRECISION, 0);
    }

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
