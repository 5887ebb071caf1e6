package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Column defaults, sequences, serial and identity columns behave as in PostgreSQL 15 (expected
 * values, messages and catalog rows compared with a real PostgreSQL 15), on every path a row takes
 * into a table; sequence values are never handed out twice, across sessions, restarts and kill -9.
 */
class ColumnDefaultsTest {
    private static TestServer server;
    private static Connection conn;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws SQLException {
        server = TestServer.startTemporary();
        conn = server.connect();
    }

    @AfterAll
    static void stop() throws SQLException {
        conn.close();
        server.close();
    }

    private static void execute(String... statements) throws SQLException {
        execute(conn, statements);
    }

    private static void execute(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The rows of a query, NULL as "null". */
    private static List<List<String>> rows(String sql) throws SQLException {
        return rows(conn, sql);
    }

    private static List<List<String>> rows(Connection c, String sql) throws SQLException {
        return TestServer.rows(c, sql).stream().map(r -> r.stream().map(String::valueOf).toList()).toList();
    }

    private static long one(Connection c, String sql) throws SQLException {
        return Long.parseLong(TestServer.rows(c, sql).get(0).get(0));
    }

    private static ServerErrorMessage fails(Connection c, String sql) {
        PSQLException e = assertThrows(PSQLException.class, () -> execute(c, sql), sql);
        return e.getServerErrorMessage();
    }

    private static void assertFails(String sql, String sqlState, String message) {
        ServerErrorMessage m = fails(conn, sql);
        assertEquals(sqlState, m.getSQLState(), sql);
        assertEquals(message, m.getMessage(), sql);
    }

    @Test
    void defaultsFillWhatAnInsertLeavesOutOnEveryPath() throws Exception {
        execute("CREATE TABLE d_every (k int, n int DEFAULT 0, s text DEFAULT 'x', v varchar(5) DEFAULT 'vv', "
                + "neg int DEFAULT -1, three int DEFAULT 1 + 2, b boolean DEFAULT true, nothing text DEFAULT NULL)");
        execute("INSERT INTO d_every (k) VALUES (1)",
                "INSERT INTO d_every VALUES (2, DEFAULT, 'given')",
                "INSERT INTO d_every (k, s) VALUES (3, DEFAULT), (4, 'y')",
                "INSERT INTO d_every DEFAULT VALUES",
                "INSERT INTO d_every (k) SELECT 10 + g FROM generate_series(1, 2) g",
                "INSERT INTO d_every SELECT 20, 5",
                "INSERT INTO d_every (k, n) VALUES (30, abs(-7))");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO d_every (k, s) VALUES (?, ?)")) {
            ps.setInt(1, 40);
            ps.setString(2, "p");
            ps.executeUpdate();
        }
        new CopyManager(conn.unwrap(BaseConnection.class)).copyIn("COPY d_every (k) FROM STDIN",
                new StringReader("50\n"));
        assertEquals(List.of(
                List.of("1", "0", "x", "vv", "-1", "3", "t", "null"),
                List.of("2", "0", "given", "vv", "-1", "3", "t", "null"),
                List.of("3", "0", "x", "vv", "-1", "3", "t", "null"),
                List.of("4", "0", "y", "vv", "-1", "3", "t", "null"),
                List.of("11", "0", "x", "vv", "-1", "3", "t", "null"),
                List.of("12", "0", "x", "vv", "-1", "3", "t", "null"),
                List.of("20", "5", "x", "vv", "-1", "3", "t", "null"),
                List.of("30", "7", "x", "vv", "-1", "3", "t", "null"),
                List.of("40", "0", "p", "vv", "-1", "3", "t", "null"),
                List.of("50", "0", "x", "vv", "-1", "3", "t", "null"),
                List.of("null", "0", "x", "vv", "-1", "3", "t", "null")),
                rows("SELECT k, n, s, v, neg, three, b, nothing FROM d_every ORDER BY k"));
        execute("UPDATE d_every SET n = 9, s = 'changed' WHERE k = 1",
                "UPDATE d_every SET n = DEFAULT, s = DEFAULT, k = DEFAULT WHERE k = 1");
        assertEquals(List.of(List.of("null", "0", "x")), rows("SELECT k, n, s FROM d_every WHERE n = 0 AND k IS NULL "
                + "AND s = 'x' LIMIT 1"));
        assertEquals(List.of(List.of("2")), rows("SELECT count(*) FROM d_every WHERE k IS NULL"));
    }

    @Test
    void theCurrentTimeIsTheStatementsAndARandomUuidEachRows() throws SQLException {
        execute("CREATE TABLE d_time (k int, made timestamptz DEFAULT now(), day date DEFAULT current_date, "
                + "ts timestamptz DEFAULT current_timestamp, u uuid DEFAULT gen_random_uuid())");
        execute("INSERT INTO d_time (k) SELECT g FROM generate_series(1, 50) g", "INSERT INTO d_time (k) VALUES (51), (52)");
        assertEquals(List.of(List.of("2", "2", "2", "52")), rows("SELECT count(DISTINCT made), count(DISTINCT day) + 1, "
                + "count(DISTINCT ts), count(DISTINCT u) FROM d_time"));
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM d_time WHERE made IS NULL OR day IS NULL "
                + "OR made > now()"));
    }

    @Test
    void aSerialColumnTakesItsOwnSequence() throws SQLException {
        execute("CREATE TABLE d_serial (id serial, big bigserial, small smallserial, name text)");
        execute("INSERT INTO d_serial (name) VALUES ('a'), ('b')", "INSERT INTO d_serial (name) SELECT 'c'",
                "INSERT INTO d_serial VALUES (100, 100, 100, 'explicit')", "INSERT INTO d_serial (name) VALUES ('d')");
        assertEquals(List.of(List.of("1", "1", "1", "a"), List.of("2", "2", "2", "b"), List.of("3", "3", "3", "c"),
                List.of("4", "4", "4", "d"), List.of("100", "100", "100", "explicit")),
                rows("SELECT * FROM d_serial ORDER BY id"));
        assertEquals(List.of(List.of("id", "integer", "NO"), List.of("big", "bigint", "NO"),
                List.of("small", "smallint", "NO"), List.of("name", "text", "YES")),
                rows("SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                        + "WHERE table_name = 'd_serial' ORDER BY ordinal_position"));
        assertEquals(List.of(List.of("d_serial_big_seq", "bigint"), List.of("d_serial_id_seq", "integer"),
                List.of("d_serial_small_seq", "smallint")),
                rows("SELECT sequencename, data_type FROM pg_sequences WHERE sequencename LIKE 'd_serial%' ORDER BY 1"));
        assertFails("INSERT INTO d_serial (id, name) VALUES (NULL, 'n')", "23502",
                "null value in column \"id\" of relation \"d_serial\" violates not-null constraint");
        // The name is taken: the next one is numbered.
        execute("CREATE SEQUENCE d_taken_id_seq", "CREATE TABLE d_taken (id serial)");
        assertEquals(List.of(List.of("nextval('d_taken_id_seq1'::regclass)")),
                rows("SELECT column_default FROM information_schema.columns WHERE table_name = 'd_taken'"));
        execute("DROP TABLE d_serial, d_taken");
        assertEquals(List.of(List.of("d_taken_id_seq")), rows("SELECT relname FROM pg_class WHERE relkind = 'S' "
                + "AND (relname LIKE 'd_serial%' OR relname LIKE 'd_taken%')"));
        execute("DROP SEQUENCE d_taken_id_seq");
    }

    @Test
    void identityColumnsGenerateAndGuardTheirValues() throws SQLException {
        execute("CREATE TABLE d_always (id int GENERATED ALWAYS AS IDENTITY, v text)",
                "CREATE TABLE d_bydefault (id bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 100 INCREMENT BY 10) "
                        + "PRIMARY KEY, v text)");
        execute("INSERT INTO d_always (v) VALUES ('a')", "INSERT INTO d_always VALUES (DEFAULT, 'b')",
                "INSERT INTO d_always DEFAULT VALUES", "INSERT INTO d_always (v) SELECT 'c'",
                "INSERT INTO d_always (id, v) OVERRIDING SYSTEM VALUE VALUES (50, 'system')",
                "INSERT INTO d_always (id, v) OVERRIDING USER VALUE VALUES (60, 'user')");
        assertEquals(List.of(List.of("1", "a"), List.of("2", "b"), List.of("3", "null"), List.of("4", "c"),
                List.of("5", "user"), List.of("50", "system")), rows("SELECT * FROM d_always ORDER BY id"));
        for (String sql : List.of("INSERT INTO d_always (id, v) VALUES (7, 'x')",
                "INSERT INTO d_always VALUES (DEFAULT, 'x'), (8, 'y')", "INSERT INTO d_always SELECT 9, 'x'",
                "INSERT INTO d_always (id) SELECT g FROM generate_series(1, 2) g")) {
            ServerErrorMessage m = fails(conn, sql);
            assertEquals("428C9", m.getSQLState(), sql);
            assertEquals("cannot insert a non-DEFAULT value into column \"id\"", m.getMessage(), sql);
            assertEquals("Column \"id\" is an identity column defined as GENERATED ALWAYS.", m.getDetail(), sql);
            assertEquals("Use OVERRIDING SYSTEM VALUE to override.", m.getHint(), sql);
        }
        ServerErrorMessage update = fails(conn, "UPDATE d_always SET id = 5");
        assertEquals("428C9", update.getSQLState());
        assertEquals("column \"id\" can only be updated to DEFAULT", update.getMessage());
        assertEquals("Column \"id\" is an identity column defined as GENERATED ALWAYS.", update.getDetail());
        execute("UPDATE d_always SET id = DEFAULT WHERE v = 'system'");
        assertEquals(List.of(List.of("6")), rows("SELECT id FROM d_always WHERE v = 'system'"));

        execute("INSERT INTO d_bydefault (v) VALUES ('a')", "INSERT INTO d_bydefault VALUES (7, 'b')",
                "INSERT INTO d_bydefault OVERRIDING USER VALUE VALUES (8, 'c')",
                "INSERT INTO d_bydefault OVERRIDING USER VALUE SELECT 9, 'd'");
        assertEquals(List.of(List.of("7", "b"), List.of("100", "a"), List.of("110", "c"), List.of("120", "d")),
                rows("SELECT * FROM d_bydefault ORDER BY id"));
        assertEquals(List.of(
                List.of("d_always", "id", "null", "YES", "ALWAYS", "1", "1", "2147483647", "1", "NO"),
                List.of("d_bydefault", "id", "null", "YES", "BY DEFAULT", "100", "10", "9223372036854775807", "1", "NO")),
                rows("SELECT table_name, column_name, column_default, is_identity, identity_generation, identity_start, "
                        + "identity_increment, identity_maximum, identity_minimum, identity_cycle "
                        + "FROM information_schema.columns WHERE table_name LIKE 'd\\_%' AND is_identity = 'YES' "
                        + "ORDER BY table_name"));
        ServerErrorMessage drop = fails(conn, "DROP SEQUENCE d_always_id_seq CASCADE");
        assertEquals("2BP01", drop.getSQLState());
        assertEquals("cannot drop sequence d_always_id_seq because column id of table d_always requires it",
                drop.getMessage());
        assertEquals("You can drop column id of table d_always instead.", drop.getHint());
        execute("DROP TABLE d_always, d_bydefault");
    }

    @Test
    void sequencesCountAsDefined() throws SQLException {
        execute("CREATE SEQUENCE d_s START WITH 10 INCREMENT BY 5");
        assertEquals(List.of(List.of("10", "15", "15")), rows("SELECT nextval('d_s'), nextval('d_s'), currval('d_s')"));
        assertEquals(List.of(List.of("15")), rows("SELECT lastval()"));
        assertEquals(List.of(List.of("100", "105")), rows("SELECT setval('d_s', 100), nextval('d_s')"));
        assertEquals(List.of(List.of("7", "7")), rows("SELECT setval('d_s', 7, false), nextval('d_s')"));
        assertEquals(List.of(List.of("12")), rows("SELECT nextval('public.d_s'::regclass)"));
        // A sequence reads as a relation of one row, as in PostgreSQL.
        assertEquals(List.of(List.of("12", "t")), rows("SELECT last_value, is_called FROM d_s"));

        execute("CREATE SEQUENCE d_cycle MINVALUE 1 MAXVALUE 3 CYCLE", "CREATE SEQUENCE d_down INCREMENT -2",
                "CREATE SEQUENCE d_small AS smallint MAXVALUE 2", "CREATE SEQUENCE IF NOT EXISTS d_small");
        assertEquals(List.of("1", "1", "2", "2", "3", "3"), rows("SELECT nextval('d_cycle') FROM generate_series(1, 6)")
                .stream().map(r -> r.get(0)).sorted().toList());
        assertEquals(List.of(List.of("-1", "-3")), rows("SELECT nextval('d_down'), nextval('d_down')"));
        assertEquals(List.of(List.of("1", "2")), rows("SELECT nextval('d_small'), nextval('d_small')"));
        assertFails("SELECT nextval('d_small')", "2200H", "nextval: reached maximum value of sequence \"d_small\" (2)");
        assertFails("SELECT setval('d_small', 3)", "22003",
                "setval: value 3 is out of bounds for sequence \"d_small\" (1..2)");
        execute("CREATE SEQUENCE d_fresh");
        assertEquals(List.of(List.of("1", "0", "f")), rows("SELECT * FROM d_fresh"));
        assertEquals("42809", fails(conn, "INSERT INTO d_fresh VALUES (1, 0, true)").getSQLState());
        try (Connection other = server.connect()) {
            ServerErrorMessage currval = fails(other, "SELECT currval('d_s')");
            assertEquals("55000", currval.getSQLState());
            assertEquals("currval of sequence \"d_s\" is not yet defined in this session", currval.getMessage());
            ServerErrorMessage m = fails(other, "SELECT lastval()");
            assertEquals("55000", m.getSQLState());
            assertEquals("lastval is not yet defined in this session", m.getMessage());
        }
        assertFails("SELECT currval('d_fresh')", "55000",
                "currval of sequence \"d_fresh\" is not yet defined in this session");
        execute("CREATE TABLE d_notseq (a int)");
        assertFails("SELECT nextval('d_notseq')", "42809", "\"d_notseq\" is not a sequence");
        assertFails("SELECT nextval('d_nosuch')", "42P01", "relation \"d_nosuch\" does not exist");
        assertFails("CREATE SEQUENCE d_fresh", "42P07", "relation \"d_fresh\" already exists");
        assertFails("CREATE SEQUENCE d_bad INCREMENT 0", "22023", "INCREMENT must not be zero");
        assertFails("CREATE SEQUENCE d_bad MINVALUE 10 MAXVALUE 5", "22023", "MINVALUE (10) must be less than MAXVALUE (5)");
        assertFails("CREATE SEQUENCE d_bad START 0", "22023", "START value (0) cannot be less than MINVALUE (1)");
        assertFails("CREATE SEQUENCE d_bad CACHE 0", "22023", "CACHE (0) must be greater than zero");
        assertFails("CREATE SEQUENCE d_bad AS text", "22023", "sequence type must be smallint, integer, or bigint");
        assertFails("CREATE SEQUENCE d_bad AS smallint MAXVALUE 100000", "22023",
                "MAXVALUE (100000) is out of range for sequence data type smallint");
        assertFails("CREATE SEQUENCE d_bad INCREMENT 1 INCREMENT 2", "42601", "conflicting or redundant options");
        assertFails("CREATE SEQUENCE d_bad CACHE 2000000", "0A000", "CACHE above 1000000 is not supported");
        assertFails("CREATE MATERIALIZED VIEW d_bad AS SELECT nextval('d_s')", "0A000", "now(), current_timestamp, "
                + "the other current-time functions, gen_random_uuid() and the sequence functions cannot be used in a "
                + "materialized view or subscription yet: its result would change with the clock or by chance, not "
                + "with the data");
        assertFails("DROP TABLE d_s", "42809", "\"d_s\" is not a table");
        execute("DROP SEQUENCE d_s, d_cycle, d_down, d_small, d_fresh", "DROP SEQUENCE IF EXISTS d_s", "DROP TABLE d_notseq");
        assertFails("DROP SEQUENCE d_s", "42P01", "sequence \"d_s\" does not exist");
    }

    @Test
    void aSequenceOwnedByAColumnGoesWithItsTable() throws SQLException {
        execute("CREATE TABLE d_owner (a bigint)", "CREATE SEQUENCE d_owned OWNED BY d_owner.a",
                "CREATE SEQUENCE d_free OWNED BY NONE");
        assertEquals(List.of(List.of("d_free"), List.of("d_owned")),
                rows("SELECT relname FROM pg_class WHERE relname IN ('d_owned', 'd_free') ORDER BY 1"));
        assertFails("CREATE SEQUENCE d_bad OWNED BY d_owner.nope", "42703",
                "column \"nope\" of relation \"d_owner\" does not exist");
        execute("DROP TABLE d_owner");
        assertEquals(List.of(List.of("d_free")), rows("SELECT relname FROM pg_class WHERE relname IN ('d_owned', 'd_free')"));
        execute("DROP SEQUENCE d_free");
    }

    @Test
    void aDefaultUsingASequenceKeepsItUntilCascade() throws SQLException {
        execute("CREATE SEQUENCE d_shared", "CREATE TABLE d_user (id bigint DEFAULT nextval('d_shared'), v text)");
        assertEquals(List.of(List.of("nextval('d_shared'::regclass)")),
                rows("SELECT column_default FROM information_schema.columns WHERE table_name = 'd_user' AND column_name = 'id'"));
        execute("INSERT INTO d_user (v) VALUES ('a')");
        ServerErrorMessage m = fails(conn, "DROP SEQUENCE d_shared");
        assertEquals("2BP01", m.getSQLState());
        assertEquals("cannot drop sequence d_shared because other objects depend on it", m.getMessage());
        assertEquals("default value for column id of table d_user depends on sequence d_shared", m.getDetail());
        assertEquals("Use DROP ... CASCADE to drop the dependent objects too.", m.getHint());
        execute("DROP SEQUENCE d_shared CASCADE", "INSERT INTO d_user (v) VALUES ('b')");
        assertEquals(List.of(List.of("1", "a"), List.of("null", "b")), rows("SELECT * FROM d_user ORDER BY v"));
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM pg_attrdef WHERE adrelid = 'd_user'::regclass"));
        execute("DROP TABLE d_user");
    }

    @Test
    void createTableChecksDefaultsAsPostgresDoes() {
        // The errors point where PostgreSQL's do: at the column, at the sequence's name.
        String columnReference = "CREATE TABLE d_bad (a int, b int DEFAULT a)";
        assertEquals(columnReference.lastIndexOf('a') + 1, fails(conn, columnReference).getPosition());
        String missingSequence = "CREATE TABLE d_bad (a int DEFAULT nextval('d_nosuch'))";
        assertEquals(missingSequence.indexOf('\'') + 1, fails(conn, missingSequence).getPosition());
        assertFails("CREATE TABLE d_bad (a int, b int DEFAULT a)", "0A000", "cannot use column reference in DEFAULT expression");
        assertFails("CREATE TABLE d_bad (a int DEFAULT (SELECT 1))", "0A000", "cannot use subquery in DEFAULT expression");
        assertFails("CREATE TABLE d_bad (a int DEFAULT 'abc')", "22P02", "invalid input syntax for type integer: \"abc\"");
        ServerErrorMessage type = fails(conn, "CREATE TABLE d_bad (a int DEFAULT true)");
        assertEquals("42804", type.getSQLState());
        assertEquals("column \"a\" is of type integer but default expression is of type boolean", type.getMessage());
        assertEquals("You will need to rewrite or cast the expression.", type.getHint());
        assertFails("CREATE TABLE d_bad (a int DEFAULT nextval('d_nosuch'))", "42P01", "relation \"d_nosuch\" does not exist");
        assertFails("CREATE TABLE d_bad (a int DEFAULT count(*))", "42803",
                "aggregate functions are not allowed in DEFAULT expressions");
        assertFails("CREATE TABLE d_bad (a int DEFAULT generate_series(1, 2))", "0A000",
                "set-returning functions are not allowed in DEFAULT expressions");
        assertFails("CREATE TABLE d_bad (a int DEFAULT 1 GENERATED ALWAYS AS IDENTITY)", "42601",
                "both default and identity specified for column \"a\" of table \"d_bad\"");
        assertFails("CREATE TABLE d_bad (a serial DEFAULT 1)", "42601",
                "multiple default values specified for column \"a\" of table \"d_bad\"");
        assertFails("CREATE TABLE d_bad (a text GENERATED ALWAYS AS IDENTITY)", "22023",
                "identity column type must be smallint, integer, or bigint");
        assertFails("CREATE TABLE d_bad (a int DEFAULT 1 DEFAULT 2)", "42601",
                "multiple default values specified for column \"a\" of table \"d_bad\"");
    }

    @Test
    void nextvalIsNotRolledBackAndABlockStoresWhatReturningShowed() throws SQLException {
        execute("CREATE TABLE d_block (id serial PRIMARY KEY, u uuid DEFAULT gen_random_uuid(), v text)");
        List<List<String>> returned = new ArrayList<>();
        try (Connection c = server.connect()) {
            c.setAutoCommit(false);
            returned.addAll(rows(c, "INSERT INTO d_block (v) VALUES ('a'), ('b') RETURNING id, u, v"));
            returned.addAll(rows(c, "INSERT INTO d_block (v) SELECT 'c' RETURNING id, u, v"));
            c.commit();
            TestServer.rows(c, "INSERT INTO d_block (v) VALUES ('rolled back') RETURNING id");
            c.rollback();
        }
        assertEquals(returned, rows("SELECT id, u, v FROM d_block ORDER BY id"));
        assertEquals(List.of(List.of("5")), rows("SELECT nextval('d_block_id_seq')"));
        execute("DROP TABLE d_block");
    }

    @Test
    void getGeneratedKeysAndReturningGiveTheGeneratedValues() throws SQLException {
        execute("CREATE TABLE d_keys (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, "
                + "made timestamptz DEFAULT now())");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO d_keys (name) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (String name : List.of("a", "b")) {
                ps.setString(1, name);
                ps.addBatch();
            }
            ps.executeBatch();
            List<Long> keys = new ArrayList<>();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                while (rs.next()) {
                    keys.add(rs.getLong("id"));
                    assertNotEquals(null, rs.getTimestamp("made"));
                }
            }
            assertEquals(List.of(1L, 2L), keys);
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO d_keys (name) VALUES (?)", new String[] {"id"})) {
            ps.setString(1, "c");
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                assertTrue(rs.next());
                assertEquals(3L, rs.getLong(1));
            }
        }
        assertEquals(List.of(List.of("4", "d")), rows("INSERT INTO d_keys (name) VALUES ('d') RETURNING id, name"));
        execute("DROP TABLE d_keys");
    }

    @Test
    void materializedViewsSeeTheGeneratedValues() throws SQLException {
        execute("CREATE TABLE d_orders (id serial PRIMARY KEY, qty int DEFAULT 1, item text)",
                "CREATE MATERIALIZED VIEW d_totals AS SELECT item, count(*) AS n, sum(qty) AS qty, max(id) AS last "
                        + "FROM d_orders GROUP BY item",
                "INSERT INTO d_orders (item) VALUES ('x'), ('x'), ('y')", "INSERT INTO d_orders (item, qty) SELECT 'y', 5");
        assertEquals(List.of(List.of("x", "2", "2", "2"), List.of("y", "2", "6", "4")),
                rows("SELECT * FROM d_totals ORDER BY item"));
        execute("DROP TABLE d_orders CASCADE");
    }

    /**
     * Rows that stand for several copies (a table without a key stores duplicates once, counted)
     * get a value each.
     */
    @Test
    void eachCopyOfADuplicateRowGetsItsOwnValue() throws SQLException {
        execute("CREATE TABLE d_dups (v text)", "INSERT INTO d_dups VALUES ('a'), ('a'), ('a')",
                "CREATE TABLE d_numbered (id serial, v text, u uuid DEFAULT gen_random_uuid())",
                "INSERT INTO d_numbered (v) SELECT v FROM d_dups");
        assertEquals(List.of(List.of("3", "3", "3")), rows("SELECT count(*), count(DISTINCT id), count(DISTINCT u) "
                + "FROM d_numbered"));
        execute("DROP TABLE d_dups, d_numbered");
    }

    @Test
    void eachSessionCachesItsOwnValues() throws SQLException {
        execute("CREATE SEQUENCE d_cached CACHE 10");
        try (Connection a = server.connect(); Connection b = server.connect()) {
            assertEquals(1, one(a, "SELECT nextval('d_cached')"));
            assertEquals(11, one(b, "SELECT nextval('d_cached')"));
            assertEquals(2, one(a, "SELECT nextval('d_cached')"));
            assertEquals(12, one(b, "SELECT nextval('d_cached')"));
        }
        try (Connection c = server.connect()) {
            assertEquals(21, one(c, "SELECT nextval('d_cached')"));
        }
        execute("DROP SEQUENCE d_cached");
    }

    @Test
    void concurrentSessionsNeverGetTheSameValue() throws Exception {
        execute("CREATE TABLE d_busy (id bigserial PRIMARY KEY, writer int)", "CREATE SEQUENCE d_busy_extra");
        int writers = 4;
        int each = 150;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            results.add(pool.submit(() -> {
                List<Long> seen = new ArrayList<>();
                try (Connection c = server.connect();
                        PreparedStatement insert = c.prepareStatement("INSERT INTO d_busy (writer) VALUES (?) RETURNING id");
                        PreparedStatement next = c.prepareStatement("SELECT nextval('d_busy_extra')")) {
                    for (int i = 0; i < each; i++) {
                        insert.setInt(1, writer);
                        try (ResultSet rs = insert.executeQuery()) {
                            rs.next();
                            seen.add(rs.getLong(1));
                        }
                        try (ResultSet rs = next.executeQuery()) {
                            rs.next();
                            seen.add(-rs.getLong(1));
                        }
                    }
                }
                return seen;
            }));
        }
        Set<Long> all = new HashSet<>();
        for (Future<List<Long>> f : results) {
            for (long v : f.get(120, TimeUnit.SECONDS)) {
                assertTrue(all.add(v), "handed out twice: " + v);
            }
        }
        pool.shutdown();
        assertEquals(2 * writers * each, all.size());
        assertEquals(List.of(List.of(String.valueOf(writers * each), "1", String.valueOf(writers * each))),
                rows("SELECT count(*), min(id), max(id) FROM d_busy"));
        execute("DROP TABLE d_busy", "DROP SEQUENCE d_busy_extra");
    }

    @Test
    void aRestartGoesOnWhereTheSequenceWas() throws SQLException {
        try (TestServer own = TestServer.start(dir.resolve("restart"))) {
            try (Connection c = own.connect()) {
                execute(c, "CREATE TABLE r (id serial, v text)", "CREATE SEQUENCE r_seq INCREMENT 3",
                        "INSERT INTO r (v) VALUES ('a'), ('b')");
                assertEquals(1, one(c, "SELECT nextval('r_seq')"));
            }
            own.stop();
            own.start();
            try (Connection c = own.connect()) {
                // A clean shutdown stores the exact state: nothing is skipped.
                execute(c, "INSERT INTO r (v) VALUES ('c')");
                assertEquals(List.of(List.of("1"), List.of("2"), List.of("3")), rows(c, "SELECT id FROM r ORDER BY id"));
                assertEquals(4, one(c, "SELECT nextval('r_seq')"));
                assertEquals(List.of(List.of("nextval('r_id_seq'::regclass)")), rows(c,
                        "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'r'::regclass"));
            }
        }
    }

    @Test
    void killDashNineNeverHandsOutAValueAgain() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path data = dir.resolve("killed");
        Process process = startProcess(port, data);
        Set<Long> acknowledged = new TreeSet<>();
        List<SQLException> failures = new ArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        try {
            try (Connection c = connect(port)) {
                execute(c, "CREATE TABLE k (id bigserial PRIMARY KEY, v int)", "CREATE SEQUENCE k_seq");
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Thread t = new Thread(() -> {
                    try (Connection c = connect(port);
                            PreparedStatement insert = c.prepareStatement("INSERT INTO k (v) VALUES (1) RETURNING id");
                            PreparedStatement next = c.prepareStatement("SELECT nextval('k_seq')")) {
                        while (!stop.get()) {
                            for (PreparedStatement ps : List.of(insert, next)) {
                                try (ResultSet rs = ps.executeQuery()) {
                                    rs.next();
                                    long v = rs.getLong(1);
                                    synchronized (acknowledged) {
                                        acknowledged.add(ps == insert ? v : -v);
                                    }
                                }
                            }
                        }
                    } catch (SQLException e) {
                        if (!killed.get()) {
                            synchronized (failures) {
                                failures.add(e);
                            }
                        }
                    }
                });
                t.start();
                clients.add(t);
            }
            // Killed once values flow (a loaded machine starts slowly), and in the middle of them.
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline && size(acknowledged) < 50) {
                Thread.sleep(100);
            }
            Thread.sleep(300);
            killed.set(true);
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            stop.set(true);
            for (Thread t : clients) {
                t.join();
            }
        } finally {
            process.destroyForcibly();
        }
        assertEquals(List.of(), failures);
        assertTrue(acknowledged.size() > 20, "only " + acknowledged.size() + " values before the kill");
        long lastId = acknowledged.stream().filter(v -> v > 0).max(Long::compare).orElseThrow();
        long lastNext = -acknowledged.stream().filter(v -> v < 0).min(Long::compare).orElseThrow();
        Process restarted = startProcess(port, data);
        try (Connection c = connect(port)) {
            long id = Long.parseLong(TestServer.rows(c, "INSERT INTO k (v) VALUES (2) RETURNING id").get(0).get(0));
            assertTrue(id > lastId, id + " after " + lastId);
            long next = one(c, "SELECT nextval('k_seq')");
            assertTrue(next > lastNext, next + " after " + lastNext);
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int size(Set<Long> values) {
        synchronized (values) {
            return values.size();
        }
    }

    private Process startProcess(int port, Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--port", Integer.toString(port), "--data-dir", data.toString(), "--metrics-port", "-1",
                "--workers", "2");
        File log = dir.resolve("server-" + System.nanoTime() + ".log").toFile();
        pb.redirectErrorStream(true).redirectOutput(log);
        Process p = pb.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = connect(port)) {
                return p;
            } catch (SQLException notYet) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("server exited: " + Files.readString(log.toPath()));
                }
                Thread.sleep(200);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("server did not start: " + Files.readString(log.toPath()));
    }

    private static Connection connect(int port) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "millrace");
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/millrace", p);
    }

    /** psql's \d, \ds and the catalogs it and pgjdbc read, as PostgreSQL 15 shows the same table. */
    @Test
    void catalogsShowDefaultsAndSequencesAsPostgres() throws Exception {
        execute("CREATE TABLE items (id serial PRIMARY KEY, code int GENERATED ALWAYS AS IDENTITY, "
                + "name text NOT NULL DEFAULT 'unnamed', created timestamptz DEFAULT now(), qty int DEFAULT 0)");
        assertEquals(List.of(
                "                                     Table \"public.items\"",
                " Column  |           Type           | Collation | Nullable |              Default",
                "---------+--------------------------+-----------+----------+-----------------------------------",
                " id      | integer                  |           | not null | nextval('items_id_seq'::regclass)",
                " code    | integer                  |           | not null | generated always as identity",
                " name    | text                     |           | not null | 'unnamed'::text",
                " created | timestamp with time zone |           |          | now()",
                " qty     | integer                  |           |          | 0",
                "Indexes:",
                "    \"items_pkey\" PRIMARY KEY, btree (id)",
                "",
                "                    Sequence \"public.items_id_seq\"",
                "  Type   | Start | Minimum |  Maximum   | Increment | Cycles? | Cache",
                "---------+-------+---------+------------+-----------+---------+-------",
                " integer |     1 |       1 | 2147483647 |         1 | no      |     1",
                "Owned by: public.items.id",
                "",
                "                   Sequence \"public.items_code_seq\"",
                "  Type   | Start | Minimum |  Maximum   | Increment | Cycles? | Cache",
                "---------+-------+---------+------------+-----------+---------+-------",
                " integer |     1 |       1 | 2147483647 |         1 | no      |     1",
                "Sequence for identity column: public.items.code",
                ""),
                server.psql("\\d items\n\\d items_id_seq\n\\d items_code_seq\n").lines().map(String::stripTrailing).toList());
        assertTrue(server.psql("\\ds\n").contains("""
                 public | items_code_seq | sequence | millrace
                 public | items_id_seq   | sequence | millrace
                """));
        assertEquals(List.of(List.of("id", "t", "", "nextval('items_id_seq'::regclass)"), List.of("code", "f", "a", "null"),
                List.of("name", "t", "", "'unnamed'::text"), List.of("created", "t", "", "now()"),
                List.of("qty", "t", "", "0")),
                rows("SELECT a.attname, a.atthasdef, a.attidentity, pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a "
                        + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                        + "WHERE a.attrelid = 'items'::regclass AND a.attnum > 0 ORDER BY a.attnum"));
        assertEquals(List.of(List.of("items", "r"), List.of("items_code_seq", "S"), List.of("items_id_seq", "S"),
                List.of("items_pkey", "i")), rows("SELECT relname, relkind FROM pg_class WHERE relname LIKE 'items%' "
                        + "ORDER BY relname"));
        assertEquals(List.of(List.of("id", "nextval('items_id_seq'::regclass)", "NO", "null"),
                List.of("code", "null", "YES", "ALWAYS"), List.of("name", "'unnamed'::text", "NO", "null"),
                List.of("created", "now()", "NO", "null"), List.of("qty", "0", "NO", "null")),
                rows("SELECT column_name, column_default, is_identity, identity_generation FROM information_schema.columns "
                        + "WHERE table_name = 'items' ORDER BY ordinal_position"));
        assertEquals(List.of(List.of("items_code_seq", "integer", "1", "1", "2147483647", "1", "1", "f"),
                List.of("items_id_seq", "integer", "1", "1", "2147483647", "1", "1", "f")),
                rows("SELECT c.relname, format_type(seqtypid, NULL), seqstart, seqincrement, seqmax, seqmin, seqcache, "
                        + "seqcycle FROM pg_sequence JOIN pg_class c ON c.oid = seqrelid WHERE c.relname LIKE 'items%' ORDER BY 1"));
        assertEquals(List.of(List.of("public.items_id_seq", "public.items_code_seq", "null")), rows("SELECT "
                + "pg_get_serial_sequence('items', 'id'), pg_get_serial_sequence('public.items', 'code'), "
                + "pg_get_serial_sequence('items', 'qty')"));
        // As Django resets a sequence.
        assertEquals(List.of(List.of("5")), rows("SELECT setval(pg_get_serial_sequence('\"items\"', 'id'), "
                + "coalesce(max(\"id\"), 5), max(\"id\") IS NOT null) FROM \"items\""));
        assertEquals(List.of(List.of("5")), rows("SELECT nextval('items_id_seq')"));
        assertFails("SELECT pg_get_serial_sequence('items', 'nope')", "42703",
                "column \"nope\" of relation \"items\" does not exist");
        assertEquals(List.of(List.of("items_code_seq", "null"), List.of("items_id_seq", "5")), rows(
                "SELECT sequencename, last_value FROM pg_sequences WHERE sequencename LIKE 'items%' ORDER BY 1"));
        // An identity column's sequence is not listed, as in PostgreSQL.
        assertEquals(List.of(List.of("items_id_seq", "integer", "32", "2", "0", "1", "1", "2147483647", "1", "NO")),
                rows("SELECT sequence_name, data_type, numeric_precision, numeric_precision_radix, numeric_scale, "
                        + "start_value, minimum_value, maximum_value, increment, cycle_option "
                        + "FROM information_schema.sequences WHERE sequence_name LIKE 'items%'"));
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = conn.getMetaData().getColumns(null, "public", "items", null)) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("COLUMN_DEF") + ":"
                        + rs.getString("IS_AUTOINCREMENT"));
            }
        }
        assertEquals(List.of("id:nextval('items_id_seq'::regclass):YES", "code:null:YES", "name:'unnamed'::text:NO",
                "created:now():NO", "qty:0:NO"), columns);
        execute("DROP TABLE items");
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM pg_class WHERE relname LIKE 'items%'"));
    }

    /** Defaults as ORMs write them, shown as PostgreSQL 15 shows them (but the last, as written). */
    @Test
    void defaultsShowAsPostgresPrintsThem() throws SQLException {
        execute("CREATE TABLE d_orm (doc jsonb DEFAULT '{}'::jsonb, made timestamp DEFAULT CURRENT_TIMESTAMP, "
                + "flag boolean DEFAULT false NOT NULL, code character varying(255) DEFAULT ''::character varying, "
                + "v varchar(20) DEFAULT 'x', price numeric(10,2) DEFAULT 0.00, tags text[] DEFAULT '{}', "
                + "d date DEFAULT '2024-01-01', big bigint DEFAULT -5000000000, f float8 DEFAULT -1.5, "
                + "n int DEFAULT '7', sum3 int DEFAULT 1+2)");
        assertEquals(List.of("'{}'::jsonb", "CURRENT_TIMESTAMP", "false", "''::character varying",
                "'x'::character varying", "0.00", "'{}'::text[]", "'2024-01-01'::date", "'-5000000000'::bigint",
                "'-1.5'::numeric", "7", "1+2"), rows("SELECT column_default FROM information_schema.columns "
                        + "WHERE table_name = 'd_orm' ORDER BY ordinal_position").stream().map(r -> r.get(0)).toList());
        execute("INSERT INTO d_orm DEFAULT VALUES");
        assertEquals(List.of(List.of("{}", "t", "f", "", "x", "0.00", "{}", "2024-01-01", "-5000000000", "-1.5", "7",
                "3")), rows("SELECT doc, made IS NOT NULL, flag, code, v, price, tags, d, big, f, n, sum3 FROM d_orm"));
        execute("DROP TABLE d_orm");
    }

    /** A sequence in another schema is shown qualified where the search path does not find it. */
    @Test
    void aSequenceOutsideTheSearchPathIsShownQualified() throws SQLException {
        execute("CREATE SCHEMA d_other", "CREATE TABLE d_other.t (id serial)");
        assertEquals(List.of(List.of("nextval('d_other.t_id_seq'::regclass)")), rows("SELECT column_default FROM "
                + "information_schema.columns WHERE table_schema = 'd_other' AND table_name = 't'"));
        try (Connection c = server.connect()) {
            execute(c, "SET search_path TO d_other, public");
            assertEquals(List.of(List.of("nextval('t_id_seq'::regclass)")), rows(c, "SELECT column_default "
                    + "FROM information_schema.columns WHERE table_schema = 'd_other' AND table_name = 't'"));
        }
        execute("INSERT INTO d_other.t DEFAULT VALUES", "INSERT INTO d_other.t DEFAULT VALUES");
        assertEquals(List.of(List.of("1"), List.of("2")), rows("SELECT id FROM d_other.t ORDER BY id"));
        execute("DROP SCHEMA d_other CASCADE");
    }
}
