package io.millrace.parser;

import io.millrace.common.SqlState;
import io.millrace.parser.ddl.SqlOption;
import io.millrace.parser.ddl.SqlUniqueKey;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Helpers called from the generated parser's actions (see {@code parserImpls.ftl}). Not an API:
 * public only because the generated parser lives in another package.
 */
public final class ParserSupport {
    /** PostgreSQL's limit on the number of parameters of one statement. */
    static final int MAX_PARAMETERS = 65535;

    private static final ThreadLocal<LineIndex> LAST_INDEX = new ThreadLocal<>();

    private ParserSupport() {}

    /**
     * The index of a dynamic parameter. PostgreSQL's {@code $n} lexes as Calcite's {@code ?}; its
     * index is {@code n - 1}, so the same {@code $n} written twice is one parameter. A plain
     * {@code ?} keeps Calcite's numbering by occurrence.
     */
    /** TIMESTAMP 'text', completed to Calcite's format: seconds added, a 'T' separator allowed. */
    public static org.apache.calcite.sql.SqlLiteral timestampLiteral(String text, org.apache.calcite.sql.parser.SqlParserPos pos) {
        String t = text.strip();
        if (t.length() > 10 && t.charAt(10) == 'T') {
            t = t.substring(0, 10) + ' ' + t.substring(11);
        }
        if (t.matches("\\d{4}-\\d{1,2}-\\d{1,2} \\d{1,2}:\\d{2}")) {
            t = t + ":00";
        } else if (t.matches("\\d{4}-\\d{1,2}-\\d{1,2}")) {
            t = t + " 00:00:00";
        }
        return org.apache.calcite.sql.parser.SqlParserUtil.parseTimestampLiteral(t, pos);
    }

    /** TIME 'text', with seconds added when missing. */
    public static org.apache.calcite.sql.SqlLiteral timeLiteral(String text, org.apache.calcite.sql.parser.SqlParserPos pos) {
        String t = text.strip();
        if (t.matches("\\d{1,2}:\\d{2}")) {
            t = t + ":00";
        }
        return org.apache.calcite.sql.parser.SqlParserUtil.parseTimeLiteral(t, pos);
    }

    public static int parameterIndex(String image, int ordinal) {
        if (image == null || !image.startsWith("$")) {
            return ordinal;
        }
        final String digits = image.substring(1);
        int n;
        try {
            n = digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            n = Integer.MAX_VALUE;
        }
        if (n < 1 || n > MAX_PARAMETERS) {
            throw new ParseFailure(SqlState.UNDEFINED_PARAMETER, "there is no parameter " + image, null);
        }
        return n - 1;
    }

    /**
     * Turns the image of PostgreSQL's escape string {@code E'...'} into the image of the ordinary
     * string literal with the same value ({@code '...'}, quotes doubled). Escapes, each after a
     * backslash: b f n r t; one to three octal digits; x and one or two hex digits; u and four or
     * U and eight hex digits (a code point); any other character stands for itself. Two quotes
     * are a quote.
     */
    public static String escapeStringImage(String image, int line, int column) {
        final String body = image.substring(2, image.length() - 1);
        final StringBuilder value = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            final char c = body.charAt(i);
            if (c == '\'') {
                value.append('\'');
                i++; // '' is one quote
                continue;
            }
            if (c != '\\' || i + 1 >= body.length()) {
                value.append(c);
                continue;
            }
            final char e = body.charAt(++i);
            switch (e) {
                case 'b': value.append('\b'); break;
                case 'f': value.append('\f'); break;
                case 'n': value.append('\n'); break;
                case 'r': value.append('\r'); break;
                case 't': value.append('\t'); break;
                case 'x': {
                    int j = i + 1;
                    while (j < body.length() && j < i + 3 && Character.digit(body.charAt(j), 16) >= 0) {
                        j++;
                    }
                    if (j == i + 1) {
                        value.append('x'); // PostgreSQL: \x without digits is "x"
                    } else {
                        value.append((char) Integer.parseInt(body.substring(i + 1, j), 16));
                        i = j - 1;
                    }
                    break;
                }
                case 'u':
                case 'U': {
                    final int digits = e == 'u' ? 4 : 8;
                    final int end = i + 1 + digits;
                    final int codePoint = end <= body.length() ? hex(body.substring(i + 1, end)) : -1;
                    if (codePoint < 0 || !Character.isValidCodePoint(codePoint) || codePoint == 0) {
                        throw new ParseFailure(SqlState.SYNTAX_ERROR, "invalid Unicode escape value",
                                new SqlParserPos(line, column));
                    }
                    value.appendCodePoint(codePoint);
                    i = end - 1;
                    break;
                }
                default:
                    if (e >= '0' && e <= '7') {
                        int j = i;
                        while (j < body.length() && j < i + 3 && body.charAt(j) >= '0' && body.charAt(j) <= '7') {
                            j++;
                        }
                        value.append((char) (Integer.parseInt(body.substring(i, j), 8) & 0xFF));
                        i = j - 1;
                    } else {
                        value.append(e);
                    }
            }
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    private static int hex(String digits) {
        int v = 0;
        for (int i = 0; i < digits.length(); i++) {
            final int d = Character.digit(digits.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /**
     * The 0-based offset in {@code sql} of a JavaCC (1-based) line and column. The parser counts a
     * tab as one column and ends lines at "\n", "\r" or "\r\n", as JavaCC's SimpleCharStream does.
     */
    public static int offset(String sql, int line, int column) {
        return lineIndex(sql).offset(line, column);
    }

    /** The source text between two parser positions, both ends inclusive. */
    public static String sourceText(String sql, int beginLine, int beginColumn, int endLine, int endColumn) {
        if (sql == null) {
            return null;
        }
        final LineIndex index = lineIndex(sql);
        return sql.substring(index.offset(beginLine, beginColumn), index.offset(endLine, endColumn) + 1);
    }

    /** Drops the line index kept for the statement just parsed. */
    static void forget() {
        LAST_INDEX.remove();
    }

    static LineIndex lineIndex(String sql) {
        LineIndex index = LAST_INDEX.get();
        if (index == null || index.sql != sql) {
            index = new LineIndex(sql);
            LAST_INDEX.set(index);
        }
        return index;
    }

    /**
     * Records a PRIMARY KEY clause of CREATE TABLE; a table has at most one. Its constraint is
     * always named {@code <table>_pkey}, so a CONSTRAINT clause may give only that name.
     */
    public static void addPrimaryKey(SqlIdentifier table, List<SqlNodeList> primaryKeys, SqlNodeList columns,
            SqlIdentifier constraint, SqlParserPos pos) {
        if (!primaryKeys.isEmpty()) {
            throw new ParseFailure(SqlState.INVALID_TABLE_DEFINITION,
                    "multiple primary keys for table \"" + last(table) + "\" are not allowed", pos);
        }
        String implied = last(table) + "_pkey";
        if (constraint != null && !constraint.getSimple().equals(implied)) {
            throw new ParseFailure(SqlState.FEATURE_NOT_SUPPORTED, "a primary key constraint named other than \""
                    + implied + "\" is not supported yet", constraint.getParserPosition());
        }
        requireDistinctColumns(columns, "primary key", pos);
        primaryKeys.add(columns);
    }

    /** A UNIQUE constraint of CREATE TABLE, named by {@code constraint} (or not, when null). */
    public static SqlUniqueKey uniqueKey(SqlIdentifier constraint, SqlNodeList columns, SqlParserPos pos) {
        requireDistinctColumns(columns, "unique", pos);
        return new SqlUniqueKey(pos, constraint, columns);
    }

    private static void requireDistinctColumns(SqlNodeList columns, String constraintKind, SqlParserPos pos) {
        final java.util.Set<String> seen = new java.util.HashSet<>();
        for (SqlNode column : columns) {
            String name = ((SqlIdentifier) column).getSimple();
            if (!seen.add(name)) {
                throw new ParseFailure(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" appears twice in "
                        + constraintKind + " constraint", pos);
            }
        }
    }

    /** Applies a NULL or NOT NULL constraint to a column that may already have one. */
    public static Boolean nullability(SqlIdentifier table, SqlIdentifier column, Boolean current, boolean nullable,
            SqlParserPos pos) {
        if (current != null && current != nullable) {
            throw new ParseFailure(SqlState.SYNTAX_ERROR, "conflicting NULL/NOT NULL declarations for column \""
                    + column.getSimple() + "\" of table \"" + last(table) + "\"", pos);
        }
        return nullable;
    }

    public static ParseFailure multipleDefaults(SqlIdentifier table, SqlIdentifier column, SqlParserPos pos) {
        return new ParseFailure(SqlState.SYNTAX_ERROR, "multiple default values specified for column \""
                + column.getSimple() + "\" of table \"" + last(table) + "\"", pos);
    }

    /** A column's GENERATED ... AS IDENTITY clause; a column has at most one. */
    public static io.millrace.parser.ddl.IdentityGeneration identity(SqlIdentifier table, SqlIdentifier column,
            io.millrace.parser.ddl.IdentityGeneration current, boolean always, SqlParserPos pos) {
        if (current != null) {
            throw new ParseFailure(SqlState.SYNTAX_ERROR, "multiple identity specifications for column \""
                    + column.getSimple() + "\" of table \"" + last(table) + "\"", pos);
        }
        return always ? io.millrace.parser.ddl.IdentityGeneration.ALWAYS
                : io.millrace.parser.ddl.IdentityGeneration.BY_DEFAULT;
    }

    /**
     * INSERT's {@code DEFAULT VALUES}: a VALUES of one empty row, which gives every column its
     * default. As in PostgreSQL it takes no column list.
     */
    public static SqlNode defaultValues(SqlNodeList columnList, SqlParserPos pos) {
        if (columnList != null) {
            throw new ParseFailure(SqlState.SYNTAX_ERROR, "syntax error at or near \"DEFAULT\"", pos);
        }
        return org.apache.calcite.sql.fun.SqlStdOperatorTable.VALUES.createCall(pos,
                org.apache.calcite.sql.fun.SqlStdOperatorTable.ROW.createCall(pos));
    }

    /** Whether {@code source} is what {@link #defaultValues} makes: VALUES of one empty row. */
    public static boolean isDefaultValues(SqlNode source) {
        return source.getKind() == org.apache.calcite.sql.SqlKind.VALUES
                && ((org.apache.calcite.sql.SqlCall) source).operandCount() == 1
                && ((org.apache.calcite.sql.SqlCall) ((org.apache.calcite.sql.SqlCall) source).operand(0))
                        .operandCount() == 0;
    }

    /** INSERT's keywords with its OVERRIDING clause, when it has one, among them. */
    public static SqlNodeList withOverriding(SqlNodeList keywords, org.apache.calcite.sql.SqlLiteral overriding) {
        if (overriding == null) {
            return keywords;
        }
        List<SqlNode> all = new java.util.ArrayList<>(keywords.getList());
        all.add(overriding);
        return new SqlNodeList(all, keywords.getParserPosition());
    }

    /** The row count of FETCH. */
    public static long fetchCount(String image, SqlParserPos pos) {
        try {
            return Long.parseLong(image);
        } catch (NumberFormatException e) {
            throw new ParseFailure(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "FETCH count is out of range: " + image, pos);
        }
    }

    /**
     * One option of the pre-9.0 COPY syntax ({@code CSV HEADER}, {@code DELIMITER ','}, ...), as the
     * option of the parenthesized syntax it stands for.
     */
    public static SqlOption legacyCopyOption(String name, SqlNode value, SqlParserPos pos) {
        switch (name) {
            case "binary":
            case "csv":
                requireNoValue(name, value, pos);
                return new SqlOption(pos, "format", SqlLiteral.createCharString(name, pos));
            case "header":
                requireNoValue(name, value, pos);
                return new SqlOption(pos, "header", SqlLiteral.createBoolean(true, pos));
            case "delimiter":
            case "null":
            case "quote":
            case "escape":
            case "encoding":
                if (value == null) {
                    throw ParseFailure.syntaxError(pos);
                }
                return new SqlOption(pos, name, value);
            default:
                throw ParseFailure.syntaxError(pos);
        }
    }

    /** Rejects an option given twice, as PostgreSQL does ("conflicting or redundant options"). */
    public static List<SqlOption> distinctOptions(List<SqlOption> options) {
        final java.util.Set<String> seen = new java.util.HashSet<>();
        for (SqlOption option : options) {
            if (!seen.add(option.name())) {
                throw new ParseFailure(SqlState.SYNTAX_ERROR, "conflicting or redundant options",
                        option.getParserPosition());
            }
        }
        return options;
    }

    private static void requireNoValue(String name, SqlNode value, SqlParserPos pos) {
        if (value != null) {
            throw ParseFailure.syntaxError(value.getParserPosition());
        }
    }

    private static String last(SqlIdentifier id) {
        return id.names.get(id.names.size() - 1);
    }

    /** Start offsets of the lines of a string, counted the way the parser counts them. */
    static final class LineIndex {
        final String sql;
        private final int[] lineStarts;

        LineIndex(String sql) {
            this.sql = sql;
            int[] starts = new int[16];
            int count = 0;
            starts[count++] = 0;
            final int n = sql.length();
            for (int i = 0; i < n; i++) {
                final char c = sql.charAt(i);
                final boolean lineEnd = c == '\n' || (c == '\r' && (i + 1 >= n || sql.charAt(i + 1) != '\n'));
                if (lineEnd) {
                    if (count == starts.length) {
                        starts = Arrays.copyOf(starts, count * 2);
                    }
                    starts[count++] = i + 1;
                }
            }
            this.lineStarts = Arrays.copyOf(starts, count);
        }

        /** 0-based offset of a 1-based line and column, clamped to the string. */
        int offset(int line, int column) {
            if (line < 1) {
                return 0;
            }
            if (line > lineStarts.length) {
                return sql.length();
            }
            final int offset = lineStarts[line - 1] + Math.max(column, 1) - 1;
            return Math.min(offset, sql.length());
        }

        /** 1-based line and column of a 0-based offset. */
        int[] lineAndColumn(int offset) {
            int line = Arrays.binarySearch(lineStarts, offset);
            if (line < 0) {
                line = -line - 2;
            }
            return new int[] {line + 1, offset - lineStarts[line] + 1};
        }
    }

    /** The type a typed constant names ({@code int4 '5'}, {@code jsonb '{}'}): an alias, or a type the validator looks up. */
    public static org.apache.calcite.sql.SqlTypeNameSpec typedLiteralType(String image,
            org.apache.calcite.sql.parser.SqlParserPos pos) {
        if (PgTypeNameSpec.isAlias(image)) {
            return PgTypeNameSpec.forAlias(image, -1, pos);
        }
        return new org.apache.calcite.sql.SqlUserDefinedTypeNameSpec(lower(image), pos);
    }

    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static final java.util.Set<String> ROLE_OPTIONS = java.util.Set.of("login", "nologin", "superuser",
            "nosuperuser", "createdb", "nocreatedb", "createrole", "nocreaterole", "inherit", "noinherit",
            "replication", "noreplication", "bypassrls", "nobypassrls", "password");

    /** Whether {@code option} (lower case) is an option of CREATE/ALTER ROLE. */
    public static boolean isRoleOption(String option) {
        return ROLE_OPTIONS.contains(option);
    }

    /**
     * Whether a token is a keyword that may label a column after AS: a word, but not one the
     * parser reads as an identifier anyway.
     */
    public static boolean isKeywordLabel(int kind, String image) {
        return kind != io.millrace.parser.impl.MillraceSqlParserImplConstants.IDENTIFIER
                && kind != io.millrace.parser.impl.MillraceSqlParserImplConstants.QUOTED_IDENTIFIER
                && image != null && image.matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    /** {@code dml}, or {@code dml ... RETURNING items} when there are items. */
    public static SqlNode withReturning(org.apache.calcite.sql.SqlCall dml, org.apache.calcite.sql.SqlNodeList items) {
        return items == null ? dml : new io.millrace.parser.ddl.SqlReturning(dml.getParserPosition(), dml, items);
    }
}
