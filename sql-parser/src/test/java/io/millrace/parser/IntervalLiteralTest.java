package io.millrace.parser;

import static io.millrace.parser.ParserAssertions.assertError;
import static io.millrace.parser.ParserAssertions.parseOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.millrace.common.SqlState;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PostgreSQL's INTERVAL 'text' (no qualifier) next to the standard INTERVAL 'n' UNIT. */
class IntervalLiteralTest {
    private static SqlNode item(String sql) {
        return parseOne(sql, SqlSelect.class).getSelectList().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            5 minutes                   | INTERVAL '5' MINUTE                 | 300000
            1 hour 30 mins              | INTERVAL '1:30' HOUR TO MINUTE      | 5400000
            1.5 seconds                 | INTERVAL '1.5' SECOND               | 1500
            100ms                       | INTERVAL '0.1' SECOND               | 100
            10                          | INTERVAL '10' SECOND                | 10000
            1 day                       | INTERVAL '1' DAY                    | 86400000
            1 week                      | INTERVAL '7' DAY                    | 604800000
            36 hours                    | INTERVAL '1 12' DAY TO HOUR         | 129600000
            3 days 04:05:06.5           | INTERVAL '3 4:5:6.5' DAY TO SECOND  | 273906500
            1000 days                   | INTERVAL '1000' DAY(4)              | 86400000000
            -1 day                      | INTERVAL -'1' DAY                   | -86400000
            1 day ago                   | INTERVAL -'1' DAY                   | -86400000
            00:00:30                    | INTERVAL '30' SECOND                | 30000
            """)
    void dayTimeIntervals(String text, String unparsed, long millis) {
        final SqlIntervalLiteral literal =
                assertInstanceOf(SqlIntervalLiteral.class, item("SELECT INTERVAL '" + text + "'"));
        assertEquals(unparsed, MillraceParser.unparse(literal));
        assertEquals(millis, SqlParserUtil.intervalToMillis((SqlIntervalLiteral.IntervalValue) literal.getValue())
                * ((SqlIntervalLiteral.IntervalValue) literal.getValue()).getSign());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2 years                     | INTERVAL '2' YEAR                   | 24
            3 mons                      | INTERVAL '3' MONTH                  | 3
            1 year 2 months             | INTERVAL '1-2' YEAR TO MONTH        | 14
            -1 year -2 months           | INTERVAL -'1-2' YEAR TO MONTH       | -14
            1 decade                    | INTERVAL '10' YEAR                  | 120
            """)
    void yearMonthIntervals(String text, String unparsed, long months) {
        final SqlIntervalLiteral literal =
                assertInstanceOf(SqlIntervalLiteral.class, item("SELECT INTERVAL '" + text + "'"));
        assertEquals(unparsed, MillraceParser.unparse(literal));
        final SqlIntervalLiteral.IntervalValue value = (SqlIntervalLiteral.IntervalValue) literal.getValue();
        assertEquals(months, SqlParserUtil.intervalToMonths(value) * value.getSign());
    }

    @Test
    void standardIntervalsAreCalcites() {
        assertEquals("INTERVAL '1' DAY", MillraceParser.unparse(item("SELECT INTERVAL '1' DAY")));
        assertEquals("INTERVAL '2:30' HOUR TO MINUTE", MillraceParser.unparse(item("SELECT interval '2:30' hour to minute")));
        assertEquals("INTERVAL '90' MINUTE", MillraceParser.unparse(item("SELECT INTERVAL '90' MINUTES")));
    }

    @Test
    void intervalsInExpressionsAndWindowFunctions() {
        assertEquals("SELECT now() - INTERVAL '5' MINUTE",
                MillraceParser.unparse(parseOne("select now() - interval '5 minutes'")));
        assertEquals("SELECT * FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' MINUTE))",
                MillraceParser.unparse(parseOne(
                        "SELECT * FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10 minutes'))")));
    }

    @Test
    void badIntervals() {
        assertError("SELECT INTERVAL 'abc'", SqlState.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type interval: \"abc\"", 8);
        assertError("SELECT INTERVAL '1 month 1 day'", SqlState.FEATURE_NOT_SUPPORTED,
                "interval \"1 month 1 day\" mixes months with days or time; write it as the sum of two intervals", 8);
        assertError("SELECT INTERVAL '1.5 months'", SqlState.FEATURE_NOT_SUPPORTED,
                "fractional months are not supported in interval \"1.5 months\"", 8);
    }
}
