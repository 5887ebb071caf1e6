package io.millrace.parser;

import static io.millrace.parser.ParserAssertions.assertError;
import static io.millrace.parser.ParserAssertions.parseOne;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.millrace.common.SqlState;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PostgreSQL's INTERVAL 'text' (no qualifier) next to the standard INTERVAL 'n' UNIT, and the interval type. */
class IntervalLiteralTest {
    private static SqlNode item(String sql) {
        return parseOne(sql, SqlSelect.class).getSelectList().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"5 minutes", "1 hour 30 mins", "1 month 1 day", "1.5 months", "3 days 04:05:06.5", "1 day ago",
        "P1Y2M", "10"})
    void postgresIntervalsAreTextCastToInterval(String text) {
        assertEquals("CAST('" + text + "' AS INTERVAL)", MillraceParser.unparse(item("SELECT INTERVAL '" + text + "'")));
    }

    @Test
    void signedAndTypeNames() {
        assertEquals("- CAST('1 day' AS INTERVAL)", MillraceParser.unparse(item("SELECT INTERVAL - '1 day'")));
        assertEquals("CAST(x AS INTERVAL)", MillraceParser.unparse(item("SELECT x::interval")));
        assertEquals("CAST(x AS INTERVAL)", MillraceParser.unparse(item("SELECT CAST(x AS INTERVAL)")));
    }

    @Test
    void standardIntervalsAreCalcites() {
        assertEquals("INTERVAL '1' DAY", MillraceParser.unparse(item("SELECT INTERVAL '1' DAY")));
        assertEquals("INTERVAL '2:30' HOUR TO MINUTE", MillraceParser.unparse(item("SELECT interval '2:30' hour to minute")));
        assertEquals("INTERVAL '90' MINUTE", MillraceParser.unparse(item("SELECT INTERVAL '90' MINUTES")));
    }

    @Test
    void badIntervals() {
        assertError("SELECT INTERVAL 'abc'", SqlState.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type interval: \"abc\"", 8);
        assertError("SELECT INTERVAL '1 fortnight'", SqlState.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type interval: \"1 fortnight\"", 8);
    }
}
