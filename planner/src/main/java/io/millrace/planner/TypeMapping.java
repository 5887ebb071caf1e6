package io.millrace.planner;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.TypeKind;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** Between Calcite's types and the engine's. */
public final class TypeMapping {
    private TypeMapping() {
    }

    public static DataType toDataType(RelDataType t) {
        SqlTypeName name = t.getSqlTypeName();
        return switch (name) {
            case BOOLEAN -> DataType.BOOLEAN;
            case TINYINT, SMALLINT -> DataType.SMALLINT;
            case INTEGER -> DataType.INTEGER;
            case BIGINT -> DataType.BIGINT;
            case REAL -> DataType.REAL;
            case FLOAT, DOUBLE -> DataType.DOUBLE;
            case DECIMAL -> t.getPrecision() >= MillraceTypeSystem.MAX_NUMERIC_PRECISION ? DataType.NUMERIC
                    : DataType.numeric(t.getPrecision(), Math.max(t.getScale(), 0));
            case CHAR, VARCHAR -> t.getPrecision() <= 0 || t.getPrecision() >= MillraceTypeSystem.MAX_STRING_LENGTH
                    || name == SqlTypeName.CHAR ? DataType.TEXT : DataType.varchar(t.getPrecision());
            case DATE -> DataType.DATE;
            case TIME -> DataType.TIME;
            case TIMESTAMP -> DataType.TIMESTAMP;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> DataType.TIMESTAMPTZ;
            case NULL, UNKNOWN -> DataType.UNKNOWN;
            case UUID -> DataType.UUID;
            case BINARY, VARBINARY -> DataType.BYTEA;
            case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH, INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE,
                    INTERVAL_DAY_SECOND, INTERVAL_HOUR, INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND, INTERVAL_MINUTE,
                    INTERVAL_MINUTE_SECOND, INTERVAL_SECOND -> DataType.INTERVAL;
            case OTHER -> t instanceof JsonSqlType j && !j.binary() ? DataType.JSON : DataType.JSONB;
            case ARRAY -> {
                DataType element = toDataType(t.getComponentType());
                if (element.kind() == TypeKind.ARRAY) {
                    throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                            "multidimensional arrays are not supported yet");
                }
                if (t instanceof PgVectorSqlType) {
                    yield DataType.vector(element);
                }
                yield DataType.array(element.kind() == TypeKind.UNKNOWN ? DataType.TEXT : element);
            }
            default -> throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                    "type " + t.getFullTypeString().toLowerCase() + " is not supported yet");
        };
    }

    /** The Calcite type of a stored column. CHAR(n) columns keep their padded type. */
    public static RelDataType toRelDataType(RelDataTypeFactory f, DataType t, boolean nullable) {
        RelDataType r = switch (t.kind()) {
            case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
            case SMALLINT -> f.createSqlType(SqlTypeName.SMALLINT);
            case INTEGER -> f.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> f.createSqlType(SqlTypeName.BIGINT);
            case REAL -> f.createSqlType(SqlTypeName.REAL);
            case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
            case NUMERIC -> t.precision() == DataType.UNSPECIFIED ? MillraceTypeSystem.unconstrainedNumeric(f)
                    : f.createSqlType(SqlTypeName.DECIMAL, t.precision(), Math.max(t.scale(), 0));
            case TEXT, UNKNOWN -> f.createSqlType(SqlTypeName.VARCHAR, MillraceTypeSystem.MAX_STRING_LENGTH);
            case VARCHAR -> f.createSqlType(SqlTypeName.VARCHAR,
                    t.precision() == DataType.UNSPECIFIED ? MillraceTypeSystem.MAX_STRING_LENGTH : t.precision());
            case CHAR -> f.createSqlType(SqlTypeName.CHAR, t.precision() == DataType.UNSPECIFIED ? 1 : t.precision());
            case DATE -> f.createSqlType(SqlTypeName.DATE);
            case TIME -> f.createSqlType(SqlTypeName.TIME, 6);
            case TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP, 6);
            case TIMESTAMPTZ -> f.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 6);
            case ARRAY -> t.isVector() ? ((JsonSqlType.Factory) f).vector(toRelDataType(f, t.element(), true))
                    : f.createArrayType(toRelDataType(f, t.element(), true), -1);
            case UUID -> f.createSqlType(SqlTypeName.UUID);
            case BYTEA -> f.createSqlType(SqlTypeName.VARBINARY);
            case INTERVAL -> io.millrace.parser.PgIntervalTypeNameSpec.type(f);
            case JSON -> jsonType(f, false);
            case JSONB -> jsonType(f, true);
        };
        return f.createTypeWithNullability(r, nullable);
    }

    /** The engine type of a column declared with this Calcite type (keeps char(n) and varchar(n)). */
    public static DataType columnType(RelDataType t, String pgName) {
        if (t.getSqlTypeName() == SqlTypeName.ARRAY) {
            return DataType.array(columnType(t.getComponentType(), null));
        }
        if (t.getSqlTypeName() == SqlTypeName.CHAR) {
            return DataType.character(t.getPrecision() <= 0 ? 1 : t.getPrecision());
        }
        if (t.getSqlTypeName() == SqlTypeName.VARCHAR) {
            if ("text".equals(pgName) || t.getPrecision() <= 0 || t.getPrecision() >= MillraceTypeSystem.MAX_STRING_LENGTH) {
                return "text".equals(pgName) || pgName == null ? DataType.TEXT : DataType.VARCHAR;
            }
            return DataType.varchar(t.getPrecision());
        }
        return toDataType(t);
    }

    /**
     * Types whose values Calcite would read from text or fold by Java's rules, not PostgreSQL's:
     * arrays, uuid, bytea, json and intervals. A string literal meeting one is cast with the
     * engine's input rules.
     */
    static boolean readsOwnText(SqlTypeName t) {
        return t == SqlTypeName.ARRAY || t == SqlTypeName.UUID || t == SqlTypeName.VARBINARY || t == SqlTypeName.BINARY
                || t == SqlTypeName.OTHER || SqlTypeName.INTERVAL_TYPES.contains(t);
    }

    /** json or jsonb in the planner's type factory (nullable). */
    static RelDataType jsonType(RelDataTypeFactory f, boolean binary) {
        return ((JsonSqlType.Factory) f).json(binary);
    }

    /** Whether a Calcite type is json or jsonb. */
    static boolean isJson(RelDataType t) {
        return t instanceof JsonSqlType;
    }

    public static boolean isString(TypeKind k) {
        return k == TypeKind.TEXT || k == TypeKind.VARCHAR || k == TypeKind.CHAR;
    }
}
