package io.millrace.parser;

import java.util.Locale;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's display names (as {@code format_type} prints them) for the type specs the parser
 * produces, so the catalog can show {@code text}, {@code integer} or
 * {@code timestamp with time zone} whatever spelling the user wrote.
 */
public final class PgTypeNames {
    private PgTypeNames() {}

    /** The PostgreSQL name of a parsed type, with its modifiers, e.g. {@code character varying(10)}. */
    public static String displayName(SqlDataTypeSpec spec) {
        return displayName(spec.getTypeNameSpec());
    }

    public static String displayName(SqlTypeNameSpec spec) {
        if (spec instanceof PgTypeNameSpec pg) {
            final int precision = pg.getPrecision();
            if (precision < 0) {
                return pg.pgTypeName();
            }
            if (pg.sqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
                return "timestamp(" + precision + ") with time zone";
            }
            return pg.pgTypeName() + "(" + precision + ")";
        }
        if (spec instanceof SqlBasicTypeNameSpec basic) {
            final SqlTypeName typeName = SqlTypeName.get(basic.getTypeName().getSimple());
            if (typeName != null) {
                return displayName(typeName, basic.getPrecision(), basic.getScale());
            }
        }
        return spec.getTypeName().toString().toLowerCase(Locale.ROOT);
    }

    /** The PostgreSQL name of a Calcite type; precision and scale are -1 (or less) when absent. */
    public static String displayName(SqlTypeName typeName, int precision, int scale) {
        final String p = precision >= 0 ? "(" + precision + ")" : "";
        switch (typeName) {
            case BOOLEAN:
                return "boolean";
            case TINYINT:
            case SMALLINT:
                return "smallint";
            case INTEGER:
                return "integer";
            case BIGINT:
                return "bigint";
            case REAL:
                return "real";
            case FLOAT:
            case DOUBLE:
                return "double precision";
            case DECIMAL:
                if (precision < 0) {
                    return "numeric";
                }
                return "numeric(" + precision + "," + Math.max(scale, 0) + ")";
            case CHAR:
                return "character" + p;
            case VARCHAR:
                return "character varying" + p;
            case BINARY:
            case VARBINARY:
                return "bytea";
            case DATE:
                return "date";
            case TIME:
                return "time" + p + " without time zone";
            case TIME_TZ:
            case TIME_WITH_LOCAL_TIME_ZONE:
                return "time" + p + " with time zone";
            case TIMESTAMP:
                return "timestamp" + p + " without time zone";
            case TIMESTAMP_TZ:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return "timestamp" + p + " with time zone";
            default:
                return typeName.getName().toLowerCase(Locale.ROOT);
        }
    }
}
