package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** pgjdbc against a real server: prepared statements of every type, batches, metadata, fetch size. */
class JdbcTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startTemporary();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Properties prepareThreshold(int n) {
        Properties p = new Properties();
        p.setProperty("prepareThreshold", Integer.toString(n));
        return p;
    }

    @ParameterizedTest(name = "prepareThreshold={0}")
    @ValueSource(ints = {0, 1, -1})
    void everyTypeRoundTripsThroughParameters(int threshold) throws Exception {
        String table = "types_" + (threshold < 0 ? "m" : threshold);
        try (Connection c = server.connect(prepareThreshold(threshold))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, b boolean, s smallint, i integer, l bigint, "
                        + "r real, d double precision, n numeric(12,3), t text, v varchar(20), dt date, tm time, "
                        + "ts timestamp, tz timestamptz)");
            }
            LocalDateTime ts = LocalDateTime.of(2024, 2, 29, 13, 45, 6, 123456000);
            OffsetDateTime tz = OffsetDateTime.of(2024, 3, 1, 1, 2, 3, 500000000, ZoneOffset.ofHours(2));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int k = 0; k < 3; k++) {
                    ps.setInt(1, k);
                    ps.setBoolean(2, true);
                    ps.setShort(3, (short) -7);
                    ps.setInt(4, 123456);
                    ps.setLong(5, 9_000_000_000L);
                    ps.setFloat(6, 1.5f);
                    ps.setDouble(7, 0.1);
                    ps.setBigDecimal(8, new BigDecimal("1234.5"));
                    ps.setString(9, "héllo");
                    ps.setString(10, "varchar");
                    ps.setObject(11, LocalDate.of(2024, 2, 29));
                    ps.setObject(12, LocalTime.of(23, 59, 58, 250000000));
                    ps.setObject(13, ts);
                    ps.setObject(14, tz);
                    assertEquals(1, ps.executeUpdate());
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT b, s, i, l, r, d, n, t, v, dt, tm, ts, tz FROM "
                    + table + " WHERE id = ? AND b = ? AND s = ? AND i = ? AND l = ? AND n = ? AND t = ? AND dt = ?")) {
                for (int k = 0; k < 3; k++) {
                    ps.setInt(1, k);
                    ps.setBoolean(2, true);
                    ps.setShort(3, (short) -7);
                    ps.setInt(4, 123456);
                    ps.setLong(5, 9_000_000_000L);
                    ps.setBigDecimal(6, new BigDecimal("1234.500"));
                    ps.setString(7, "héllo");
                    ps.setObject(8, LocalDate.of(2024, 2, 29));
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next(), "row " + k);
                        assertTrue(rs.getBoolean(1));
                        assertEquals(-7, rs.getShort(2));
                        assertEquals(123456, rs.getInt(3));
                        assertEquals(9_000_000_000L, rs.getLong(4));
                        assertEquals(1.5f, rs.getFloat(5));
                        assertEquals(0.1, rs.getDouble(6));
                        assertEquals(new BigDecimal("1234.500"), rs.getBigDecimal(7));
                        assertEquals("héllo", rs.getString(8));
                        assertEquals("varchar", rs.getString(9));
                        assertEquals(LocalDate.of(2024, 2, 29), rs.getObject(10, LocalDate.class));
                        assertEquals(LocalTime.of(23, 59, 58, 250000000), rs.getObject(11, LocalTime.class));
                        assertEquals(ts, rs.getObject(12, LocalDateTime.class));
                        assertEquals(tz.toInstant(), rs.getObject(13, OffsetDateTime.class).toInstant());
                        assertFalse(rs.next());
                    }
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData md = rs.getMetaData();
                int[] expected = {Types.INTEGER, Types.BIT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL,
                    Types.DOUBLE, Types.NUMERIC, Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.TIME, Types.TIMESTAMP,
                    Types.TIMESTAMP};
                String[] names = {"int4", "bool", "int2", "int4", "int8", "float4", "float8", "numeric", "text",
                    "varchar", "date", "time", "timestamp", "timestamptz"};
                int[] actual = new int[expected.length];
                String[] actualNames = new String[names.length];
                for (int i = 0; i < expected.length; i++) {
                    actual[i] = md.getColumnType(i + 1);
                    actualNames[i] = md.getColumnTypeName(i + 1);
                }
                assertArrayEquals(expected, actual);
                assertArrayEquals(names, actualNames);
                assertEquals(12, md.getPrecision(8));
                assertEquals(3, md.getScale(8));
                assertEquals(20, md.getPrecision(10));
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + table);
            }
        }
    }

    @ParameterizedTest(name = "prepareThreshold={0}")
    @ValueSource(ints = {0, 1, -1})
    void arraysRoundTripThroughParametersAndResults(int threshold) throws Exception {
        String table = "arrays_" + (threshold < 0 ? "m" : threshold);
        try (Connection c = server.connect(prepareThreshold(threshold))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id int, i int[], l bigint[], t text[], d float8[])");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?)")) {
                for (int k = 0; k < 3; k++) {
                    ps.setInt(1, k);
                    ps.setArray(2, c.createArrayOf("int4", new Integer[] {k, null, 7}));
                    ps.setArray(3, c.createArrayOf("int8", new Long[] {9_000_000_000L}));
                    ps.setArray(4, c.createArrayOf("text", new String[] {"a b", "", "NULL", "q\"x", null}));
                    ps.setArray(5, c.createArrayOf("float8", new Double[] {}));
                    assertEquals(1, ps.executeUpdate());
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT i, l, t, d, i[1] FROM " + table
                    + " WHERE ? = ANY(i) AND t = ?")) {
                for (int k = 0; k < 3; k++) {
                    ps.setInt(1, k);
                    ps.setArray(2, c.createArrayOf("text", new String[] {"a b", "", "NULL", "q\"x", null}));
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next(), "row " + k);
                        assertArrayEquals(new Integer[] {k, null, 7}, (Integer[]) rs.getArray(1).getArray());
                        assertArrayEquals(new Long[] {9_000_000_000L}, (Long[]) rs.getArray(2).getArray());
                        assertArrayEquals(new String[] {"a b", "", "NULL", "q\"x", null},
                                (String[]) rs.getArray(3).getArray());
                        assertEquals(0, ((Double[]) rs.getArray(4).getArray()).length);
                        assertEquals(k, rs.getInt(5));
                        if (threshold == 0) {
                            // Text results: PostgreSQL's array text (pgjdbc renders binary ones itself).
                            assertEquals("{" + k + ",NULL,7}", rs.getString(1));
                        }
                        assertFalse(rs.next());
                    }
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT i, t FROM " + table)) {
                assertEquals(Types.ARRAY, rs.getMetaData().getColumnType(1));
                assertEquals("_int4", rs.getMetaData().getColumnTypeName(1));
                assertEquals("_text", rs.getMetaData().getColumnTypeName(2));
            }
        }
    }

    /** gen_random_uuid() gives every row a new uuid; a materialized view may not call it. */
    @Test
    void randomUuidsPerRow() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE random_ids (id uuid PRIMARY KEY, n int)");
            assertEquals(1000, s.executeUpdate("INSERT INTO random_ids SELECT gen_random_uuid(), n FROM generate_series(1, 1000) AS n"));
            assertEquals(List.of(List.of("1000", "4")), TestServer.rows(c,
                    "SELECT count(DISTINCT id), min(substring(CAST(id AS text), 15, 1)) FROM random_ids"));
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> s.execute("CREATE MATERIALIZED VIEW random_view AS SELECT gen_random_uuid() AS u FROM random_ids"));
            assertEquals("0A000", e.getSQLState());
        }
    }

    /** now() and its kin read the statement's start, each time a prepared statement runs; views may not read them. */
    @Test
    void currentTimeIsTheStatementsStart() throws Exception {
        try (Connection c = server.connect(prepareThreshold(1));
                PreparedStatement ps = c.prepareStatement("SELECT now(), current_timestamp, localtimestamp, current_date")) {
            java.time.Instant previous = java.time.Instant.EPOCH;
            for (int k = 0; k < 3; k++) {
                java.time.Instant before = java.time.Instant.now().minusMillis(1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    java.time.Instant now = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
                    assertEquals(now, rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
                    assertTrue(!now.isBefore(before) && !now.isAfter(java.time.Instant.now()), now + " vs " + before);
                    assertTrue(now.isAfter(previous));
                    previous = now;
                    // The session's time zone is UTC here: the local forms are the same instant.
                    assertEquals(now, rs.getObject(3, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC));
                    assertEquals(now.atZone(java.time.ZoneOffset.UTC).toLocalDate(), rs.getObject(4, java.time.LocalDate.class));
                }
            }
            try (Statement s = c.createStatement()) {
                SQLException e = assertThrows(SQLException.class,
                        () -> s.execute("CREATE MATERIALIZED VIEW recent AS SELECT 1 AS one WHERE now() > '2020-01-01'"));
                assertEquals("0A000", e.getSQLState());
            }
        }
    }

    @ParameterizedTest(name = "prepareThreshold={0}")
    @ValueSource(ints = {0, 1, -1})
    void jsonAndJsonbRoundTripInTextAndBinary(int threshold) throws Exception {
        String table = "docs_" + (threshold < 0 ? "m" : threshold);
        try (Connection c = server.connect(prepareThreshold(threshold))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, b jsonb, j json)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
                for (int k = 1; k <= 3; k++) {
                    org.postgresql.util.PGobject jsonb = new org.postgresql.util.PGobject();
                    jsonb.setType("jsonb");
                    jsonb.setValue("{\"k\": " + k + ", \"a\" : [1,2]}");
                    ps.setInt(1, k);
                    ps.setObject(2, jsonb);
                    ps.setObject(3, "{\"k\" : " + k + "}", java.sql.Types.OTHER);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT b, j, b ->> 'k', j -> 'k', b -> 'a' -> ? FROM " + table + " WHERE b @> ?::jsonb")) {
                for (int k = 0; k < 3; k++) {
                    ps.setInt(1, 1);
                    ps.setString(2, "{\"k\": 2}");
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals("{\"a\": [1, 2], \"k\": 2}", rs.getString(1));
                        assertEquals("jsonb", rs.getMetaData().getColumnTypeName(1));
                        assertEquals("{\"k\" : 2}", rs.getString(2));
                        assertEquals("json", rs.getMetaData().getColumnTypeName(2));
                        assertEquals("2", rs.getString(3));
                        assertEquals("2", rs.getString(4));
                        assertEquals("2", rs.getString(5));
                        assertFalse(rs.next());
                    }
                }
            }
            // Bad JSON is 22P02 and the connection stays usable.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (9, ?::jsonb, NULL)")) {
                ps.setString(1, "{\"a\":");
                SQLException e = assertThrows(SQLException.class, ps::executeUpdate);
                assertEquals("22P02", e.getSQLState());
            }
            assertEquals(List.of(List.of("3")), TestServer.rows(c, "SELECT count(*) FROM " + table));
        }
    }

    /** Result columns are named as PostgreSQL 15 names them (the expected labels are its own). */
    @Test
    void resultColumnsAreNamedAsPostgres() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), 1 + 1, '5'::int, 2::text, CASE WHEN true THEN 1 END, "
                        + "coalesce(NULL, 1), now() - now(), extract(year FROM now()), a.column1, a.column2, upper('x'), "
                        + "ARRAY[1], (ARRAY[1])[1] FROM (VALUES (1, 'x')) a GROUP BY a.column1, a.column2")) {
            List<String> labels = new java.util.ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                labels.add(rs.getMetaData().getColumnLabel(i));
            }
            assertEquals(List.of("count", "?column?", "int4", "text", "case", "coalesce", "?column?", "extract", "column1",
                    "column2", "upper", "array", "array"), labels);
        }
    }

    @ParameterizedTest(name = "prepareThreshold={0}")
    @ValueSource(ints = {0, 1, -1})
    void intervalsRoundTripThroughParametersAndResults(int threshold) throws Exception {
        String table = "spans_" + (threshold < 0 ? "m" : threshold);
        try (Connection c = server.connect(prepareThreshold(threshold))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, d interval, t timestamp)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
                ps.setInt(1, 1);
                ps.setObject(2, new org.postgresql.util.PGInterval(1, 2, 3, 4, 5, 6.5));
                ps.setObject(3, java.time.LocalDateTime.of(2024, 1, 31, 12, 0));
                ps.executeUpdate();
                ps.setInt(1, 2);
                ps.setObject(2, new org.postgresql.util.PGInterval("-1 days +02:00:00"));
                ps.setObject(3, java.time.LocalDateTime.of(2024, 3, 10, 0, 0));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT d, t + d, d * 2, t - ?::timestamp FROM " + table + " WHERE d > ? ORDER BY id")) {
                for (int k = 0; k < 3; k++) {
                    ps.setObject(1, java.time.LocalDateTime.of(2024, 1, 1, 0, 0));
                    ps.setObject(2, new org.postgresql.util.PGInterval("-2 days"));
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals("interval", rs.getMetaData().getColumnTypeName(1));
                        assertEquals(new org.postgresql.util.PGInterval(1, 2, 3, 4, 5, 6.5), rs.getObject(1));
                        assertEquals("1 year 2 mons 3 days 04:05:06.5", rs.getString(1));
                        assertEquals("2025-04-03 16:05:06.5", rs.getString(2));
                        assertEquals("2 years 4 mons 6 days 08:10:13", rs.getString(3));
                        assertEquals("30 days 12:00:00", rs.getString(4));
                        assertTrue(rs.next());
                        assertEquals("-1 days +02:00:00", rs.getString(1));
                        assertEquals("2024-03-09 02:00:00", rs.getString(2));
                        assertFalse(rs.next());
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                SQLException bad = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                        () -> s.executeQuery("SELECT 'soon'::interval"));
                assertEquals("22007", bad.getSQLState());
                // A day across a daylight-saving change is a calendar day in the session's time zone.
                s.execute("SET TIME ZONE 'America/New_York'");
                assertEquals(List.of(List.of("2024-03-10 07:00:00-04", "2024-03-10 08:00:00-04")), TestServer.rows(c,
                        "SELECT timestamptz '2024-03-09 12:00+00' + interval '1 day', "
                                + "timestamptz '2024-03-09 12:00+00' + interval '24 hours'"));
            }
        }
    }

    @ParameterizedTest(name = "prepareThreshold={0}")
    @ValueSource(ints = {0, 1, -1})
    void uuidsAndByteaRoundTripInTextAndBinary(int threshold) throws Exception {
        String table = "uuids_" + (threshold < 0 ? "m" : threshold);
        java.util.UUID a = java.util.UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        java.util.UUID b = new java.util.UUID(0, 1);
        try (Connection c = server.connect(prepareThreshold(threshold))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id uuid PRIMARY KEY, n int)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                for (java.util.UUID u : List.of(a, b)) {
                    ps.setObject(1, u);
                    ps.setInt(2, u == a ? 1 : 2);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, n FROM " + table + " WHERE id = ?")) {
                for (int k = 0; k < 3; k++) {
                    ps.setObject(1, a);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(a, rs.getObject(1, java.util.UUID.class));
                        assertEquals(a.toString(), rs.getString(1));
                        assertEquals(1, rs.getInt(2));
                        assertFalse(rs.next());
                    }
                }
            }
            assertEquals(List.of(List.of(b.toString()), List.of(a.toString())),
                    TestServer.rows(c, "SELECT id FROM " + table + " ORDER BY id"));
            // bytea beside it: setBytes and getBytes, any byte value.
            byte[] bytes = {0, 1, (byte) 0xff, '\\', '\''};
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + "_b (k bytea)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + "_b VALUES (?)")) {
                ps.setBytes(1, bytes);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT k, k || ? FROM " + table + "_b WHERE k = ?")) {
                ps.setBytes(1, new byte[] {7});
                ps.setBytes(2, bytes);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, rs.getBytes(1));
                    org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {0, 1, (byte) 0xff, '\\', '\'', 7},
                            rs.getBytes(2));
                }
            }
            try (Statement s = c.createStatement()) {
                SQLException bad = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                        () -> s.executeQuery("SELECT 'nope'::uuid"));
                assertEquals("22P02", bad.getSQLState());
            }
        }
    }

    @Test
    void batchesAndFetchSize() throws Exception {
        try (Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE big (k bigint, v text)");
                s.execute("CREATE MATERIALIZED VIEW big_count AS SELECT count(*) AS n, sum(k) AS total FROM big");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO big VALUES (?, ?)")) {
                for (int i = 0; i < 20_000; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, "row " + i);
                    ps.addBatch();
                    if (i % 5000 == 4999) {
                        int[] counts = ps.executeBatch();
                        assertEquals(5000, counts.length);
                        assertEquals(1, counts[0]);
                    }
                }
            }
            assertEquals(List.of(List.of("20000", "199990000")), TestServer.rows(c, "SELECT * FROM big_count"));
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(1000);
                long sum = 0;
                int n = 0;
                try (ResultSet rs = s.executeQuery("SELECT k FROM big ORDER BY k")) {
                    while (rs.next()) {
                        assertEquals(n, rs.getLong(1));
                        sum += rs.getLong(1);
                        n++;
                    }
                }
                assertEquals(20_000, n);
                assertEquals(199_990_000L, sum);
            }
            c.commit();
            c.setAutoCommit(true);
        }
    }

    @Test
    void legacyDateTypesWork() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE legacy (d date, t time, ts timestamp)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO legacy VALUES (?, ?, ?)")) {
                ps.setDate(1, Date.valueOf("2020-05-06"));
                ps.setTime(2, Time.valueOf("07:08:09"));
                ps.setTimestamp(3, Timestamp.valueOf("2020-05-06 07:08:09.5"));
                ps.executeUpdate();
            }
            assertEquals(List.of(List.of("2020-05-06", "07:08:09", "2020-05-06 07:08:09.5")),
                    TestServer.rows(c, "SELECT d, t, ts FROM legacy"));
        }
    }

    @Test
    void returningAndGeneratedKeys() throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ret (id int PRIMARY KEY, name text, qty int)");
            try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO ret VALUES (?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setInt(1, 7);
                ps.setString(2, "bolt");
                ps.setInt(3, 3);
                assertEquals(1, ps.executeUpdate());
                try (java.sql.ResultSet keys = ps.getGeneratedKeys()) {
                    assertTrue(keys.next());
                    assertEquals(7, keys.getInt("id"));
                    assertEquals("bolt", keys.getString("name"));
                }
            }
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "UPDATE ret SET qty = qty * ? WHERE id = ? RETURNING id, qty")) {
                ps.setInt(1, 10);
                ps.setInt(2, 7);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(30, rs.getInt("qty"));
                    assertEquals(java.sql.Types.INTEGER, rs.getMetaData().getColumnType(2));
                    assertFalse(rs.next());
                }
            }
            assertEquals(List.of(List.of("bolt", "30")), TestServer.rows(c, "DELETE FROM ret RETURNING name, qty"));
            assertEquals(List.of(List.of("0")), TestServer.rows(c, "SELECT count(*) FROM ret"));
        }
    }

    /**
     * A parameter keeps the type the client declared: numeric 0.25 in {@code ? * 2} is not cut to an
     * integer, and an int4[] compared with {@code = ANY(?)} is the array, not one element.
     */
    @ParameterizedTest(name = "prepareThreshold={0}")
    @ValueSource(ints = {0, 1, -1})
    void declaredParameterTypesAreKept(int threshold) throws Exception {
        try (Connection c = server.connect(prepareThreshold(threshold))) {
            try (PreparedStatement ps = c.prepareStatement("SELECT ? * 2, ? / 4, 3 = ANY(?), 5 = ANY(?)")) {
                for (int run = 0; run < 3; run++) {
                    ps.setBigDecimal(1, new BigDecimal("0.25"));
                    ps.setDouble(2, 1.0);
                    ps.setArray(3, c.createArrayOf("int4", new Integer[] {1, 2, 3}));
                    ps.setArray(4, c.createArrayOf("int4", new Integer[] {1, 2, 3}));
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(new BigDecimal("0.50"), rs.getBigDecimal(1));
                        assertEquals(0.25, rs.getDouble(2));
                        assertTrue(rs.getBoolean(3));
                        assertFalse(rs.getBoolean(4));
                    }
                }
            }
        }
    }

    /**
     * DECLARE ... CURSOR FOR a query with parameters, prepared and bound like the query alone;
     * pg_cursors lists the open cursors; DEALLOCATE drops prepared statements.
     */
    @ParameterizedTest(name = "prepareThreshold={0}")
    @ValueSource(ints = {0, 1, -1})
    void cursorsWithParametersAndDeallocate(int threshold) throws Exception {
        String table = "cursor_rows_" + (threshold < 0 ? "m" : threshold);
        try (Connection c = server.connect(prepareThreshold(threshold))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, name text)");
                s.execute("INSERT INTO " + table + " SELECT g, 'n' || g FROM generate_series(1, 10) AS t(g)");
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("DECLARE c CURSOR FOR SELECT id, name FROM " + table
                    + " WHERE id > ? AND name <> ? ORDER BY id")) {
                ps.setInt(1, 6);
                ps.setString(2, "n8");
                ps.execute();
            }
            assertEquals(List.of(List.of("c", "DECLARE c CURSOR FOR SELECT id, name FROM " + table
                            + " WHERE id > $1 AND name <> $2 ORDER BY id", "f", "f")),
                    TestServer.rows(c, "SELECT name, statement, is_holdable, is_binary FROM pg_cursors"));
            assertEquals(List.of(List.of("7", "n7"), List.of("9", "n9")), TestServer.rows(c, "FETCH 2 FROM c"));
            assertEquals(List.of(List.of("10", "n10")), TestServer.rows(c, "FETCH ALL FROM c"));
            c.commit();
            assertEquals(List.of(), TestServer.rows(c, "SELECT name FROM pg_cursors"));
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                SQLException e = assertThrows(SQLException.class,
                        () -> s.execute("DEALLOCATE nope"));
                assertEquals("26000", e.getSQLState());
                assertEquals("ERROR: prepared statement \"nope\" does not exist", e.getMessage());
                s.execute("DEALLOCATE ALL");
            }
        }
    }
}
