package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Each error a user can cause carries PostgreSQL's SQLSTATE and a clear message, and the session goes on. */
class ErrorsTest {
    private static TestServer server;
    private static Connection conn;

    @BeforeAll
    static void start() throws SQLException {
        server = TestServer.startTemporary();
        conn = server.connect();
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE e (id int PRIMARY KEY, name text NOT NULL, amount numeric(5,2), small smallint)");
            s.execute("INSERT INTO e VALUES (1, 'a', 1.50, 1)");
            s.execute("CREATE VIEW ev AS SELECT id FROM e");
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        conn.close();
        server.close();
    }

    private static ServerErrorMessage fails(String sql) {
        PSQLException e = assertThrows(PSQLException.class, () -> {
            try (Statement s = conn.createStatement()) {
                s.execute(sql);
            }
        }, sql);
        assertStillUsable();
        return e.getServerErrorMessage();
    }

    private static void assertStillUsable() {
        try {
            assertEquals(List.of(List.of("1")), TestServer.rows(conn, "SELECT count(*) FROM e"));
        } catch (SQLException e) {
            throw new AssertionError("session unusable after an error", e);
        }
    }

    @Test
    void syntaxErrorHasPosition() {
        ServerErrorMessage m = fails("SELECT * FORM e");
        assertEquals("42601", m.getSQLState());
        assertEquals("syntax error at or near \"FORM\"", m.getMessage());
        assertEquals(10, m.getPosition());
    }

    @Test
    void undefinedTable() {
        ServerErrorMessage m = fails("SELECT * FROM missing");
        assertEquals("42P01", m.getSQLState());
        assertEquals("relation \"missing\" does not exist", m.getMessage());
        assertEquals(15, m.getPosition());
    }

    @Test
    void undefinedColumn() {
        ServerErrorMessage m = fails("SELECT nope FROM e");
        assertEquals("42703", m.getSQLState());
        assertEquals("column \"nope\" does not exist", m.getMessage());
        assertEquals(8, m.getPosition());
    }

    @Test
    void datatypeMismatch() {
        ServerErrorMessage m = fails("SELECT id FROM e UNION SELECT name FROM e");
        assertEquals("42804", m.getSQLState());
        m = fails("INSERT INTO e (id, name) SELECT 'x' = 'y', name FROM e");
        assertEquals("42804", m.getSQLState(), m.getMessage());
    }

    @Test
    void noArithmeticOnText() throws SQLException {
        ServerErrorMessage m = fails("SELECT name + 1 FROM e");
        assertEquals("42883", m.getSQLState());
        assertEquals("operator does not exist: text + integer", m.getMessage());
        m = fails("SELECT - name FROM e");
        assertEquals("42883", m.getSQLState());
        assertEquals("operator does not exist: - text", m.getMessage());
        // A string literal has no type of its own in PostgreSQL: it takes the number's.
        assertEquals(List.of(List.of("5", "-5", "6", "6")), TestServer.rows(conn, "SELECT +'5', -'5', '5' + 1, 2 * '3'"));
    }

    @Test
    void divisionByZero() {
        ServerErrorMessage m = fails("SELECT id / 0 FROM e");
        assertEquals("22012", m.getSQLState());
        assertEquals("division by zero", m.getMessage());
    }

    @Test
    void numericOutOfRange() {
        assertEquals("22003", fails("SELECT small * 100000 * 100000 FROM e").getSQLState());
        assertEquals("22003", fails("INSERT INTO e VALUES (2, 'b', 12345.6, 1)").getSQLState());
        ServerErrorMessage m = fails("SELECT CAST(9999999999 AS integer)");
        assertEquals("22003", m.getSQLState());
        assertEquals("integer out of range", m.getMessage());
    }

    @Test
    void dependentObjectsStillExist() {
        ServerErrorMessage m = fails("DROP TABLE e");
        assertEquals("2BP01", m.getSQLState());
        assertEquals("cannot drop table e because other objects depend on it", m.getMessage());
        assertEquals("view ev depends on table e", m.getDetail());
    }

    @Test
    void featureNotSupported() {
        ServerErrorMessage m = fails("SELECT id FROM e GROUP BY ROLLUP (id)");
        assertEquals("0A000", m.getSQLState());
        assertTrue(m.getMessage().contains("not supported"), m.getMessage());
    }

    @Test
    void constraintViolationsAndNothingApplied() throws SQLException {
        assertEquals("23505", fails("INSERT INTO e VALUES (3, 'c', 1, 1), (1, 'dup', 1, 1)").getSQLState());
        assertEquals("23502", fails("INSERT INTO e VALUES (4, NULL, 1, 1)").getSQLState());
        assertEquals(List.of(List.of("1")), TestServer.rows(conn, "SELECT count(*) FROM e"));
    }

    @Test
    void errorsInTransactionsFailTheBlockUntilRollback() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("BEGIN");
            assertThrows(PSQLException.class, () -> s.execute("SELECT 1/0"));
            PSQLException e = assertThrows(PSQLException.class, () -> s.execute("SELECT 1"));
            assertEquals("25P02", e.getSQLState());
            s.execute("ROLLBACK");
            assertStillUsable();
        }
    }

    @Test
    void preparedStatementErrorsKeepTheSessionUsable() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT 10 / ? FROM e")) {
            ps.setInt(1, 0);
            PSQLException e = assertThrows(PSQLException.class, ps::executeQuery);
            assertEquals("22012", e.getSQLState());
            ps.setInt(1, 5);
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertEquals(2, rs.getInt(1));
            }
        }
    }
}
