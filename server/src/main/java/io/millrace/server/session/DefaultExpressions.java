package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.expr.Casts;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.TypeKind;
import io.millrace.server.catalog.Catalog;
import io.millrace.server.catalog.CatalogEntry;
import io.millrace.server.catalog.ObjectKind;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * A column's DEFAULT expression as CREATE TABLE checks and stores it, and as the catalogs show it.
 * It is stored as text: constants and the current-time keywords as PostgreSQL spells them
 * ({@code 'x'::text}, {@code '-1'::integer}, {@code CURRENT_TIMESTAMP}), anything else as written;
 * a sequence a sequence function names is stored by oid ({@code nextval('16390'::regclass)}), as
 * PostgreSQL resolves it once, and shown by name.
 */
public final class DefaultExpressions {
    /** A sequence function's first argument: a name, as a string, perhaps already cast to regclass. */
    private static final Pattern SEQUENCE_ARGUMENT = Pattern.compile(
            "(?i)\\b(nextval|currval|setval)\\s*\\(\\s*'((?:[^']|'')*)'(\\s*::\\s*regclass)?");
    private static final Pattern BY_OID = Pattern.compile("'(\\d+)'::regclass");
    /** The niladic functions PostgreSQL shows in upper case, by the name the parser gives them. */
    private static final List<String> KEYWORDS = List.of("CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME",
            "LOCALTIMESTAMP", "LOCALTIME", "CURRENT_USER", "SESSION_USER", "USER", "CURRENT_SCHEMA");

    private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "array_agg",
            "string_agg", "bool_and", "bool_or", "every", "json_agg", "jsonb_agg");
    private static final Set<String> SET_RETURNING = Set.of("generate_series", "unnest", "jsonb_array_elements",
            "jsonb_array_elements_text", "json_array_elements", "json_array_elements_text", "jsonb_object_keys",
            "json_object_keys", "jsonb_each", "jsonb_each_text", "json_each", "json_each_text", "pg_get_keywords");

    private DefaultExpressions() {
    }

    /** The default as a serial or identity column has it: the next value of sequence {@code oid}. */
    static String nextval(long oid) {
        return "nextval('" + oid + "'::regclass)";
    }

    /**
     * The stored text of {@code expression} (written as {@code written}) as the default of a column of
     * {@code type}, or null for DEFAULT NULL (which PostgreSQL does not store either). What a default
     * may not hold (columns, subqueries, parameters) is refused as PostgreSQL refuses it; a constant
     * must read as the type (22P02 otherwise). {@code sequenceOid} finds a sequence by name;
     * {@code offset} gives a node's place in the statement, for the errors' positions.
     */
    static String stored(SqlNode expression, String written, DataType type, ZoneId zone,
            Function<String, Long> sequenceOid, ToIntFunction<SqlParserPos> offset) {
        refuseWhatDefaultsCannot(expression, offset);
        SqlNode e = expression;
        boolean negative = false;
        if (e.getKind() == SqlKind.MINUS_PREFIX && ((SqlCall) e).operand(0) instanceof SqlNumericLiteral) {
            negative = true;
            e = ((SqlCall) e).operand(0);
        }
        if (e instanceof SqlLiteral literal) {
            if (literal.getTypeName() == SqlTypeName.NULL) {
                return null;
            }
            if (literal instanceof SqlNumericLiteral number) {
                String digits = (negative ? "-" : "") + number.toValue();
                // PostgreSQL shows a negative constant as a string cast to its type.
                return digits.startsWith("-") ? "'" + digits + "'::" + (number.isExact() && fitsInteger(digits) ? "integer"
                        : number.isExact() && !digits.contains(".") ? "bigint" : "numeric") : digits;
            }
            if (literal.getTypeName() == SqlTypeName.BOOLEAN) {
                return String.valueOf(literal.booleanValue());
            }
            if (literal instanceof SqlCharStringLiteral) {
                String text = literal.getValueAs(String.class);
                // An untyped string is a constant of the column's type, read now (22P02 if it does not read).
                Object value;
                try {
                    value = Casts.fromText(text, type, zone);
                } catch (MillraceException notOfTheType) {
                    throw notOfTheType.withPosition(offset.applyAsInt(literal.getParserPosition()));
                }
                if (type.kind().isInteger() || type.kind() == TypeKind.NUMERIC || type.kind() == TypeKind.BOOLEAN) {
                    String shown = type.kind() == TypeKind.BOOLEAN ? String.valueOf(value) : value.toString();
                    return shown.startsWith("-") ? "'" + shown + "'::" + typeName(type) : shown;
                }
                return "'" + text.replace("'", "''") + "'::" + typeName(type);
            }
        }
        if (e instanceof SqlIdentifier id && id.isSimple() && KEYWORDS.contains(id.getSimple().toUpperCase(Locale.ROOT))) {
            return id.getSimple().toUpperCase(Locale.ROOT);
        }
        if (e instanceof SqlCall call && call.operandCount() == 0
                && KEYWORDS.contains(call.getOperator().getName().toUpperCase(Locale.ROOT))) {
            return call.getOperator().getName().toUpperCase(Locale.ROOT);
        }
        return bySequenceOid(written.strip(), sequenceOid, offset.applyAsInt(expression.getParserPosition()));
    }

    /** A type's name as a cast in a deparsed expression spells it: {@code text}, {@code text[]}, {@code character varying}. */
    private static String typeName(DataType type) {
        return type.kind() == TypeKind.ARRAY ? typeName(type.element()) + "[]"
                : io.millrace.server.catalog.SessionCatalog.formatName(PgTypes.pgType(type));
    }

    private static boolean fitsInteger(String digits) {
        try {
            Integer.parseInt(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code text} (at {@code start} in the statement) with each sequence function's sequence named by oid. */
    private static String bySequenceOid(String text, Function<String, Long> sequenceOid, int start) {
        Matcher m = SEQUENCE_ARGUMENT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2).replace("''", "'");
            Long oid = name.matches("\\d+") ? Long.valueOf(name) : sequenceOid.apply(name);
            if (oid == null) {
                throw new MillraceException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist",
                        start + m.start(2) - 1, null, null, null);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).toLowerCase(Locale.ROOT) + "('" + oid
                    + "'::regclass"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Columns, subqueries, aggregates and parameters have no place in a default, as in PostgreSQL. */
    private static void refuseWhatDefaultsCannot(SqlNode expression, ToIntFunction<SqlParserPos> offset) {
        expression.accept(new SqlBasicVisitor<Void>() {
            private MillraceException refused(SqlState state, String message, SqlNode at) {
                return new MillraceException(state, message, offset.applyAsInt(at.getParserPosition()), null, null, null);
            }

            @Override
            public Void visit(SqlIdentifier id) {
                if (!(id.isSimple() && KEYWORDS.contains(id.getSimple().toUpperCase(Locale.ROOT)))) {
                    throw refused(SqlState.FEATURE_NOT_SUPPORTED, "cannot use column reference in DEFAULT expression", id);
                }
                return null;
            }

            @Override
            public Void visit(SqlDynamicParam param) {
                throw refused(SqlState.UNDEFINED_PARAMETER, "there is no parameter $" + (param.getIndex() + 1), param);
            }

            @Override
            public Void visit(SqlCall call) {
                if (call.getKind() == SqlKind.SELECT || call.getKind() == SqlKind.EXISTS
                        || call.getKind() == SqlKind.SCALAR_QUERY) {
                    throw refused(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in DEFAULT expression", call);
                }
                String function = call.getOperator().getName().toLowerCase(Locale.ROOT);
                if (call.getOperator().isAggregator() || AGGREGATES.contains(function)) {
                    throw refused(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in DEFAULT expressions",
                            call);
                }
                if (SET_RETURNING.contains(function)) {
                    throw refused(SqlState.FEATURE_NOT_SUPPORTED,
                            "set-returning functions are not allowed in DEFAULT expressions", call);
                }
                return super.visit(call);
            }
        });
    }

    /** The sequences (by id) a stored default names. */
    public static Set<Long> sequences(String stored) {
        Set<Long> ids = new LinkedHashSet<>();
        if (stored != null) {
            Matcher m = BY_OID.matcher(stored);
            while (m.find()) {
                ids.add(Long.parseLong(m.group(1)) - io.millrace.server.catalog.SystemCatalog.FIRST_USER_OID);
            }
        }
        return ids;
    }

    /**
     * A stored default as pg_get_expr shows it: each sequence by name, qualified by its schema when
     * {@code searchPath} would not find it by its name alone.
     */
    public static String display(String stored, Catalog.Version catalog, List<String> searchPath) {
        Matcher m = BY_OID.matcher(stored);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            CatalogEntry e = catalog.get(Long.parseLong(m.group(1)) - io.millrace.server.catalog.SystemCatalog.FIRST_USER_OID);
            String name = e == null ? m.group(1) : e.name();
            if (e != null && e.kind() == ObjectKind.SEQUENCE && !visible(e, catalog, searchPath)) {
                name = e.schemaName() + "." + name;
            }
            m.appendReplacement(out, Matcher.quoteReplacement("'" + name.replace("'", "''") + "'::regclass"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean visible(CatalogEntry e, Catalog.Version catalog, List<String> searchPath) {
        for (String schema : searchPath) {
            CatalogEntry found = catalog.lookup(schema, e.name());
            if (found != null) {
                return found.id() == e.id();
            }
        }
        return false;
    }
}
