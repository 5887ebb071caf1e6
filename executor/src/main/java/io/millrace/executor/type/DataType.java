package io.millrace.executor.type;

import static java.util.Objects.requireNonNull;

/**
 * A SQL type: its kind plus, where the kind takes them, a precision (numeric digits or maximum
 * character length) and scale, or for an array the type of its elements. {@link #UNSPECIFIED}
 * marks an absent modifier (e.g. plain {@code numeric} or {@code varchar}).
 */
public record DataType(TypeKind kind, int precision, int scale, DataType element) {
    public static final int UNSPECIFIED = -1;

    public static final DataType BOOLEAN = of(TypeKind.BOOLEAN);
    public static final DataType SMALLINT = of(TypeKind.SMALLINT);
    public static final DataType INTEGER = of(TypeKind.INTEGER);
    public static final DataType BIGINT = of(TypeKind.BIGINT);
    public static final DataType REAL = of(TypeKind.REAL);
    public static final DataType DOUBLE = of(TypeKind.DOUBLE);
    public static final DataType NUMERIC = of(TypeKind.NUMERIC);
    public static final DataType TEXT = of(TypeKind.TEXT);
    public static final DataType VARCHAR = of(TypeKind.VARCHAR);
    public static final DataType DATE = of(TypeKind.DATE);
    public static final DataType TIME = of(TypeKind.TIME);
    public static final DataType TIMESTAMP = of(TypeKind.TIMESTAMP);
    public static final DataType TIMESTAMPTZ = of(TypeKind.TIMESTAMPTZ);
    public static final DataType UUID = of(TypeKind.UUID);
    public static final DataType BYTEA = of(TypeKind.BYTEA);
    public static final DataType INTERVAL = of(TypeKind.INTERVAL);
    public static final DataType JSON = of(TypeKind.JSON);
    public static final DataType JSONB = of(TypeKind.JSONB);
    public static final DataType UNKNOWN = of(TypeKind.UNKNOWN);

    public DataType {
        requireNonNull(kind, "kind is null");
        if ((kind == TypeKind.ARRAY) != (element != null)) {
            throw new IllegalArgumentException("an array type needs an element type, and only an array has one");
        }
        if (element != null && element.kind() == TypeKind.ARRAY) {
            throw new IllegalArgumentException("arrays of arrays are not supported");
        }
    }

    public DataType(TypeKind kind, int precision, int scale) {
        this(kind, precision, scale, null);
    }

    public static DataType array(DataType element) {
        return new DataType(TypeKind.ARRAY, UNSPECIFIED, UNSPECIFIED, element);
    }

    /**
     * PostgreSQL's int2vector (of smallint) or oidvector (of integer): an array whose subscripts
     * start at 0, as the system catalogs' {@code pg_index.indkey} has them. (An array's precision
     * is otherwise unused; here it holds the lower bound.)
     */
    public static DataType vector(DataType element) {
        return new DataType(TypeKind.ARRAY, 0, UNSPECIFIED, element);
    }

    /** Whether this is an int2vector or oidvector. */
    public boolean isVector() {
        return kind == TypeKind.ARRAY && precision == 0;
    }

    /** An array's first subscript: 0 for a vector, else 1. */
    public int lowerBound() {
        return isVector() ? 0 : 1;
    }

    public static DataType of(TypeKind kind) {
        return new DataType(kind, UNSPECIFIED, UNSPECIFIED);
    }

    public static DataType numeric(int precision, int scale) {
        return new DataType(TypeKind.NUMERIC, precision, scale);
    }

    public static DataType varchar(int length) {
        return new DataType(TypeKind.VARCHAR, length, UNSPECIFIED);
    }

    public static DataType character(int length) {
        return new DataType(TypeKind.CHAR, length, UNSPECIFIED);
    }

    public TypeKind.Physical physical() {
        return kind.physical();
    }

    /** The type as PostgreSQL's format_type() prints it, e.g. {@code numeric(10,2)}. */
    public String sqlName() {
        return switch (kind) {
            case NUMERIC -> precision == UNSPECIFIED ? "numeric"
                    : "numeric(" + precision + "," + Math.max(scale, 0) + ")";
            case VARCHAR -> precision == UNSPECIFIED ? "character varying" : "character varying(" + precision + ")";
            case CHAR -> "character(" + (precision == UNSPECIFIED ? 1 : precision) + ")";
            case ARRAY -> isVector() ? (element.kind() == TypeKind.SMALLINT ? "int2vector" : "oidvector")
                    : element.sqlName() + "[]";
            default -> kind.sqlName();
        };
    }

    @Override
    public String toString() {
        return sqlName();
    }
}
