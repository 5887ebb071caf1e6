package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.type.DataType;
import io.millrace.parser.ddl.SqlOption;
import io.millrace.planner.Planner;
import io.millrace.server.catalog.SequenceDefinition;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNumericLiteral;

/**
 * The options of CREATE SEQUENCE and of an identity column's sequence, read into a
 * {@link SequenceDefinition} with PostgreSQL's defaults and checks: an ascending sequence runs from
 * 1 to its type's maximum, a descending one from -1 down to its type's minimum, each starting at
 * the bound it moves away from; CACHE 1; no CYCLE.
 */
final class SequenceOptions {
    private final SequenceDefinition definition;
    private final SqlIdentifier ownedBy;

    private SequenceOptions(SequenceDefinition definition, SqlIdentifier ownedBy) {
        this.definition = definition;
        this.ownedBy = ownedBy;
    }

    /** The sequence defined (owned by no column yet). */
    SequenceDefinition definition() {
        return definition;
    }

    /** The column OWNED BY names ({@code table.column}), {@code none}, or null when not given. */
    SqlIdentifier ownedBy() {
        return ownedBy;
    }

    /** Reads {@code options}; the values are of {@code type} unless an AS option says otherwise. */
    static SequenceOptions read(List<SqlOption> options, DataType type, Planner planner) {
        Set<String> seen = new HashSet<>();
        Long increment = null;
        Long min = null;
        Long max = null;
        Long start = null;
        long cache = 1;
        boolean cycle = false;
        SqlIdentifier ownedBy = null;
        for (SqlOption o : options) {
            String key = o.name().startsWith("no ") ? o.name().substring(3) : o.name();
            if (!seen.add(key)) {
                throw new MillraceException(SqlState.SYNTAX_ERROR, "conflicting or redundant options");
            }
            switch (o.name()) {
                case "as" -> {
                    type = planner.columnType((SqlDataTypeSpec) o.value());
                    if (!type.kind().isInteger()) {
                        throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE,
                                "sequence type must be smallint, integer, or bigint");
                    }
                }
                case "increment" -> increment = integer(o);
                case "minvalue" -> min = integer(o);
                case "maxvalue" -> max = integer(o);
                case "start" -> start = integer(o);
                case "cache" -> cache = integer(o);
                case "cycle" -> cycle = o.booleanValue();
                case "owned by" -> ownedBy = (SqlIdentifier) o.value();
                case "no minvalue", "no maxvalue" -> {
                    // The type's bound, the default.
                }
                default -> throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                        "sequence option " + o.name() + " is not supported");
            }
        }
        long typeMin = switch (type.kind()) {
            case SMALLINT -> Short.MIN_VALUE;
            case INTEGER -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        long typeMax = switch (type.kind()) {
            case SMALLINT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        long step = increment == null ? 1 : increment;
        if (step == 0) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
        }
        long lowest = min != null ? min : step > 0 ? 1 : typeMin;
        long highest = max != null ? max : step > 0 ? typeMax : -1;
        String typeName = io.millrace.server.catalog.SessionCatalog.formatName(PgTypes.pgType(type));
        if (lowest < typeMin || lowest > typeMax) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + lowest
                    + ") is out of range for sequence data type " + typeName);
        }
        if (highest < typeMin || highest > typeMax) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "MAXVALUE (" + highest
                    + ") is out of range for sequence data type " + typeName);
        }
        if (lowest >= highest) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "MINVALUE (" + lowest
                    + ") must be less than MAXVALUE (" + highest + ")");
        }
        long first = start != null ? start : step > 0 ? lowest : highest;
        if (first < lowest) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "START value (" + first
                    + ") cannot be less than MINVALUE (" + lowest + ")");
        }
        if (first > highest) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "START value (" + first
                    + ") cannot be greater than MAXVALUE (" + highest + ")");
        }
        if (cache < 1) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "CACHE (" + cache
                    + ") must be greater than zero");
        }
        if (cache > MAX_CACHE) {
            // Each session holds its cached values one by one.
            throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "CACHE above " + MAX_CACHE
                    + " is not supported");
        }
        return new SequenceOptions(new SequenceDefinition(DataType.of(type.kind()), first, step, lowest, highest, cache,
                cycle, -1), ownedBy);
    }

    private static final long MAX_CACHE = 1_000_000;

    private static long integer(SqlOption o) {
        BigDecimal v = ((SqlNumericLiteral) o.value()).getValueAs(BigDecimal.class);
        try {
            return v.longValueExact();
        } catch (ArithmeticException e) {
            throw new MillraceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"" + v.toPlainString()
                    + "\" is out of range for type bigint");
        }
    }
}
