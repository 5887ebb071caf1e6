package io.millrace.planner;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Names select-list expressions the way PostgreSQL does, so {@code SELECT count(*)} has a column
 * {@code count} and {@code SELECT 1 + 1} one called {@code ?column?} (Calcite would say
 * {@code EXPR$0}): a function call is named after the function, a cast after its operand or else
 * its type, CASE is {@code case}, anything else {@code ?column?}.
 */
final class ColumnNames {
    /** Starts the hidden part of a generated name that repeats another in its select list. */
    private static final char HIDDEN = '\u0001';

    private ColumnNames() {
    }

    /** A column's name as clients see it: without the hidden suffix a repeated generated name carries. */
    static String display(String name) {
        int at = name.indexOf(HIDDEN);
        return at < 0 ? name : name.substring(0, at);
    }

    /**
     * Adds PostgreSQL's name as an alias to every unnamed select item under {@code node}, and the
     * column names column1, column2, ... to a {@code (VALUES ...) AS v} without them, in place.
     */
    static void apply(SqlNode node) {
        SqlTreeRewriter.replaceAll(node, ColumnNames::namedValues);
        name(node);
    }

    /** {@code (VALUES ...) AS v} as {@code (VALUES ...) AS v (column1, column2, ...)}, as PostgreSQL names them; else null. */
    private static SqlNode namedValues(SqlNode n) {
        if (n.getKind() != SqlKind.AS || ((SqlCall) n).operandCount() != 2
                || ((SqlCall) n).operand(0).getKind() != SqlKind.VALUES) {
            return null;
        }
        SqlCall as = (SqlCall) n;
        SqlCall values = as.operand(0);
        if (values.operandCount() == 0 || !(values.operand(0) instanceof SqlCall row)) {
            return null;
        }
        SqlTreeRewriter.replaceAll(values, ColumnNames::namedValues);
        SqlNode alias = as.operand(1);
        List<SqlNode> operands = new java.util.ArrayList<>(List.of(values, alias));
        for (int i = 1; i <= row.operandCount(); i++) {
            operands.add(new SqlIdentifier("column" + i, SqlParserPos.ZERO));
        }
        return SqlStdOperatorTable.AS.createCall(as.getParserPosition(), operands);
    }

    private static void name(SqlNode node) {
        if (node instanceof SqlNodeList list) {
            for (SqlNode n : list) {
                name(n);
            }
            return;
        }
        if (!(node instanceof SqlCall call)) {
            return;
        }
        if (call instanceof SqlSelect select && select.getSelectList() != null) {
            SqlNodeList items = select.getSelectList();
            java.util.Set<String> taken = new java.util.HashSet<>();
            for (SqlNode item : items) {
                if (item.getKind() == SqlKind.AS) {
                    taken.add(((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple());
                } else if (item instanceof SqlIdentifier id && !id.isStar()) {
                    taken.add(id.names.get(id.names.size() - 1));
                }
            }
            for (int i = 0; i < items.size(); i++) {
                SqlNode item = items.get(i);
                if (item.getKind() == SqlKind.AS || item instanceof SqlIdentifier && !VolatileCalls.isCurrentTimestamp(item)) {
                    continue;
                }
                String name = nameOf(item);
                // A name taken already gets a hidden suffix, so that a reference by position
                // (ORDER BY 2 over a UNION) finds one column; the suffix is not shown.
                String unique = name;
                for (int k = 1; !taken.add(unique); k++) {
                    unique = name + HIDDEN + k;
                }
                items.set(i, SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO, item,
                        new SqlIdentifier(unique, SqlParserPos.ZERO)));
            }
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand != null) {
                name(operand);
            }
        }
    }

    /** PostgreSQL's name for an unnamed select item, or {@code ?column?}. */
    static String nameOf(SqlNode item) {
        if (item instanceof SqlIdentifier id) {
            return id.isStar() ? "?column?" : id.names.get(id.names.size() - 1);
        }
        if (!(item instanceof SqlCall call)) {
            return "?column?";
        }
        if (call instanceof SqlSelect select && select.getSelectList() != null && select.getSelectList().size() == 1) {
            // A scalar subquery is named after its one column.
            SqlNode only = select.getSelectList().get(0);
            return only.getKind() == SqlKind.AS ? ((SqlIdentifier) ((SqlCall) only).operand(1)).getSimple()
                    : nameOf(only);
        }
        switch (call.getKind()) {
            case CAST: {
                // A cast names its column after its operand, unless that is a constant or a cast
                // itself (whose name came from its type): then after its own type.
                String inner = call.operand(0).getKind() == SqlKind.CAST ? "?column?" : nameOf(call.operand(0));
                if (!inner.equals("?column?")) {
                    return inner;
                }
                SqlNode type = call.operand(1);
                return type instanceof SqlDataTypeSpec spec ? typeName(spec) : "?column?";
            }
            case CASE:
                return "case";
            case COALESCE:
                return "coalesce";
            case NULLIF:
                return "nullif";
            case EXISTS:
                return "exists";
            case ROW:
                return "row";
            case GREATEST:
                return "greatest";
            case LEAST:
                return "least";
            case ARRAY_VALUE_CONSTRUCTOR, ARRAY_QUERY_CONSTRUCTOR:
                return "array";
            case DOT:
                // (f(x)).n is named after the field.
                return nameOf(call.operand(1));
            case ITEM:
                // a[1] is named after a, (ARRAY[...])[1] after the array.
                return nameOf(call.operand(0));
            default:
                break;
        }
        if (call.getOperator() == io.millrace.parser.PgAtTimeZone.OPERATOR) {
            return "timezone";
        }
        if (call.getOperator() == LiteralRewrites.FUNCTION) {
            return "?column?";
        }
        if (call.getOperator() instanceof SqlFunction f && call instanceof SqlBasicCall) {
            return f.getName().toLowerCase(Locale.ROOT);
        }
        return "?column?";
    }

    private static String typeName(SqlDataTypeSpec spec) {
        if (spec.getTypeNameSpec() instanceof io.millrace.parser.PgTypeNameSpec pg) {
            return canonical(pg.pgTypeName());
        }
        return canonical(spec.getTypeName().getSimple().toLowerCase(Locale.ROOT));
    }

    /** The internal type names PostgreSQL uses for cast column names (integer is int4, ...). */
    private static String canonical(String sqlName) {
        return switch (sqlName) {
            case "integer", "int" -> "int4";
            case "smallint" -> "int2";
            case "bigint" -> "int8";
            case "real" -> "float4";
            case "double", "double precision", "float" -> "float8";
            case "boolean" -> "bool";
            case "decimal" -> "numeric";
            case "character varying" -> "varchar";
            case "character", "char" -> "bpchar";
            case "timestamp with time zone" -> "timestamptz";
            default -> sqlName;
        };
    }
}
