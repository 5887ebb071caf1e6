package io.millrace.parser;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.sql.SqlNode;

/**
 * One statement of a query string.
 *
 * @param node the parsed statement
 * @param text the statement's own source text, without the separating semicolon and without the
 *     whitespace and comments around it
 * @param offset 0-based offset of {@code text} in the string that was parsed
 */
public record ParsedStatement(SqlNode node, String text, int offset) {
    public ParsedStatement {
        requireNonNull(node, "node is null");
        requireNonNull(text, "text is null");
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
    }

    /** The number of parameters the statement takes: the highest {@code $n} it mentions. */
    public int parameterCount() {
        return MillraceParser.parameterCount(node);
    }
}
