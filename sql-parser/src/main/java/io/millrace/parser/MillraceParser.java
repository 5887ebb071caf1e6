package io.millrace.parser;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.parser.impl.MillraceSqlParserImpl;
import io.millrace.parser.impl.MillraceSqlParserImplConstants;
import io.millrace.parser.impl.ParseException;
import io.millrace.parser.impl.Token;
import io.millrace.parser.impl.TokenMgrError;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.SourceStringReader;

/**
 * Millrace's SQL parser: Calcite's grammar with PostgreSQL's lexical rules and Millrace's
 * statements (see {@code io.millrace.parser.ddl}).
 *
 * <pre>{@code
 * for (ParsedStatement s : MillraceParser.parseStatements("BEGIN; INSERT INTO t VALUES ($1); COMMIT")) {
 *     s.node();   // SqlTransactionStatement, SqlInsert, SqlTransactionStatement
 *     s.text();   // "BEGIN", "INSERT INTO t VALUES ($1)", "COMMIT"
 * }
 * }</pre>
 *
 * <p>Every error is a {@link MillraceException}: {@link SqlState#SYNTAX_ERROR} (42601) with a
 * PostgreSQL-style message ({@code syntax error at or near "FORM"}, {@code syntax error at end of
 * input}) and {@link MillraceException#position()} the 1-based character position in the string
 * passed in.
 */
public final class MillraceParser {
    /** PostgreSQL truncates identifiers at 63 bytes; we accept long ones rather than fail. */
    private static final int IDENTIFIER_MAX_LENGTH = 1024;

    private static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(MillraceSqlParserImpl.FACTORY)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true)
            .withIdentifierMaxLength(IDENTIFIER_MAX_LENGTH)
            .withConformance(MillraceConformance.INSTANCE);

    private static final Pattern LEXICAL_ERROR = Pattern.compile(
            "(?s)Lexical error at line (\\d+), column (\\d+)\\.\\s+Encountered: (.*?)"
                    + "after\\s*(?:prefix)?\\s*:\\s*\"(.*)\"\\s*");

    private MillraceParser() {}

    /**
     * The Calcite parser configuration: our parser factory, PostgreSQL's identifier rules (double
     * quotes; unquoted names fold to lower case; case-sensitive matching) and
     * {@link MillraceConformance}. Use it when building a Calcite planner or validator.
     */
    public static SqlParser.Config config() {
        return CONFIG;
    }

    /**
     * Parses zero or more statements separated by semicolons. Empty statements (";;", only
     * comments) produce nothing.
     *
     * @throws MillraceException on any syntax error, positioned in {@code sql}
     */
    public static List<ParsedStatement> parseStatements(String sql) {
        if (sql.isEmpty()) {
            return List.of(); // the generated char stream cannot start with an empty buffer
        }
        return List.copyOf(run(sql, MillraceSqlParserImpl::MillraceStatementList));
    }

    /** Parses one query (SELECT, VALUES, WITH, set operations), as stored for a view. */
    public static SqlNode parseQuery(String sql) {
        return run(sql, MillraceSqlParserImpl::MillraceQueryEof);
    }

    /** Parses one scalar expression, e.g. a column default. */
    public static SqlNode parseExpression(String sql) {
        return run(sql, MillraceSqlParserImpl::SqlExpressionEof);
    }

    /**
     * The number of parameters a statement takes: the highest {@code $n} in it (PostgreSQL sizes
     * a statement's parameters by the highest number used, even with gaps), or the number of
     * {@code ?} markers. Each SqlDynamicParam's index is {@code n - 1}.
     */
    public static int parameterCount(SqlNode node) {
        final int[] max = {0};
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlDynamicParam param) {
                max[0] = Math.max(max[0], param.getIndex() + 1);
                return null;
            }
        });
        return max[0];
    }

    /**
     * SQL text for a parsed node, in PostgreSQL's dialect, quoting identifiers only where needed
     * (upper case, reserved words): what SHOW CREATE prints. The text parses back to an equal
     * statement.
     */
    public static String unparse(SqlNode node) {
        return node.toSqlString(c -> c.withDialect(PostgresqlSqlDialect.DEFAULT)
                        .withQuoteAllIdentifiers(false)
                        .withIndentation(0)
                        .withClauseStartsLine(false)
                        .withSelectListItemsOnSeparateLines(false))
                .getSql();
    }

    /** A grammar production, called on a fresh parser. */
    @FunctionalInterface
    private interface Production<T> {
        T parse(MillraceSqlParserImpl parser) throws Exception;
    }

    private static <T> T run(String sql, Production<T> production) {
        if (sql.isEmpty()) {
            throw new MillraceException(SqlState.SYNTAX_ERROR, "syntax error at end of input", 1, null, null, null);
        }
        final MillraceSqlParserImpl parser = newParser(sql);
        final Token head = parser.token; // every token read hangs off it, for error reporting
        try {
            return production.parse(parser);
        } catch (Throwable t) {
            throw toMillraceException(parser, head, sql, t);
        } finally {
            ParserSupport.forget();
        }
    }

    /** The grammar's keywords, lower case, each with whether it is reserved (not usable as a name). */
    public static java.util.SortedMap<String, Boolean> keywords() {
        org.apache.calcite.sql.parser.SqlAbstractParserImpl.Metadata metadata = newParser("").getMetadata();
        java.util.SortedMap<String, Boolean> out = new java.util.TreeMap<>();
        for (String token : metadata.getTokens()) {
            if (token.matches("[A-Z_]+") && metadata.isKeyword(token)) {
                out.put(token.toLowerCase(java.util.Locale.ROOT), !metadata.isNonReservedKeyword(token));
            }
        }
        return out;
    }

    private static MillraceSqlParserImpl newParser(String sql) {
        final MillraceSqlParserImpl parser =
                (MillraceSqlParserImpl) MillraceSqlParserImpl.FACTORY.getParser(new SourceStringReader(sql));
        parser.setTabSize(1);
        parser.setQuotedCasing(CONFIG.quotedCasing());
        parser.setUnquotedCasing(CONFIG.unquotedCasing());
        parser.setIdentifierMaxLength(CONFIG.identifierMaxLength());
        parser.setConformance(CONFIG.conformance());
        parser.switchTo(SqlAbstractParserImpl.LexicalState.forConfig(CONFIG));
        return parser;
    }

    // ---------------------------------------------------------------------------------------
    // Errors

    /**
     * @param head the parser's first token (the chain of every token read hangs off it), to look
     *     back from the token an error is reported at
     */
    private static MillraceException toMillraceException(MillraceSqlParserImpl parser, Token head, String sql,
            Throwable t) {
        if (t instanceof MillraceException e) {
            return e;
        }
        if (t instanceof ParseFailure f) {
            final int[] span = f.pos() != null ? span(sql, f.pos()) : tokenSpan(sql, parser.getToken(0));
            final String message = f.getMessage() != null ? f.getMessage() : nearMessage(sql, span);
            return error(f.sqlState(), message, sql, span[0], t);
        }
        if (t instanceof ParseException e) {
            final Token offending = e.currentToken != null && e.currentToken.next != null
                    ? furthestToken(e)
                    : parser.getToken(1);
            return syntaxErrorAt(sql, aliasAfterStar(parser, head, offending), t);
        }
        if (t instanceof TokenMgrError e) {
            return lexicalError(sql, head, e);
        }
        if (t instanceof CalciteContextException e) {
            final SqlParserPos pos = new SqlParserPos(e.getPosLine(), e.getPosColumn(),
                    e.getEndPosLine(), e.getEndPosColumn());
            final int[] span = span(sql, pos);
            final String calciteMessage = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            if (calciteMessage != null && calciteMessage.contains("encountered in illegal context")) {
                // "SELECT 1; foo" or "1 + 2" as a statement: PostgreSQL calls it a syntax error.
                final Token token = tokenAt(head, pos.getLineNum(), pos.getColumnNum());
                return token != null
                        ? syntaxErrorAt(sql, token, t)
                        : error(SqlState.SYNTAX_ERROR, nearMessage(sql, span), sql, span[0], t);
            }
            if (calciteMessage != null && calciteMessage.contains("'LIMIT start, count'")) {
                return new MillraceException(SqlState.SYNTAX_ERROR, "LIMIT #,# syntax is not supported",
                        position(sql, span[0]), null, "Use separate LIMIT and OFFSET clauses.", t);
            }
            return error(SqlState.SYNTAX_ERROR, firstLine(calciteMessage), sql, span[0], t);
        }
        if (t instanceof StackOverflowError) {
            return new MillraceException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "statement is too deeply nested to parse", t);
        }
        if (t instanceof Error e) {
            throw e;
        }
        final int[] span = tokenSpan(sql, parser.getToken(1));
        return error(SqlState.SYNTAX_ERROR, firstLine(String.valueOf(t.getMessage())), sql, span[0], t);
    }

    /**
     * The token the parse failed at. JavaCC reports the start of the longest lookahead that
     * failed ("SELECT 1 +" fails at "+" when the loop after 1 cannot match "+ <EOF>"); PostgreSQL,
     * reading one token at a time, reports the token where the input stopped making sense, which
     * is the last token of the longest expected sequence.
     */
    private static Token furthestToken(ParseException e) {
        int longest = 1;
        if (e.expectedTokenSequences != null) {
            for (int[] sequence : e.expectedTokenSequences) {
                longest = Math.max(longest, sequence.length);
            }
        }
        Token token = e.currentToken.next;
        for (int i = 1; i < longest && token.kind != 0 && token.next != null; i++) {
            token = token.next;
        }
        return token;
    }

    /** The token read that starts at a line and column, or {@code null}. */
    private static Token tokenAt(Token head, int line, int column) {
        for (Token t = head.next; t != null; t = t.next) {
            if (t.beginLine == line && t.beginColumn == column) {
                return t;
            }
        }
        return null;
    }

    /**
     * Calcite's grammar takes {@code SELECT * FORM t} as {@code *} aliased FORM and fails at
     * {@code t}; PostgreSQL allows no alias after {@code *} and fails at FORM. Report the alias.
     */
    private static Token aliasAfterStar(MillraceSqlParserImpl parser, Token head, Token offending) {
        Token before2 = null;
        Token before1 = null;
        Token previous = null;
        for (Token t = head; t != null && t != offending; t = t.next) {
            before2 = before1;
            before1 = previous;
            previous = t;
        }
        if (previous == null || before1 == null || before2 == null
                || before1.kind != MillraceSqlParserImplConstants.STAR) {
            return offending;
        }
        final boolean starStartsItem = before2.kind == MillraceSqlParserImplConstants.SELECT
                || before2.kind == MillraceSqlParserImplConstants.COMMA
                || before2.kind == MillraceSqlParserImplConstants.DOT
                || before2.kind == MillraceSqlParserImplConstants.DISTINCT
                || before2.kind == MillraceSqlParserImplConstants.ALL;
        final boolean alias = previous.kind == MillraceSqlParserImplConstants.IDENTIFIER
                || previous.kind == MillraceSqlParserImplConstants.QUOTED_IDENTIFIER
                || parser.getMetadata().isNonReservedKeyword(previous.image);
        return starStartsItem && alias ? previous : offending;
    }

    private static MillraceException syntaxErrorAt(String sql, Token token, Throwable cause) {
        if (token == null || token.kind == 0 /* EOF */) {
            return error(SqlState.SYNTAX_ERROR, "syntax error at end of input", sql, sql.length(), cause);
        }
        final int[] span = tokenSpan(sql, token);
        final String text = sql.substring(span[0], span[1]);
        if (text.equals("'")) {
            // A quote that starts no string literal: the literal never ends.
            return error(SqlState.SYNTAX_ERROR, "unterminated quoted string at or near \""
                    + sql.substring(span[0]) + "\"", sql, span[0], cause);
        }
        if (text.equals("\"") && sql.startsWith("\"\"", span[0])) {
            return error(SqlState.SYNTAX_ERROR, "zero-length delimited identifier at or near \"\"\"\"",
                    sql, span[0], cause);
        }
        if (text.equals("\"")) {
            return error(SqlState.SYNTAX_ERROR, "unterminated quoted identifier at or near \""
                    + restOfLine(sql, span[0]) + "\"", sql, span[0], cause);
        }
        return error(SqlState.SYNTAX_ERROR, nearMessage(sql, span), sql, span[0], cause);
    }

    /**
     * Where a block comment that never ends starts, or -1: after the last token read, past
     * whitespace and line comments, the text starts with "/*".
     */
    private static int unterminatedComment(String sql, Token head) {
        Token last = head;
        while (last.next != null) {
            last = last.next;
        }
        int i = last == head ? 0 : ParserSupport.offset(sql, last.endLine, last.endColumn) + 1;
        while (i < sql.length()) {
            if (Character.isWhitespace(sql.charAt(i))) {
                i++;
            } else if (sql.startsWith("--", i)) {
                while (i < sql.length() && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
            } else {
                break;
            }
        }
        return sql.startsWith("/*", i) ? i : -1;
    }

    private static MillraceException lexicalError(String sql, Token head, TokenMgrError e) {
        final Matcher m = LEXICAL_ERROR.matcher(String.valueOf(e.getMessage()));
        if (!m.matches()) {
            return error(SqlState.SYNTAX_ERROR, "syntax error", sql, 0, e);
        }
        final boolean eof = m.group(3).startsWith("<EOF>");
        final String after = unescape(m.group(4));
        final int errorOffset = eof
                ? sql.length()
                : ParserSupport.offset(sql, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        final int start = Math.max(0, errorOffset - after.length());
        if (eof) {
            final int comment = unterminatedComment(sql, head);
            if (comment >= 0) {
                return error(SqlState.SYNTAX_ERROR, "unterminated /* comment at or near \""
                        + sql.substring(comment) + "\"", sql, comment, e);
            }
            final String rest = sql.substring(start);
            final String what = rest.startsWith("/*") ? "unterminated /* comment"
                    : rest.startsWith("\"") ? "unterminated quoted identifier"
                    : "unterminated quoted string";
            return error(SqlState.SYNTAX_ERROR, what + " at or near \"" + rest + "\"", sql, start, e);
        }
        // A lone prefix of a longer operator ("#" of "#>") is reported as itself, not with what followed.
        final int end = !after.isEmpty() && Character.isWhitespace(sql.charAt(errorOffset)) ? errorOffset
                : Math.min(sql.length(), errorOffset + Character.charCount(sql.codePointAt(errorOffset)));
        return error(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + sql.substring(start, end) + "\"",
                sql, start, e);
    }

    private static String nearMessage(String sql, int[] span) {
        if (span[0] >= sql.length()) {
            return "syntax error at end of input";
        }
        return "syntax error at or near \"" + sql.substring(span[0], span[1]) + "\"";
    }

    /** A MillraceException at a 0-based UTF-16 offset, reported as a 1-based character position. */
    private static MillraceException error(SqlState state, String message, String sql, int offset, Throwable cause) {
        return new MillraceException(state, message, position(sql, offset), null, null, cause);
    }

    /** PostgreSQL's error position: 1-based, counting characters (code points). */
    private static int position(String sql, int offset) {
        final int clamped = Math.max(0, Math.min(offset, sql.length()));
        return sql.codePointCount(0, clamped) + 1;
    }

    /** [start, end) offsets of a token in the source. */
    private static int[] tokenSpan(String sql, Token token) {
        if (token == null || token.kind == 0) {
            return new int[] {sql.length(), sql.length()};
        }
        return span(sql, new SqlParserPos(token.beginLine, token.beginColumn, token.endLine, token.endColumn));
    }

    /** [start, end) offsets of a parser position in the source. */
    private static int[] span(String sql, SqlParserPos pos) {
        final int start = ParserSupport.offset(sql, pos.getLineNum(), pos.getColumnNum());
        int end = ParserSupport.offset(sql, pos.getEndLineNum(), pos.getEndColumnNum()) + 1;
        if (end <= start || pos.getEndLineNum() < pos.getLineNum()) {
            end = start + 1;
        }
        return new int[] {start, Math.min(end, sql.length())};
    }

    private static String restOfLine(String sql, int offset) {
        int end = offset;
        while (end < sql.length() && sql.charAt(end) != '\n' && sql.charAt(end) != '\r') {
            end++;
        }
        return sql.substring(offset, end);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Reverses JavaCC's addEscapes, so the text of a lexical error has its source length. */
    private static String unescape(String s) {
        final StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            final char next = s.charAt(++i);
            switch (next) {
                case 'b': b.append('\b'); break;
                case 't': b.append('\t'); break;
                case 'n': b.append('\n'); break;
                case 'f': b.append('\f'); break;
                case 'r': b.append('\r'); break;
                case 'u':
                    if (i + 4 < s.length()) {
                        b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    break;
                default: b.append(next);
            }
        }
        return b.toString();
    }
}
