package io.millrace.executor.type;

/**
 * The SQL types the engine computes with, and how each is held while computing ({@link Physical}).
 * Temporal values are integers: DATE in days since 1970-01-01, TIME in microseconds since
 * midnight, TIMESTAMP and TIMESTAMPTZ in microseconds since 1970-01-01 (TIMESTAMPTZ in UTC).
 * Arrays are one-dimensional with lower bound 1, as nearly every PostgreSQL array is.
 */
public enum TypeKind {
    BOOLEAN(Physical.BOOL, "boolean"),
    SMALLINT(Physical.LONG, "smallint"),
    INTEGER(Physical.LONG, "integer"),
    BIGINT(Physical.LONG, "bigint"),
    REAL(Physical.DOUBLE, "real"),
    DOUBLE(Physical.DOUBLE, "double precision"),
    NUMERIC(Physical.DECIMAL, "numeric"),
    TEXT(Physical.STRING, "text"),
    VARCHAR(Physical.STRING, "character varying"),
    CHAR(Physical.STRING, "character"),
    DATE(Physical.LONG, "date"),
    TIME(Physical.LONG, "time without time zone"),
    TIMESTAMP(Physical.LONG, "timestamp without time zone"),
    TIMESTAMPTZ(Physical.LONG, "timestamp with time zone"),
    /** A UUID, held as its canonical text (lower-case hex in 8-4-4-4-12 groups), which orders as its bytes do. */
    UUID(Physical.STRING, "uuid"),
    /** Binary data, held as lower-case hex (two digits a byte), which orders and concatenates as the bytes do. */
    BYTEA(Physical.STRING, "bytea"),
    /**
     * A span of months, days and microseconds ({@link io.millrace.common.PgInterval}), held in
     * {@link io.millrace.common.PgInterval#held}'s form, which orders as PostgreSQL orders intervals.
     */
    INTERVAL(Physical.STRING, "interval"),
    /** JSON text, held as written (checked to be JSON). */
    JSON(Physical.STRING, "json"),
    /** JSON, held as jsonb prints it ({@link io.millrace.common.PgJson#write}), so equal values hold equal text. */
    JSONB(Physical.STRING, "jsonb"),
    /**
     * A one-dimensional array of {@link DataType#element()} values ({@link DataType#sqlName()}
     * gives e.g. {@code integer[]}; "ARRAY" is what information_schema calls the kind).
     */
    ARRAY(Physical.ARRAY, "ARRAY"),
    /** The type of an untyped NULL; holds only NULLs. */
    UNKNOWN(Physical.STRING, "unknown");

    /** How values of a kind are held in working columns and literals. */
    public enum Physical {
        /** {@code boolean}. */
        BOOL,
        /** {@code long}. */
        LONG,
        /** {@code double}; REAL values are rounded to float after every operation. */
        DOUBLE,
        /** {@link java.math.BigDecimal}. */
        DECIMAL,
        /** {@link String}. */
        STRING,
        /** An immutable {@link java.util.List} of the element type's internal values (nulls allowed). */
        ARRAY
    }

    private final Physical physical;
    private final String sqlName;

    TypeKind(Physical physical, String sqlName) {
        this.physical = physical;
        this.sqlName = sqlName;
    }

    public Physical physical() {
        return physical;
    }

    /** The name PostgreSQL's format_type() gives the type. */
    public String sqlName() {
        return sqlName;
    }

    public boolean isInteger() {
        return this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    public boolean isNumeric() {
        return isInteger() || this == REAL || this == DOUBLE || this == NUMERIC;
    }

    public boolean isString() {
        return physical == Physical.STRING && this != UNKNOWN && this != UUID && this != BYTEA && this != JSON
                && this != JSONB && this != INTERVAL;
    }

    public boolean isTemporal() {
        return this == DATE || this == TIME || this == TIMESTAMP || this == TIMESTAMPTZ;
    }
}
