package io.millrace.pgwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

class PgValueCodecTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Test
    void textOutputMatchesPostgres() {
        assertEquals("t", PgValueCodec.encodeText(PgType.BOOL, true, UTC));
        assertEquals("f", PgValueCodec.encodeText(PgType.BOOL, false, UTC));
        assertEquals("-32768", PgValueCodec.encodeText(PgType.INT2, Short.MIN_VALUE, UTC));
        assertEquals("-9223372036854775808", PgValueCodec.encodeText(PgType.INT8, Long.MIN_VALUE, UTC));
        assertEquals("0.1", PgValueCodec.encodeText(PgType.FLOAT8, 0.1, UTC));
        assertEquals("1e+20", PgValueCodec.encodeText(PgType.FLOAT8, 1e20, UTC));
        assertEquals("1.5e-07", PgValueCodec.encodeText(PgType.FLOAT8, 1.5e-7, UTC));
        assertEquals("Infinity", PgValueCodec.encodeText(PgType.FLOAT8, Double.POSITIVE_INFINITY, UTC));
        assertEquals("-Infinity", PgValueCodec.encodeText(PgType.FLOAT4, Float.NEGATIVE_INFINITY, UTC));
        assertEquals("NaN", PgValueCodec.encodeText(PgType.FLOAT8, Double.NaN, UTC));
        assertEquals("1e+06", PgValueCodec.encodeText(PgType.FLOAT4, 1e6f, UTC));
        assertEquals("0.1", PgValueCodec.encodeText(PgType.FLOAT4, 0.1f, UTC));
        assertEquals("12345.6789", PgValueCodec.encodeText(PgType.NUMERIC, new BigDecimal("12345.6789"), UTC));
        assertEquals("1000", PgValueCodec.encodeText(PgType.NUMERIC, new BigDecimal("1E+3"), UTC));
        assertEquals("0.00", PgValueCodec.encodeText(PgType.NUMERIC, new BigDecimal("0.00"), UTC));
        assertEquals("2024-01-02", PgValueCodec.encodeText(PgType.DATE, LocalDate.of(2024, 1, 2), UTC));
        assertEquals("0044-03-15 BC", PgValueCodec.encodeText(PgType.DATE, LocalDate.of(-43, 3, 15), UTC));
        assertEquals("03:04:05.5", PgValueCodec.encodeText(PgType.TIME, LocalTime.of(3, 4, 5, 500_000_000), UTC));
        assertEquals("00:00:00", PgValueCodec.encodeText(PgType.TIME, LocalTime.MIDNIGHT, UTC));
        assertEquals("2024-01-02 03:04:05.000001", PgValueCodec.encodeText(PgType.TIMESTAMP,
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 1000), UTC));
        Instant instant = Instant.parse("2024-01-02T03:04:05.5Z");
        assertEquals("2024-01-02 03:04:05.5+00", PgValueCodec.encodeText(PgType.TIMESTAMPTZ, instant, UTC));
        assertEquals("2024-01-02 08:34:05.5+05:30", PgValueCodec.encodeText(PgType.TIMESTAMPTZ, instant, KOLKATA));
        assertEquals("4000000000", PgValueCodec.encodeText(PgType.OID, (int) 4_000_000_000L, UTC));
        assertEquals("héllo", PgValueCodec.encodeText(PgType.VARCHAR, "héllo", UTC));
    }

    @Test
    void numericBinaryMatchesPostgres() {
        // 12345.6789: ndigits 3, weight 1, positive, dscale 4, digits 1 2345 6789
        assertArrayEquals(shorts(3, 1, 0, 4, 1, 2345, 6789), PgValueCodec.numericBinary(new BigDecimal("12345.6789")));
        // -0.000012: one digit 1200 at weight -2
        assertArrayEquals(shorts(1, -2, 0x4000, 6, 1200), PgValueCodec.numericBinary(new BigDecimal("-0.000012")));
        assertArrayEquals(shorts(1, 1, 0, 0, 10), PgValueCodec.numericBinary(new BigDecimal("100000")));
        assertArrayEquals(shorts(0, 0, 0, 2), PgValueCodec.numericBinary(new BigDecimal("0.00")));
        assertArrayEquals(shorts(1, 0, 0, 0, 1000), PgValueCodec.numericBinary(new BigDecimal("1E+3")));
        assertArrayEquals(shorts(2, 0, 0, 1, 1, 5000), PgValueCodec.numericBinary(new BigDecimal("1.5")));
    }

    private static byte[] shorts(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    @Test
    void binaryRoundTripsEveryType() {
        Object[][] cases = {
            {PgType.BOOL, true}, {PgType.INT2, (short) -5}, {PgType.INT4, 123456}, {PgType.INT8, -1L << 40},
            {PgType.FLOAT4, 1.25f}, {PgType.FLOAT8, -0.1}, {PgType.NUMERIC, new BigDecimal("-98765.43210")},
            {PgType.NUMERIC, new BigDecimal("0.0001")}, {PgType.NUMERIC, new BigDecimal("123456789012345678901234567890")},
            {PgType.TEXT, "a\u0000-less ☃"}, {PgType.VARCHAR, ""}, {PgType.BPCHAR, "x "}, {PgType.NAME, "pg_class"},
            {PgType.DATE, LocalDate.of(1999, 12, 31)}, {PgType.DATE, LocalDate.of(-100, 2, 28)},
            {PgType.TIME, LocalTime.of(23, 59, 59, 999_999_000)},
            {PgType.TIMESTAMP, LocalDateTime.of(1969, 7, 20, 20, 17, 40, 123_456_000)},
            {PgType.TIMESTAMPTZ, Instant.parse("2038-01-19T03:14:08.000001Z")}, {PgType.OID, -1},
            {PgType.INTERVAL, new io.millrace.common.PgInterval(14, -3, 3_723_000_001L)},
            {PgType.UNKNOWN, "untyped"},
        };
        for (Object[] c : cases) {
            PgType type = (PgType) c[0];
            byte[] bytes = PgValueCodec.encodeBinary(type, c[1]);
            assertEquals(c[1], PgValueCodec.decodeBinary(type, bytes), type.name());
            String text = PgValueCodec.encodeText(type, c[1], KOLKATA);
            assertEquals(c[1], PgValueCodec.decodeText(type, text, KOLKATA), type + " " + text);
        }
        // binary layouts PostgreSQL defines
        assertArrayEquals(new byte[] {0, 0, 0, 0}, PgValueCodec.encodeBinary(PgType.DATE, LocalDate.of(2000, 1, 1)));
        assertArrayEquals(ByteBuffer.allocate(8).putLong(1_500_000).array(),
                PgValueCodec.encodeBinary(PgType.TIMESTAMPTZ, Instant.parse("2000-01-01T00:00:01.5Z")));
        assertArrayEquals(ByteBuffer.allocate(8).putLong(-1).array(),
                PgValueCodec.encodeBinary(PgType.TIMESTAMP, LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000)));
        // interval: microseconds, days, months
        assertArrayEquals(ByteBuffer.allocate(16).putLong(3_600_000_000L).putInt(2).putInt(13).array(),
                PgValueCodec.encodeBinary(PgType.INTERVAL, io.millrace.common.PgInterval.parse("1 year 1 mon 2 days 1 hour")));
        assertEquals("1 year 1 mon 2 days 01:00:00", PgValueCodec.encodeText(PgType.INTERVAL,
                io.millrace.common.PgInterval.parse("1 year 1 mon 2 days 1 hour"), UTC));
    }

    @Test
    void booleanInputAcceptsWhatPostgresAccepts() {
        for (String s : new String[] {"true", "t", "TRUE", "yes", "y", "on", "1", " tr ", "Ye"}) {
            assertEquals(true, PgValueCodec.decodeText(PgType.BOOL, s, UTC), s);
        }
        for (String s : new String[] {"false", "f", "no", "n", "off", "of", "0", "FALSE"}) {
            assertEquals(false, PgValueCodec.decodeText(PgType.BOOL, s, UTC), s);
        }
        for (String s : new String[] {"o", "2", "truth", "", "10"}) {
            MillraceException e = assertThrows(MillraceException.class, () -> PgValueCodec.decodeText(PgType.BOOL, s, UTC));
            assertEquals(SqlState.INVALID_TEXT_REPRESENTATION, e.sqlState());
        }
    }

    @Test
    void numberInput() {
        assertEquals((short) -32768, PgValueCodec.decodeText(PgType.INT2, " -32768 ", UTC));
        assertEquals(Long.MIN_VALUE, PgValueCodec.decodeText(PgType.INT8, "-9223372036854775808", UTC));
        assertEquals(42, PgValueCodec.decodeText(PgType.INT4, "+42", UTC));
        assertError(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"32768\" is out of range for type smallint",
                PgType.INT2, "32768");
        assertError(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"9223372036854775808\" is out of range for type bigint",
                PgType.INT8, "9223372036854775808");
        assertError(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type integer: \"abc\"",
                PgType.INT4, "abc");
        assertError(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type integer: \"1.5\"",
                PgType.INT4, "1.5");
        assertEquals(1e20, PgValueCodec.decodeText(PgType.FLOAT8, "1e+20", UTC));
        assertEquals(Double.NEGATIVE_INFINITY, PgValueCodec.decodeText(PgType.FLOAT8, "-Infinity", UTC));
        assertEquals(Float.NaN, PgValueCodec.decodeText(PgType.FLOAT4, "nan", UTC));
        assertEquals(0.5, PgValueCodec.decodeText(PgType.FLOAT8, ".5", UTC));
        assertError(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"1e400\" is out of range for type double precision",
                PgType.FLOAT8, "1e400");
        assertError(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"1e39\" is out of range for type real", PgType.FLOAT4, "1e39");
        assertError(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type double precision: \"1d\"",
                PgType.FLOAT8, "1d");
        assertEquals(new BigDecimal("-1.50"), PgValueCodec.decodeText(PgType.NUMERIC, " -1.50 ", UTC));
        assertEquals(new BigDecimal("1.5E+3"), PgValueCodec.decodeText(PgType.NUMERIC, "1.5e3", UTC));
        assertError(SqlState.FEATURE_NOT_SUPPORTED, "numeric NaN and infinity are not supported", PgType.NUMERIC, "NaN");
        assertError(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type numeric: \"1,5\"",
                PgType.NUMERIC, "1,5");
        assertEquals((int) 4_000_000_000L, PgValueCodec.decodeText(PgType.OID, "4000000000", UTC));
    }

    @Test
    void dateTimeInput() {
        assertEquals(LocalDate.of(2024, 1, 2), PgValueCodec.decodeText(PgType.DATE, "2024-01-02", UTC));
        assertEquals(LocalDate.of(2024, 1, 2), PgValueCodec.decodeText(PgType.DATE, "20240102", UTC));
        assertEquals(LocalDate.of(2024, 1, 2), PgValueCodec.decodeText(PgType.DATE, "2024-01-02 10:00:00", UTC));
        assertEquals(LocalDate.of(-43, 3, 15), PgValueCodec.decodeText(PgType.DATE, "0044-03-15 BC", UTC));
        assertEquals(LocalDate.of(1970, 1, 1), PgValueCodec.decodeText(PgType.DATE, "epoch", UTC));
        assertEquals(LocalTime.of(3, 4), PgValueCodec.decodeText(PgType.TIME, "03:04", UTC));
        assertEquals(LocalTime.of(3, 4, 5, 123_457_000), PgValueCodec.decodeText(PgType.TIME, "03:04:05.1234567", UTC));
        assertEquals(LocalTime.of(3, 4, 5), PgValueCodec.decodeText(PgType.TIME, "03:04:05+02", UTC));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000),
                PgValueCodec.decodeText(PgType.TIMESTAMP, "2024-01-02T03:04:05.12", UTC));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5),
                PgValueCodec.decodeText(PgType.TIMESTAMP, "2024-01-02 03:04:05+02", UTC), "zone ignored");
        assertEquals(LocalDateTime.of(2024, 1, 3, 0, 0),
                PgValueCodec.decodeText(PgType.TIMESTAMP, "2024-01-02 24:00:00", UTC));
        assertEquals(LocalDateTime.of(2024, 1, 2, 0, 0), PgValueCodec.decodeText(PgType.TIMESTAMP, "2024-01-02", UTC));
        assertEquals(Instant.parse("2024-01-02T01:04:05Z"),
                PgValueCodec.decodeText(PgType.TIMESTAMPTZ, "2024-01-02 03:04:05+02", UTC));
        assertEquals(Instant.parse("2024-01-02T01:04:05Z"),
                PgValueCodec.decodeText(PgType.TIMESTAMPTZ, "2024-01-02T03:04:05+02:00", UTC));
        assertEquals(Instant.parse("2024-01-01T21:34:05Z"),
                PgValueCodec.decodeText(PgType.TIMESTAMPTZ, "2024-01-02 03:04:05", KOLKATA), "session zone");
        assertEquals(Instant.parse("2024-01-02T02:04:05Z"),
                PgValueCodec.decodeText(PgType.TIMESTAMPTZ, "2024-01-02 03:04:05 Europe/Paris", UTC));
        assertEquals(Instant.parse("2024-07-02T02:04:05Z"),
                PgValueCodec.decodeText(PgType.TIMESTAMPTZ, "2024-07-02 03:04:05 europe/london", UTC));
        assertEquals(Instant.parse("2024-01-02T11:04:05Z"),
                PgValueCodec.decodeText(PgType.TIMESTAMPTZ, "2024-01-02 03:04:05 PST", UTC));
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"),
                PgValueCodec.decodeText(PgType.TIMESTAMPTZ, "2024-01-02 03:04:05Z", KOLKATA));
        assertEquals(Instant.parse("2024-01-02T06:34:05Z"),
                PgValueCodec.decodeText(PgType.TIMESTAMPTZ, "2024-01-02 03:04:05-0330", UTC));
        assertError(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"2024-13-01\"",
                PgType.DATE, "2024-13-01");
        assertError(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"2023-02-29\"",
                PgType.DATE, "2023-02-29");
        assertError(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type timestamp: \"yesterday-ish\"",
                PgType.TIMESTAMP, "yesterday-ish");
        assertError(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type time: \"noon\"",
                PgType.TIME, "noon");
        assertError(SqlState.INVALID_PARAMETER_VALUE, "time zone \"Mars/Base\" not recognized",
                PgType.TIMESTAMPTZ, "2024-01-02 03:04:05 Mars/Base");
        assertError(SqlState.FEATURE_NOT_SUPPORTED, "infinite timestamp values are not supported",
                PgType.TIMESTAMP, "infinity");
    }

    @Test
    void binaryInputErrors() {
        MillraceException e = assertThrows(MillraceException.class,
                () -> PgValueCodec.decodeBinary(PgType.INT4, new byte[3]));
        assertEquals(SqlState.INVALID_BINARY_REPRESENTATION, e.sqlState());
        e = assertThrows(MillraceException.class, () -> PgValueCodec.decodeBinary(PgType.NUMERIC, shorts(0, 0, 0xC000, 0)));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, e.sqlState());
        e = assertThrows(MillraceException.class, () -> PgValueCodec.decodeBinary(PgType.TEXT, new byte[] {(byte) 0xC3}));
        assertEquals(SqlState.DATA_EXCEPTION, e.sqlState());
    }

    private static void assertError(SqlState state, String message, PgType type, String text) {
        MillraceException e = assertThrows(MillraceException.class, () -> PgValueCodec.decodeText(type, text, UTC));
        assertEquals(state, e.sqlState(), message);
        assertEquals(message, e.getMessage());
    }
}
