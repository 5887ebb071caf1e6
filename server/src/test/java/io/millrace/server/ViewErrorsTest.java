package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * A view whose query fails on the data does not block writes: the write is acknowledged, reading
 * the view reports the query's error, and once the offending rows are gone the view is back.
 */
class ViewErrorsTest {
    @TempDir
    Path dir;

    private static String stateOf(Connection c, String sql) {
        try {
            return TestServer.sortedRows(c, sql).toString();
        } catch (SQLException e) {
            return e.getSQLState() + " " + e.getMessage().replaceFirst("^ERROR: ", "").replaceFirst("\\n.*", "");
        }
    }

    @Test
    void dataErrorsLiveInTheViewNotTheWrite() throws SQLException {
        try (TestServer server = TestServer.start(dir)) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (a int, b int)");
                s.execute("INSERT INTO t VALUES (6, 3)");
                s.execute("CREATE MATERIALIZED VIEW q AS SELECT a / b AS r FROM t");
                s.execute("CREATE MATERIALIZED VIEW total AS SELECT sum(r) AS s FROM q");
                s.execute("CREATE MATERIALIZED VIEW unrelated AS SELECT count(*) AS n FROM t");
                assertEquals("[[2]]", stateOf(c, "SELECT * FROM q"));

                assertEquals(2, s.executeUpdate("INSERT INTO t VALUES (1, 0), (4, 2)"));
                assertEquals("22012 division by zero", stateOf(c, "SELECT * FROM q"));
                assertEquals("22012 division by zero", stateOf(c, "SELECT * FROM total"));
                assertEquals("22012 division by zero", stateOf(c, "SELECT r + 1 FROM q"));
                assertEquals("[[3]]", stateOf(c, "SELECT * FROM unrelated"));
                assertEquals("[[1, 0], [4, 2], [6, 3]]", stateOf(c, "SELECT * FROM t"));
                // Still errored after more inserts: its query still fails.
                s.execute("INSERT INTO t VALUES (10, 5)");
                assertEquals("22012 division by zero", stateOf(c, "SELECT * FROM q"));
                assertEquals("[[4]]", stateOf(c, "SELECT * FROM unrelated"));
            }
            server.stop();
            server.start();
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                assertEquals("22012 division by zero", stateOf(c, "SELECT * FROM total"));
                assertEquals(1, s.executeUpdate("DELETE FROM t WHERE b = 0"));
                assertEquals(stateOf(c, "SELECT a / b FROM t"), stateOf(c, "SELECT * FROM q"));
                assertEquals("[[2], [2], [2]]", stateOf(c, "SELECT * FROM q"));
                assertEquals("[[6]]", stateOf(c, "SELECT * FROM total"));
                // Maintained incrementally again from here.
                s.execute("INSERT INTO t VALUES (9, 3)");
                assertEquals("[[9]]", stateOf(c, "SELECT * FROM total"));
                s.execute("UPDATE t SET b = 0 WHERE a = 9");
                assertEquals("22012 division by zero", stateOf(c, "SELECT * FROM total"));
                s.execute("UPDATE t SET b = 1 WHERE a = 9");
                assertEquals("[[15]]", stateOf(c, "SELECT * FROM total"));
                s.execute("DROP MATERIALIZED VIEW total");
                s.execute("DROP MATERIALIZED VIEW q");
            }
        }
    }

    @Test
    void aViewCreatedOverDataItFailsOnIsErroredUntilTheDataChanges() throws SQLException {
        try (TestServer server = TestServer.start(dir);
                Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (a int, b int)");
            s.execute("INSERT INTO t VALUES (1, 0)");
            // Streaming views are often defined before their data is right: creating one succeeds, with a notice.
            s.execute("CREATE MATERIALIZED VIEW q AS SELECT a / b AS r FROM t");
            assertEquals("materialized view \"q\" fails on the current data, and reports this until a change fixes it:"
                    + " division by zero", s.getWarnings().getMessage());
            s.execute("CREATE MATERIALIZED VIEW q2 AS SELECT r * 2 AS d FROM q");
            assertEquals("22012 division by zero", stateOf(c, "SELECT * FROM q"));
            assertEquals("22012 division by zero", stateOf(c, "SELECT * FROM q2"));
            c.setAutoCommit(false);
            assertEquals("22012", assertThrows(PSQLException.class,
                    () -> s.execute("DECLARE x CURSOR FOR SUBSCRIBE q")).getSQLState());
            c.rollback();
            c.setAutoCommit(true);
            s.execute("UPDATE t SET b = 1");
            assertEquals("[[1]]", stateOf(c, "SELECT * FROM q"));
            assertEquals("[[2]]", stateOf(c, "SELECT * FROM q2"));
            s.execute("INSERT INTO t VALUES (8, 2)");
            assertEquals("[[2], [8]]", stateOf(c, "SELECT * FROM q2"));
        }
    }

    @Test
    void subscriptionsToAFailingViewEndWithItsError() throws SQLException {
        try (TestServer server = TestServer.start(dir);
                Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (a int, b int)");
            s.execute("INSERT INTO t VALUES (4, 2)");
            s.execute("CREATE MATERIALIZED VIEW q AS SELECT a / b AS r FROM t");
            try (Connection reader = server.connect(); Statement rs = reader.createStatement()) {
                reader.setAutoCommit(false);
                rs.execute("DECLARE c CURSOR FOR SUBSCRIBE q");
                assertEquals("[[2]]", stateOfFetch(rs, "FETCH ALL c"));
                s.execute("INSERT INTO t VALUES (1, 0)");
                assertEquals("22012 division by zero", stateOfFetch(rs, "FETCH ALL c WITH (timeout = '10s')"));
            }
        }
    }

    private static String stateOfFetch(Statement s, String fetch) {
        try (var rs = s.executeQuery(fetch)) {
            List<List<String>> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(List.of(rs.getString(3)));
            }
            return rows.toString();
        } catch (SQLException e) {
            return e.getSQLState() + " " + e.getMessage().replaceFirst("^ERROR: ", "").replaceFirst("\\n.*", "");
        }
    }
}
