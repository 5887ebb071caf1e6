package io.millrace.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/** Shared helpers for the parser tests. */
final class ParserAssertions {
    private ParserAssertions() {}

    /** Parses a string holding exactly one statement. */
    static SqlNode parseOne(String sql) {
        final List<ParsedStatement> statements = MillraceParser.parseStatements(sql);
        assertEquals(1, statements.size(), () -> "statements in: " + sql);
        return statements.get(0).node();
    }

    /** Parses one statement and checks its class. */
    static <T extends SqlNode> T parseOne(String sql, Class<T> type) {
        return assertInstanceOf(type, parseOne(sql), sql);
    }

    /** Asserts a syntax error (42601) with this message at this 1-based position. */
    static MillraceException assertSyntaxError(String sql, String message, int position) {
        return assertError(sql, SqlState.SYNTAX_ERROR, message, position);
    }

    static MillraceException assertError(String sql, SqlState state, String message, int position) {
        final MillraceException e = assertThrows(MillraceException.class, () -> MillraceParser.parseStatements(sql));
        assertEquals(state, e.sqlState(), () -> "state of: " + e.getMessage());
        assertEquals(message, e.getMessage());
        assertEquals(position, e.position(), () -> "position of: " + e.getMessage());
        return e;
    }

    /**
     * Unparses a statement, parses that text again, and checks that it unparses the same way;
     * returns the text.
     */
    static String roundTrip(String sql) {
        final String once = MillraceParser.unparse(parseOne(sql));
        final String twice = MillraceParser.unparse(parseOne(once));
        assertEquals(once, twice, () -> "round trip of: " + sql);
        return once;
    }
}
