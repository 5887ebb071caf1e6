package io.millrace.planner;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Turns Calcite's validation errors into PostgreSQL's SQLSTATEs and wording, with the position of
 * the offending text. This is the one place that knows Calcite's error messages.
 */
final class PlannerErrors {
    private PlannerErrors() {
    }

    private record Rule(Pattern pattern, SqlState state, String format) {
    }

    private static final Rule[] RULES = {
        rule("Object '([^']*)' not found within '[^']*'.*", SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist"),
        rule("Object '([^']*)' not found.*", SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist"),
        rule("Table '([^']*)' not found.*", SqlState.UNDEFINED_TABLE, "relation \"%s\" does not exist"),
        rule("Column '([^']*)' not found in any table.*", SqlState.UNDEFINED_COLUMN, "column \"%s\" does not exist"),
        rule("Column '([^']*)' not found in table '([^']*)'.*", SqlState.UNDEFINED_COLUMN,
                "column %2$s.%1$s does not exist"),
        rule("Unknown target column '([^']*)'.*", SqlState.UNDEFINED_COLUMN, "column \"%s\" does not exist"),
        rule("Column '([^']*)' is ambiguous.*", SqlState.AMBIGUOUS_COLUMN, "column reference \"%s\" is ambiguous"),
        rule("No match found for function signature ([^(]*)\\((.*)\\).*", SqlState.UNDEFINED_FUNCTION,
                "function %s(%s) does not exist"),
        rule("Cannot apply '([^']*)' to arguments of type '.*?\\(<(.*?)>, <(.*?)>\\)'.*", SqlState.UNDEFINED_FUNCTION,
                "operator does not exist: %2$s %1$s %3$s"),
        rule("Cannot apply '([^']*)' to arguments of type (.*)\\. Supported form.*", SqlState.UNDEFINED_FUNCTION,
                "function %s does not exist for arguments %s"),
        rule("Expression '([^']*)' is not being grouped.*", SqlState.GROUPING_ERROR,
                "column \"%s\" must appear in the GROUP BY clause or be used in an aggregate function"),
        rule("Cannot assign to target field '([^']*)' of type (.*) from source field '[^']*' of type (.*)",
                SqlState.DATATYPE_MISMATCH, "column \"%s\" is of type %s but expression is of type %s"),
        rule("Number of INSERT target columns \\((\\d+)\\) does not equal number of source items \\((\\d+)\\)",
                SqlState.SYNTAX_ERROR, "INSERT has a different number of target columns (%s) and expressions (%s)"),
        rule("Illegal mixing of types in CASE or COALESCE statement", SqlState.DATATYPE_MISMATCH,
                "CASE/COALESCE types cannot be matched"),
        rule("Type mismatch in column (\\d+) of (UNION|INTERSECT|EXCEPT)", SqlState.DATATYPE_MISMATCH,
                "%2$s types in column %1$s cannot be matched"),
        rule("Column count mismatch in (UNION|INTERSECT|EXCEPT)", SqlState.SYNTAX_ERROR,
                "each %s query must have the same number of columns"),
        rule("Values passed to IN operator must have compatible types", SqlState.DATATYPE_MISMATCH,
                "IN types cannot be matched"),
        rule("WHERE clause must be a condition", SqlState.DATATYPE_MISMATCH, "argument of WHERE must be type boolean"),
        rule("HAVING clause must be a condition", SqlState.DATATYPE_MISMATCH, "argument of HAVING must be type boolean"),
        rule("ON clause must be a condition", SqlState.DATATYPE_MISMATCH, "argument of JOIN/ON must be type boolean"),
        rule("Aggregate expression is illegal in (WHERE|ON|GROUP BY) clause.*", SqlState.GROUPING_ERROR,
                "aggregate functions are not allowed in %s"),
        rule("Aggregate expressions cannot be nested", SqlState.GROUPING_ERROR, "aggregate function calls cannot be nested"),
        rule("Duplicate relation name '([^']*)' in FROM clause", SqlState.DUPLICATE_OBJECT,
                "table name \"%s\" specified more than once"),
        rule("Target column '([^']*)' is assigned more than once", SqlState.SYNTAX_ERROR,
                "column \"%s\" specified more than once"),
        rule("Illegal use of dynamic parameter", SqlState.INDETERMINATE_DATATYPE, "could not determine data type of parameter"),
        rule("Cast function cannot convert value of type (.*) to type (.*)", SqlState.CANNOT_COERCE,
                "cannot cast type %s to %s"),
        // Calcite derives a collection type for any cast of a collection.
        rule("componentType of (.*)", SqlState.FEATURE_NOT_SUPPORTED,
                "casting an array to %s is not supported yet (array_to_string gives its elements as text)"),
        rule("Ordinal out of range", SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position is not in select list"),
        rule("Invalid number of arguments to function '([^']*)'.*", SqlState.UNDEFINED_FUNCTION,
                "function %s does not exist with that number of arguments"),
    };

    private static Rule rule(String regex, SqlState state, String format) {
        return new Rule(Pattern.compile(regex, Pattern.DOTALL), state, format);
    }

    /** The user-facing error for a validation failure of {@code sql}. */
    static MillraceException translate(Throwable t, String sql) {
        if (t instanceof MillraceException m) {
            return m;
        }
        Throwable cause = t;
        while (cause.getCause() != null && !(cause instanceof SqlValidatorException)) {
            if (cause.getCause() instanceof MillraceException m) {
                return m;
            }
            cause = cause.getCause();
        }
        String raw = cause.getMessage() == null ? t.toString() : cause.getMessage();
        int position = 0;
        if (t instanceof CalciteContextException c && sql != null) {
            position = offset(sql, c.getPosLine(), c.getPosColumn());
        }
        for (Rule r : RULES) {
            Matcher m = r.pattern.matcher(raw.trim());
            if (m.matches()) {
                Object[] groups = new Object[m.groupCount()];
                for (int i = 0; i < groups.length; i++) {
                    groups[i] = m.group(i + 1).toLowerCase(java.util.Locale.ROOT);
                }
                return new MillraceException(r.state, String.format(r.format, groups), position, null, null, t);
            }
        }
        return new MillraceException(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, raw, position, null, null, t);
    }

    /** 1-based character offset of a 1-based line and column. */
    static int offset(String sql, int line, int column) {
        if (line <= 0) {
            return 0;
        }
        int off = 0;
        for (int l = 1; l < line; l++) {
            int nl = sql.indexOf('\n', off);
            if (nl < 0) {
                return 0;
            }
            off = nl + 1;
        }
        return off + column;
    }
}
