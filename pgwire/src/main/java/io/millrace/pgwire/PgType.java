package io.millrace.pgwire;

/**
 * PostgreSQL types as they appear on the wire: OID, type length for RowDescription, and name.
 * The Java value carried for each type (in result rows and bound parameters) is listed beside it;
 * {@link PgValueCodec} converts between those values and the text and binary wire formats.
 */
public enum PgType {
    /** {@link Boolean}. */
    BOOL(16, 1, "bool"),
    /** {@link Short}. */
    INT2(21, 2, "int2"),
    /** {@link Integer}. */
    INT4(23, 4, "int4"),
    /** {@link Long}. */
    INT8(20, 8, "int8"),
    /** {@link Float}. */
    FLOAT4(700, 4, "float4"),
    /** {@link Double}. */
    FLOAT8(701, 8, "float8"),
    /** {@link java.math.BigDecimal}; NaN is not supported yet. */
    NUMERIC(1700, -1, "numeric"),
    /** {@link String}. */
    TEXT(25, -1, "text"),
    /** {@link String}. */
    VARCHAR(1043, -1, "varchar"),
    /** {@link String}. */
    BPCHAR(1042, -1, "bpchar"),
    /** {@link String}; the type of a name in the system catalogs. */
    NAME(19, 64, "name"),
    /** {@link java.time.LocalDate}. */
    DATE(1082, 4, "date"),
    /** {@link java.time.LocalTime}. */
    TIME(1083, 8, "time"),
    /** {@link java.time.LocalDateTime}. */
    TIMESTAMP(1114, 8, "timestamp"),
    /** {@link java.time.Instant}; rendered in the session's TimeZone. */
    TIMESTAMPTZ(1184, 8, "timestamptz"),
    /** {@link String} in canonical form (8-4-4-4-12 lower-case hex); 16 bytes in binary. */
    UUID(2950, 16, "uuid"),
    /** {@code byte[]}. */
    BYTEA(17, -1, "bytea"),
    /** {@link io.millrace.common.PgInterval}; in binary its microseconds, days and months. */
    INTERVAL(1186, 16, "interval"),
    /** {@link String}: JSON text as written. */
    JSON(114, -1, "json"),
    /** {@link String}: JSON as jsonb prints it; in binary a version byte (1) before the text. */
    JSONB(3802, -1, "jsonb"),
    /** {@link Integer} (an unsigned 32-bit object identifier). */
    OID(26, 4, "oid"),
    /** {@link String}; an untyped literal or a parameter whose type is left to the server. */
    UNKNOWN(705, -2, "unknown"),

    // One-dimensional arrays: a java.util.List of the element type's Java values (nulls allowed).
    BOOL_ARRAY(1000, BOOL),
    INT2_ARRAY(1005, INT2),
    INT4_ARRAY(1007, INT4),
    INT8_ARRAY(1016, INT8),
    FLOAT4_ARRAY(1021, FLOAT4),
    FLOAT8_ARRAY(1022, FLOAT8),
    NUMERIC_ARRAY(1231, NUMERIC),
    TEXT_ARRAY(1009, TEXT),
    VARCHAR_ARRAY(1015, VARCHAR),
    BPCHAR_ARRAY(1014, BPCHAR),
    NAME_ARRAY(1003, NAME),
    DATE_ARRAY(1182, DATE),
    TIME_ARRAY(1183, TIME),
    TIMESTAMP_ARRAY(1115, TIMESTAMP),
    TIMESTAMPTZ_ARRAY(1185, TIMESTAMPTZ),
    OID_ARRAY(1028, OID),
    UUID_ARRAY(2951, UUID),
    BYTEA_ARRAY(1001, BYTEA),
    INTERVAL_ARRAY(1187, INTERVAL),
    JSON_ARRAY(199, JSON),
    JSONB_ARRAY(3807, JSONB),

    // The system catalogs' vectors: arrays whose subscripts start at 0, printed as "1 2".
    INT2VECTOR(22, "int2vector", INT2),
    OIDVECTOR(30, "oidvector", OID);

    private final int oid;
    private final int typlen;
    private final String typname;
    private final PgType element;

    PgType(int oid, int typlen, String typname) {
        this.oid = oid;
        this.typlen = typlen;
        this.typname = typname;
        this.element = null;
    }

    PgType(int oid, PgType element) {
        this(oid, "_" + element.typname, element);
    }

    PgType(int oid, String typname, PgType element) {
        this.oid = oid;
        this.typlen = -1;
        this.typname = typname;
        this.element = element;
    }

    /** Whether this is int2vector or oidvector: an array counted from 0, written with spaces. */
    public boolean isVector() {
        return this == INT2VECTOR || this == OIDVECTOR;
    }

    /** The element type of an array type; null for other types. */
    public PgType element() {
        return element;
    }

    /** The array type whose elements are {@code element}, or null when there is none. */
    public static PgType arrayOf(PgType element) {
        return ArrayTypes.BY_ELEMENT.get(element);
    }

    /** Built once, after every constant exists. */
    private static final class ArrayTypes {
        static final java.util.Map<PgType, PgType> BY_ELEMENT = new java.util.EnumMap<>(PgType.class);

        static {
            for (PgType t : values()) {
                if (t.element != null && !t.isVector()) {
                    BY_ELEMENT.put(t.element, t);
                }
            }
        }
    }

    public int oid() {
        return oid;
    }

    /** pg_type.typlen: the fixed size in bytes, -1 for variable length, -2 for C strings. */
    public int typlen() {
        return typlen;
    }

    public String typname() {
        return typname;
    }

    /** The type with this OID, or null when pgwire does not know it. */
    public static PgType fromOid(int oid) {
        for (PgType t : values()) {
            if (t.oid == oid) {
                return t;
            }
        }
        return null;
    }
}
