package io.millrace.parser;

import static java.util.Objects.requireNonNull;

import io.millrace.common.SqlState;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlAlienSystemTypeNameSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Litmus;

/**
 * A PostgreSQL type name that Calcite spells differently or lacks ({@code int4}, {@code text},
 * {@code timestamptz}, {@code timestamp with time zone}, ...). To the validator it is the Calcite
 * type {@link #sqlTypeName()} (it is a {@link org.apache.calcite.sql.SqlBasicTypeNameSpec});
 * {@link #pgTypeName()} keeps PostgreSQL's canonical name for the catalog ({@code text} and
 * {@code varchar} are both VARCHAR to Calcite, but differ to a PostgreSQL client). It unparses
 * as the canonical PostgreSQL name.
 */
public final class PgTypeNameSpec extends SqlAlienSystemTypeNameSpec {
    private record Alias(SqlTypeName sqlTypeName, String pgTypeName, boolean takesPrecision) {}

    /** Lower-case alias as written → Calcite type and PostgreSQL's canonical name. */
    private static final Map<String, Alias> ALIASES = Map.ofEntries(
            Map.entry("bool", new Alias(SqlTypeName.BOOLEAN, "boolean", false)),
            Map.entry("int2", new Alias(SqlTypeName.SMALLINT, "smallint", false)),
            Map.entry("int4", new Alias(SqlTypeName.INTEGER, "integer", false)),
            Map.entry("int8", new Alias(SqlTypeName.BIGINT, "bigint", false)),
            Map.entry("float4", new Alias(SqlTypeName.REAL, "real", false)),
            Map.entry("float8", new Alias(SqlTypeName.DOUBLE, "double precision", false)),
            Map.entry("text", new Alias(SqlTypeName.VARCHAR, "text", false)),
            Map.entry("bpchar", new Alias(SqlTypeName.CHAR, "character", true)),
            Map.entry("bytea", new Alias(SqlTypeName.VARBINARY, "bytea", false)),
            Map.entry("name", new Alias(SqlTypeName.VARCHAR, "text", false)),
            // Object identifiers are integers; a string cast to regclass and the like is looked up
            // when the statement is planned (see the planner's ObjectNameLiterals).
            Map.entry("oid", new Alias(SqlTypeName.INTEGER, "integer", false)),
            // Transaction ids, as the catalogs' xmin and txid_current() count them.
            Map.entry("xid", new Alias(SqlTypeName.BIGINT, "bigint", false)),
            Map.entry("xid8", new Alias(SqlTypeName.BIGINT, "bigint", false)),
            Map.entry("regclass", new Alias(SqlTypeName.INTEGER, "regclass", false)),
            Map.entry("regtype", new Alias(SqlTypeName.INTEGER, "regtype", false)),
            Map.entry("regproc", new Alias(SqlTypeName.INTEGER, "regproc", false)),
            Map.entry("regprocedure", new Alias(SqlTypeName.INTEGER, "regprocedure", false)),
            Map.entry("regnamespace", new Alias(SqlTypeName.INTEGER, "regnamespace", false)),
            Map.entry("regrole", new Alias(SqlTypeName.INTEGER, "regrole", false)),
            // Operators are built in and not catalogued (pg_operator is empty): a regoper is an oid.
            Map.entry("regoper", new Alias(SqlTypeName.INTEGER, "regoper", false)),
            Map.entry("timestamptz", new Alias(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE,
                    "timestamp with time zone", true)));

    private static final String TIMESTAMPTZ = "timestamptz";

    private final SqlTypeName sqlTypeName;
    private final String pgTypeName;
    private final int precision;

    private PgTypeNameSpec(String pgTypeName, SqlTypeName sqlTypeName, int precision, SqlParserPos pos) {
        super(pgTypeName, sqlTypeName, precision, pos);
        this.sqlTypeName = requireNonNull(sqlTypeName, "sqlTypeName is null");
        this.pgTypeName = requireNonNull(pgTypeName, "pgTypeName is null");
        this.precision = precision;
    }

    /** Whether an unquoted identifier is one of the aliases this class stands for. */
    public static boolean isAlias(String identifier) {
        return ALIASES.containsKey(identifier.toLowerCase(Locale.ROOT));
    }

    /** The spec for an alias, e.g. {@code int4} or {@code bpchar(3)}; precision -1 when absent. */
    public static PgTypeNameSpec forAlias(String identifier, int precision, SqlParserPos pos) {
        final String key = identifier.toLowerCase(Locale.ROOT);
        final Alias alias = ALIASES.get(key);
        if (alias == null) {
            throw new IllegalArgumentException("not a PostgreSQL type alias: " + identifier);
        }
        if (precision >= 0 && !alias.takesPrecision()) {
            throw new ParseFailure(SqlState.SYNTAX_ERROR,
                    "type modifier is not allowed for type \"" + key + "\"", pos);
        }
        return new PgTypeNameSpec(alias.pgTypeName(), alias.sqlTypeName(), precision, pos);
    }

    /** {@code timestamp [(p)] with time zone}: PostgreSQL's timestamptz, an instant. */
    public static PgTypeNameSpec timestampWithTimeZone(int precision, SqlParserPos pos) {
        return forAlias(TIMESTAMPTZ, precision, pos);
    }

    /** PostgreSQL's {@code float [(p)]}: real for p &lt;= 24, otherwise double precision. */
    public static PgTypeNameSpec pgFloat(int precision, SqlParserPos pos) {
        if (precision == -1) {
            return forAlias("float8", -1, pos);
        }
        if (precision < 1) {
            throw new ParseFailure(SqlState.INVALID_PARAMETER_VALUE,
                    "precision for type float must be at least 1 bit", pos);
        }
        if (precision > 53) {
            throw new ParseFailure(SqlState.INVALID_PARAMETER_VALUE,
                    "precision for type float must be less than 54 bits", pos);
        }
        return forAlias(precision <= 24 ? "float4" : "float8", -1, pos);
    }

    /** The Calcite type the validator sees. */
    public SqlTypeName sqlTypeName() {
        return sqlTypeName;
    }

    /** PostgreSQL's canonical name without modifiers: {@code integer}, {@code text}, ... */
    public String pgTypeName() {
        return pgTypeName;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        if (precision < 0) {
            writer.keyword(pgTypeName);
            return;
        }
        if (sqlTypeName == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
            writer.keyword("timestamp");
            writePrecision(writer);
            writer.keyword("with time zone");
        } else {
            writer.keyword(pgTypeName);
            writePrecision(writer);
        }
    }

    private void writePrecision(SqlWriter writer) {
        final SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.FUN_CALL, "(", ")");
        writer.print(precision);
        writer.endList(frame);
    }

    @Override
    public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
        if (!(spec instanceof PgTypeNameSpec)) {
            return litmus.fail("{} != {}", this, spec);
        }
        return super.equalsDeep(spec, litmus);
    }
}
