package io.millrace.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgIntervalTest {
    private static String text(String input) {
        return PgInterval.parse(input).toString();
    }

    @Test
    void readsAndPrintsAsPostgres() {
        assertEquals("1 day", text("1 day"));
        assertEquals("1 year 2 mons 3 days 04:05:06.5", text("1 year 2 months 3 days 4 hours 5 minutes 6.5 seconds"));
        assertEquals("-1 days +02:00:00", text("-1 day +2 hours"));
        assertEquals("1 day -01:00:00", text("1 day -1 hour"));
        assertEquals("00:00:00", text("0"));
        assertEquals("00:00:10", text("10"));
        assertEquals("01:30:00", text("1:30"));
        assertEquals("00:01:30.5", text("1:30.5"));
        assertEquals("100:00:00", text("100 hours"));
        assertEquals("-00:00:01.5", text("-00:00:01.5"));
        assertEquals("-14 days", text("2 weeks ago"));
        assertEquals("01:30:00", text("@ 1 hour 30 mins"));
        assertEquals("1 mon 15 days", text("1.5 months"));
        assertEquals("1 year 6 mons", text("1.5 years"));
        assertEquals("1 day 12:00:00", text("1.5 days"));
        assertEquals("1 year 2 mons", text("1-2"));
        assertEquals("3 days 04:05:06", text("3 4:05:06"));
        assertEquals("1 year 2 mons 3 days 04:05:06", text("P1Y2M3DT4H5M6S"));
        assertEquals("00:00:01.5", text("PT1.5S"));
        assertEquals("7 days", text("P1W"));
        assertEquals("-1 years -2 mons", text("-1 year -2 mons"));
        assertEquals("00:00:00.000001", text("1 microsecond"));
        assertEquals("00:05:00", text("5min"));
    }

    @Test
    void badInputFails() {
        for (String bad : List.of("", "abc", "1 fortnight", "P", "PT", "P1H")) {
            MillraceException e = assertThrows(MillraceException.class, () -> PgInterval.parse(bad), bad);
            assertEquals(SqlState.INVALID_DATETIME_FORMAT, e.sqlState(), bad);
        }
        assertEquals(SqlState.DATETIME_FIELD_OVERFLOW,
                assertThrows(MillraceException.class, () -> PgInterval.parse("3000000000 days")).sqlState());
    }

    @Test
    void heldFormKeepsFieldsAndOrdersBySpan() {
        List<PgInterval> values = new ArrayList<>();
        for (String s : List.of("-1 year", "-1 day", "-00:00:00.000001", "0", "1 microsecond", "23:59:59", "1 day",
                "25 hours", "29 days", "1 mon", "1 mon 1 second", "1 year", "178000000 years")) {
            values.add(PgInterval.parse(s));
        }
        values.add(new PgInterval(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE));
        values.add(new PgInterval(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE));
        for (PgInterval a : values) {
            assertEquals(a, PgInterval.fromHeld(a.held()));
            for (PgInterval b : values) {
                assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(a.held().compareTo(b.held())), a + " vs " + b);
            }
        }
        assertEquals(0, PgInterval.compareSpans(PgInterval.parse("1 day").held(), PgInterval.parse("24 hours").held()));
        assertEquals(0, PgInterval.compareSpans(PgInterval.parse("1 mon").held(), PgInterval.parse("30 days").held()));
        assertTrue(PgInterval.compareSpans(PgInterval.parse("1 mon").held(), PgInterval.parse("29 days").held()) > 0);
        assertTrue(PgInterval.parse("1 mon").compareTo(PgInterval.parse("29 days")) > 0);
        assertTrue(PgInterval.parse("1 day").compareTo(PgInterval.parse("25 hours")) < 0);
    }

    @Test
    void arithmeticAsPostgres() {
        assertEquals("1 mon 15 days", PgInterval.parse("1 mon").times(1.5).toString());
        assertEquals("08:00:00", PgInterval.parse("1 day").dividedBy(3).toString());
        assertEquals("1 day 01:00:00", PgInterval.parse("1 day").plus(PgInterval.parse("1 hour")).toString());
        assertEquals("-1 days -01:00:00", PgInterval.parse("1 day 1 hour").negate().toString());
        assertEquals("1 day 03:00:00", new PgInterval(0, 0, 27 * PgInterval.MICROS_PER_HOUR).justifyHours().toString());
        assertEquals("1 mon 5 days", PgInterval.parse("35 days").justifyDays().toString());
        assertEquals("29 days 23:00:00", PgInterval.parse("1 mon -1 hour").justify().toString());
        assertEquals(SqlState.DIVISION_BY_ZERO,
                assertThrows(MillraceException.class, () -> PgInterval.parse("1 day").dividedBy(0)).sqlState());
    }
}
