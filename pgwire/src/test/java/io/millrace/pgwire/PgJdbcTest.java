package io.millrace.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The server as pgjdbc sees it: text and binary transfer, metadata, fetch size, errors, cancel, COPY. */
class PgJdbcTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect(String options) throws SQLException {
        return DriverManager.getConnection(server.url(options));
    }

    @Test
    void connectsAndReportsServerVersion() throws Exception {
        try (Connection c = connect("")) {
            assertTrue(c.isValid(5));
            assertEquals("15.0 (Millrace test)", ((PGConnection) c).getParameterStatus("server_version"));
            assertEquals("UTF8", ((PGConnection) c).getParameterStatus("client_encoding"));
        }
    }

    /** prepareThreshold 0: unnamed statements, text results; -1: named statements, binary results. */
    @ParameterizedTest
    @ValueSource(strings = {"prepareThreshold=0", "prepareThreshold=-1", "preferQueryMode=simple"})
    void everyTypeReadsBack(String options) throws Exception {
        try (Connection c = connect(options); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select all_types")) {
            assertTrue(rs.next());
            assertEquals(true, rs.getBoolean("b"));
            assertEquals(1, rs.getShort("i2"));
            assertEquals(2, rs.getInt("i4"));
            assertEquals(3L, rs.getLong("i8"));
            assertEquals(1.5f, rs.getFloat("f4"));
            assertEquals(0.1, rs.getDouble("f8"));
            assertEquals(new BigDecimal("12345.6789"), rs.getBigDecimal("n"));
            assertEquals("tab\there", rs.getString("t"));
            assertEquals("varchar", rs.getString("vc"));
            assertEquals("bp  ", rs.getString("bp"));
            assertEquals("name", rs.getString("nm"));
            assertEquals(LocalDate.of(2024, 1, 2), rs.getObject("d", LocalDate.class));
            assertEquals(LocalTime.of(3, 4, 5, 500_000_000), rs.getObject("tm", LocalTime.class));
            assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000), rs.getObject("ts", LocalDateTime.class));
            assertEquals(Instant.parse("2024-01-02T03:04:05.5Z"), rs.getObject("tstz", OffsetDateTime.class).toInstant());
            assertEquals(4_000_000_000L, rs.getLong("o"));

            assertTrue(rs.next());
            assertFalse(rs.getBoolean("b"));
            assertEquals(Short.MIN_VALUE, rs.getShort("i2"));
            assertEquals(Integer.MIN_VALUE, rs.getInt("i4"));
            assertEquals(Long.MIN_VALUE, rs.getLong("i8"));
            assertEquals(-3.0e-7f, rs.getFloat("f4"));
            assertEquals(1e20, rs.getDouble("f8"));
            assertEquals(new BigDecimal("-0.000012"), rs.getBigDecimal("n"));
            assertEquals("üñí€😀", rs.getString("t"));
            assertEquals("", rs.getString("vc"));
            assertEquals(LocalDate.of(1999, 12, 31), rs.getObject("d", LocalDate.class));
            assertEquals(LocalTime.MIDNIGHT, rs.getObject("tm", LocalTime.class));
            assertEquals(LocalDateTime.of(1970, 1, 1, 0, 0), rs.getObject("ts", LocalDateTime.class));
            assertEquals(Instant.parse("1969-07-20T20:17:40Z"), rs.getObject("tstz", OffsetDateTime.class).toInstant());
            assertEquals(0L, rs.getLong("o"));

            assertTrue(rs.next());
            for (int i = 1; i <= 16; i++) {
                assertNull(rs.getObject(i), "column " + i);
            }
            assertFalse(rs.next());
        }
    }

    @Test
    void resultSetMetaData() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select all_types")) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals(16, md.getColumnCount());
            String[] names = {"bool", "int2", "int4", "int8", "float4", "float8", "numeric", "text", "varchar", "bpchar",
                "name", "date", "time", "timestamp", "timestamptz", "oid"};
            int[] sqlTypes = {Types.BIT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.DOUBLE,
                Types.NUMERIC, Types.VARCHAR, Types.VARCHAR, Types.CHAR, Types.VARCHAR, Types.DATE, Types.TIME,
                Types.TIMESTAMP, Types.TIMESTAMP, Types.BIGINT};
            for (int i = 0; i < 16; i++) {
                assertEquals(TestSession.ALL_TYPES_COLUMNS.get(i).name(), md.getColumnLabel(i + 1));
                assertEquals(names[i], md.getColumnTypeName(i + 1));
                assertEquals(sqlTypes[i], md.getColumnType(i + 1), names[i]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prepareThreshold=0", "prepareThreshold=-1"})
    void parametersOfEveryTypeEchoBack(String options) throws Exception {
        String sql = "echo ?::bool, ?::int2, ?::int4, ?::int8, ?::float4, ?::float8, ?::numeric, ?::text, "
                + "?::varchar, ?::date, ?::time, ?::timestamp, ?::timestamptz, ?::timestamptz, ?::int4";
        try (Connection c = connect(options); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int round = 0; round < 3; round++) {
                ps.setBoolean(1, true);
                ps.setShort(2, (short) -12);
                ps.setInt(3, 1 << 30);
                ps.setLong(4, -(1L << 50));
                ps.setFloat(5, 2.5f);
                ps.setDouble(6, Math.PI);
                ps.setBigDecimal(7, new BigDecimal("-1234567.000891"));
                ps.setString(8, "it's ☃");
                ps.setObject(9, "vc", Types.VARCHAR);
                ps.setObject(10, LocalDate.of(2024, 2, 29));
                ps.setObject(11, LocalTime.of(23, 59, 58, 123_456_000));
                ps.setObject(12, LocalDateTime.of(2001, 9, 9, 1, 46, 40, 1000));
                ps.setObject(13, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(5, 30)));
                ps.setTimestamp(14, java.sql.Timestamp.from(Instant.parse("2020-02-02T20:20:20.202Z")));
                ps.setNull(15, Types.INTEGER);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(true, rs.getObject(1));
                    assertEquals(-12, rs.getShort(2));
                    assertEquals(1 << 30, rs.getInt(3));
                    assertEquals(-(1L << 50), rs.getLong(4));
                    assertEquals(2.5f, rs.getFloat(5));
                    assertEquals(Math.PI, rs.getDouble(6));
                    assertEquals(new BigDecimal("-1234567.000891"), rs.getBigDecimal(7));
                    assertEquals("it's ☃", rs.getString(8));
                    assertEquals("vc", rs.getString(9));
                    assertEquals(LocalDate.of(2024, 2, 29), rs.getObject(10, LocalDate.class));
                    assertEquals(LocalTime.of(23, 59, 58, 123_456_000), rs.getObject(11, LocalTime.class));
                    assertEquals(LocalDateTime.of(2001, 9, 9, 1, 46, 40, 1000), rs.getObject(12, LocalDateTime.class));
                    assertEquals(Instant.parse("2024-01-01T21:34:05Z"), rs.getObject(13, OffsetDateTime.class).toInstant());
                    assertEquals(Instant.parse("2020-02-02T20:20:20.202Z"), rs.getTimestamp(14).toInstant());
                    assertNull(rs.getObject(15));
                    assertFalse(rs.next());
                }
            }
        }
    }

    @Test
    void badParameterValueIsReported() throws Exception {
        try (Connection c = connect(""); PreparedStatement ps = c.prepareStatement("echo ?::int4")) {
            ps.setString(1, "not a number");
            // setString declares varchar, so force the int4 path through an untyped literal
            ps.setObject(1, "not a number", Types.OTHER);
            PSQLException e = assertThrows(PSQLException.class, ps::executeQuery);
            assertEquals("22P02", e.getSQLState());
            assertTrue(e.getMessage().contains("invalid input syntax for type integer: \"not a number\""), e.getMessage());
            ps.setObject(1, "42", Types.OTHER);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    @Test
    void severalStatementsInOneSimpleQuery() throws Exception {
        try (Connection c = connect("preferQueryMode=simple"); Statement s = c.createStatement()) {
            assertTrue(s.execute("select 1; set application_name = 'multi'; select series(3)"));
            try (ResultSet rs = s.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
            assertFalse(s.getMoreResults());
            assertEquals(0, s.getUpdateCount());
            assertTrue(s.getMoreResults());
            try (ResultSet rs = s.getResultSet()) {
                int n = 0;
                while (rs.next()) {
                    assertEquals(++n, rs.getInt(1));
                }
                assertEquals(3, n);
            }
            assertEquals("multi", ((PGConnection) c).getParameterStatus("application_name"));
        }
    }

    @Test
    void fetchSizeUsesPortalSuspension() throws Exception {
        try (Connection c = connect("prepareThreshold=-1")) {
            c.setAutoCommit(false);
            int before = server.shared.limitedExecutes.get();
            try (Statement s = c.createStatement()) {
                s.setFetchSize(10);
                try (ResultSet rs = s.executeQuery("select series(95)")) {
                    int n = 0;
                    while (rs.next()) {
                        assertEquals(++n, rs.getInt(1));
                    }
                    assertEquals(95, n);
                }
            }
            assertTrue(server.shared.limitedExecutes.get() - before >= 10,
                    "fetched in chunks: " + (server.shared.limitedExecutes.get() - before));
            c.commit();
        }
    }

    @Test
    void errorsCarrySqlStateAndPositionAndTheConnectionRecovers() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            PSQLException e = assertThrows(PSQLException.class, () -> s.executeQuery("select * from nosuch"));
            assertEquals("42P01", e.getSQLState());
            assertNotNull(e.getServerErrorMessage());
            assertEquals(15, e.getServerErrorMessage().getPosition());
            assertEquals("ERROR", e.getServerErrorMessage().getSeverity());
            try (ResultSet rs = s.executeQuery("select 7")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(1));
            }
            c.setAutoCommit(false);
            assertThrows(PSQLException.class, () -> s.executeQuery("select * from nosuch"));
            c.rollback();
            try (ResultSet rs = s.executeQuery("select 8")) {
                assertTrue(rs.next());
            }
            c.commit();
        }
    }

    @Test
    void noticesBecomeWarnings() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("notice");
            SQLWarning w = s.getWarnings();
            assertNotNull(w);
            assertEquals("first notice", w.getMessage());
            assertEquals("second notice", w.getNextWarning().getMessage());
        }
    }

    @Test
    void cancelStopsABlockingStatement() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            server.shared.blocking = new CountDownLatch(1);
            CompletableFuture<SQLException> running = CompletableFuture.supplyAsync(() -> {
                try {
                    s.executeQuery("select block");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            assertTrue(server.shared.blocking.await(10, TimeUnit.SECONDS));
            s.cancel();
            SQLException e = running.get(10, TimeUnit.SECONDS);
            assertNotNull(e, "the statement was cancelled");
            assertEquals("57014", e.getSQLState());
            try (ResultSet rs = s.executeQuery("select 9")) {
                assertTrue(rs.next());
                assertEquals(9, rs.getInt(1));
            }
        }
    }

    @Test
    void copyOutAndInThroughCopyManager() throws Exception {
        try (Connection c = connect("")) {
            CopyManager copy = ((PGConnection) c).getCopyAPI();
            StringWriter text = new StringWriter();
            assertEquals(5, copy.copyOut("copy rows(5) to stdout", text));
            assertEquals("0\tplain 0\t2024-01-01\n"
                    + "1\ttab\\tnewline\\nback\\\\slash\t2024-01-02\n"
                    + "2\tcomma, \"quote\"\t2024-01-03\n"
                    + "3\t\t2024-01-04\n"
                    + "4\t\\N\t2024-01-05\n", text.toString());

            StringWriter csv = new StringWriter();
            assertEquals(5, copy.copyOut("copy rows(5) to stdout csv header", csv));
            assertEquals("i,s,d\n"
                    + "0,plain 0,2024-01-01\n"
                    + "1,\"tab\tnewline\nback\\slash\",2024-01-02\n"
                    + "2,\"comma, \"\"quote\"\"\",2024-01-03\n"
                    + "3,\"\",2024-01-04\n"
                    + "4,,2024-01-05\n", csv.toString());

            StringWriter many = new StringWriter();
            assertEquals(20_000, copy.copyOut("copy rows(20000) to stdout", many));
            assertEquals(20_000, many.toString().split("\n").length);

            // the CSV written above reads back the same
            long n = copy.copyIn("copy t from stdin csv", new StringReader(csv.toString().substring(6)));
            assertEquals(5, n);
            List<Object[]> copied = server.shared.copied;
            for (int i = 0; i < 5; i++) {
                assertEquals(TestSession.copyRow(i)[1], copied.get(i)[1], "row " + i);
                assertEquals(LocalDate.of(2024, 1, 1).plusDays(i), copied.get(i)[2]);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select copied")) {
                int rows = 0;
                while (rs.next()) {
                    assertEquals(rows++, rs.getInt(1));
                }
                assertEquals(5, rows);
            }

            PSQLException e = assertThrows(PSQLException.class,
                    () -> copy.copyIn("copy t from stdin", new StringReader("1\tx\n2\ty\t2024-01-01\textra\n")));
            assertEquals("22P04", e.getSQLState());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 10")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void tooLargeMessageIsRefused() throws Exception {
        try (TestServer small = new TestServer(PgServerConfig.defaults().withPort(0).withMaxMessageBytes(16 * 1024));
                Connection c = DriverManager.getConnection(small.url(""));
                Statement s = c.createStatement()) {
            PSQLException e = assertThrows(PSQLException.class,
                    () -> s.executeQuery("select 1 -- " + "x".repeat(32 * 1024)));
            assertEquals("54000", e.getSQLState());
            assertFalse(c.isValid(2));
        }
    }

    @Test
    void serverShutdownTellsClients() throws Exception {
        TestServer other = new TestServer();
        try (Connection c = DriverManager.getConnection(other.url(""))) {
            other.close();
            SQLException e = assertThrows(SQLException.class, () -> c.createStatement().executeQuery("select 1"));
            assertTrue(e.getSQLState().startsWith("57P01") || e.getSQLState().startsWith("08"), e.getSQLState());
        }
    }
}
