package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CREATE TABLE ... AS query: the query's columns and types, its rows, nothing left when it fails; as PostgreSQL 15. */
class CreateTableAsTest {
    private static TestServer server;
    private static Connection conn;

    @BeforeAll
    static void start() throws SQLException {
        server = TestServer.startTemporary();
        conn = server.connect();
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE src (id int PRIMARY KEY, name varchar(10), amount numeric(8,2), tags text[])");
            s.execute("INSERT INTO src VALUES (1, 'a', 1.5, '{x}'), (2, 'b', 2.25, NULL)");
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        conn.close();
        server.close();
    }

    private static List<List<String>> rows(String sql) throws SQLException {
        return TestServer.rows(conn, sql);
    }

    @Test
    void copiesTheQuerysColumnsAndRows() throws SQLException {
        try (Statement s = conn.createStatement()) {
            assertEquals(2, s.executeUpdate("CREATE TABLE copy1 AS SELECT * FROM src"));
            s.execute("CREATE TABLE copy2 (k, n) AS SELECT id, amount * 2, name FROM src WHERE id > 1");
            s.execute("CREATE TABLE empty1 AS SELECT id, NULL AS nothing, 'lit' AS word FROM src WITH NO DATA");
            s.execute("CREATE TABLE IF NOT EXISTS copy1 AS SELECT 1");
        }
        assertEquals(List.of(List.of("1", "a", "1.50", "{x}"), java.util.Arrays.asList("2", "b", "2.25", null)),
                rows("SELECT * FROM copy1 ORDER BY id"));
        assertEquals(List.of(List.of("2", "4.50", "b")), rows("SELECT * FROM copy2"));
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM empty1"));
        assertEquals(List.of(List.of("k", "integer"), List.of("n", "numeric"), List.of("name", "character varying(10)")),
                rows("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                        + "WHERE attrelid = 'copy2'::regclass::int4 AND attnum > 0 ORDER BY attnum"));
        assertEquals(List.of(List.of("id", "integer"), List.of("nothing", "text"), List.of("word", "text")),
                rows("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'empty1' "
                        + "ORDER BY ordinal_position"));
        // A table like any other: views over it are maintained.
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE MATERIALIZED VIEW copy1_total AS SELECT sum(amount) AS total FROM copy1");
            s.execute("INSERT INTO copy1 VALUES (3, 'c', 10, NULL)");
        }
        assertEquals(List.of(List.of("13.75")), rows("SELECT total FROM copy1_total"));
    }

    @Test
    void errorsAsPostgres() throws SQLException {
        try (Statement s = conn.createStatement()) {
            SQLException dup = assertThrows(SQLException.class, () -> s.execute("CREATE TABLE bad1 AS SELECT 1 AS x, 2 AS x"));
            assertEquals("42701", dup.getSQLState());
            SQLException many = assertThrows(SQLException.class, () -> s.execute("CREATE TABLE bad2 (a, b) AS SELECT 1"));
            assertEquals("42601", many.getSQLState());
            assertEquals("ERROR: too many column names were specified", many.getMessage());
            // A query that fails leaves no table behind.
            SQLException boom = assertThrows(SQLException.class, () -> s.execute("CREATE TABLE bad3 AS SELECT 1 / 0 FROM src"));
            assertEquals("22012", boom.getSQLState());
        }
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM pg_class WHERE relname LIKE 'bad%'"));
    }
}
