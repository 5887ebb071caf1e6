package io.millrace.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PgTextTest {
    @Test
    void doublesPrintLikePostgres() {
        assertEquals("0.1", PgText.formatDouble(0.1));
        assertEquals("1", PgText.formatDouble(1.0));
        assertEquals("-2.5", PgText.formatDouble(-2.5));
        assertEquals("1234567", PgText.formatDouble(1234567.0));
        assertEquals("100000000000000", PgText.formatDouble(1e14));
        assertEquals("1e+15", PgText.formatDouble(1e15));
        assertEquals("1e+20", PgText.formatDouble(1e20));
        assertEquals("1.2345678901234568e+20", PgText.formatDouble(123456789012345680000.0));
        assertEquals("0.0001", PgText.formatDouble(1e-4));
        assertEquals("1e-05", PgText.formatDouble(1e-5));
        assertEquals("1.5e-07", PgText.formatDouble(1.5e-7));
        assertEquals("0.3333333333333333", PgText.formatDouble(1.0 / 3));
        assertEquals("Infinity", PgText.formatDouble(Double.POSITIVE_INFINITY));
        assertEquals("NaN", PgText.formatDouble(Double.NaN));
        assertEquals("-0", PgText.formatDouble(-0.0));
        assertEquals("1e+23", PgText.formatDouble(1e23));
        assertEquals("5e-324", PgText.formatDouble(Double.MIN_VALUE));
        assertEquals("0.30000000000000004", PgText.formatDouble(0.1 + 0.2));
        assertEquals("2.82879384806159e+17", PgText.formatDouble(2.82879384806159E17));
    }

    @Test
    void floatsPrintLikePostgres() {
        assertEquals("0.1", PgText.formatFloat(0.1f));
        assertEquals("100000", PgText.formatFloat(1e5f));
        assertEquals("1e+06", PgText.formatFloat(1e6f));
        assertEquals("3.1415927", PgText.formatFloat((float) Math.PI));
        assertEquals("1.2345679e+11", PgText.formatFloat(123456789012f));
        assertEquals("1.5000001e+10", PgText.formatFloat(1.5e10f));
    }

    @Test
    void datesAndTimes() {
        assertEquals("12:30:00", PgText.formatTime(LocalTime.of(12, 30)));
        assertEquals("12:30:00.5", PgText.formatTime(LocalTime.of(12, 30, 0, 500_000_000)));
        assertEquals("2024-01-02 03:04:05.123456",
                PgText.formatTimestamp(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000)));
        assertEquals("2024-01-02 03:04:05+00",
                PgText.formatTimestamptz(Instant.parse("2024-01-02T03:04:05Z"), ZoneId.of("UTC")));
        assertEquals("2024-01-02 08:34:05+05:30",
                PgText.formatTimestamptz(Instant.parse("2024-01-02T03:04:05Z"), ZoneId.of("Asia/Kolkata")));
    }
}
