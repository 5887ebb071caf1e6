package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * Savepoints in a transaction block: ROLLBACK TO undoes the block's writes since the savepoint
 * (and ends a failure), RELEASE forgets savepoints, and COMMIT applies exactly the writes left,
 * to the tables and their materialized views at once. Errors and command tags are PostgreSQL 15's.
 */
class SavepointTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws SQLException {
        server = TestServer.startTemporary();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id int PRIMARY KEY, qty int)");
            s.execute("CREATE MATERIALIZED VIEW stock AS SELECT count(*) AS n, sum(qty) AS total FROM items");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Empties the table (each test starts from no rows). */
    private static void clear(Statement s) throws SQLException {
        s.execute("DELETE FROM items");
    }

    private static List<List<String>> items(Connection c) throws SQLException {
        return TestServer.rows(c, "SELECT id, qty FROM items ORDER BY id");
    }

    private static List<List<String>> rows(String... idAndQty) {
        List<List<String>> out = new java.util.ArrayList<>();
        for (int i = 0; i < idAndQty.length; i += 2) {
            out.add(List.of(idAndQty[i], idAndQty[i + 1]));
        }
        return out;
    }

    private static String sqlState(Statement s, String sql) {
        return assertThrows(SQLException.class, () -> s.execute(sql), sql).getSQLState();
    }

    @Test
    void rollingBackToTheMiddleOfNestedSavepoints() throws SQLException {
        try (Connection c = server.connect(); Connection other = server.connect(); Statement s = c.createStatement()) {
            clear(s);
            s.execute("BEGIN");
            s.execute("INSERT INTO items VALUES (1, 10)");
            s.execute("SAVEPOINT a");
            s.execute("INSERT INTO items VALUES (2, 20)");
            s.execute("UPDATE items SET qty = qty + 1 WHERE id = 1");
            s.execute("SAVEPOINT b");
            s.execute("DELETE FROM items WHERE id = 2");
            s.execute("INSERT INTO items VALUES (3, 30)");
            s.execute("SAVEPOINT c");
            s.execute("UPDATE items SET qty = 0");
            assertEquals(rows("1", "0", "3", "0"), items(c));
            s.execute("ROLLBACK TO SAVEPOINT b");
            assertEquals(rows("1", "11", "2", "20"), items(c));
            // c was after b: gone. b itself stays, to roll back to again.
            assertEquals("3B001", sqlState(s, "ROLLBACK TO c"));
            s.execute("ROLLBACK TO b");
            // The key deleted after b is there again, so it is taken.
            assertEquals("23505", sqlState(s, "INSERT INTO items VALUES (2, 0)"));
            s.execute("ROLLBACK TO b");
            s.execute("INSERT INTO items VALUES (4, 40)");
            s.execute("RELEASE SAVEPOINT b");
            assertEquals("3B001", sqlState(s, "RELEASE b"));
            s.execute("ROLLBACK TO a");
            s.execute("INSERT INTO items VALUES (5, 50)");
            assertEquals(rows("1", "10", "5", "50"), items(c));
            // Nothing shows elsewhere, nor in the view, until COMMIT.
            assertEquals(List.of(), items(other));
            assertEquals(List.of(java.util.Arrays.asList("0", null)), TestServer.rows(other, "SELECT n, total FROM stock"));
            s.execute("COMMIT");
            assertEquals(rows("1", "10", "5", "50"), items(other));
            assertEquals(List.of(List.of("2", "60")), TestServer.rows(other, "SELECT n, total FROM stock"));
            assertEquals(TestServer.rows(other, "SELECT count(*), sum(qty) FROM items"),
                    TestServer.rows(other, "SELECT n, total FROM stock"));
        }
    }

    @Test
    void theNewestSavepointOfANameIsTheOneNamed() throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            clear(s);
            s.execute("BEGIN");
            s.execute("SAVEPOINT x");
            s.execute("INSERT INTO items VALUES (1, 1)");
            s.execute("SAVEPOINT X");
            s.execute("INSERT INTO items VALUES (2, 2)");
            s.execute("ROLLBACK TO x");
            assertEquals(rows("1", "1"), items(c));
            // Releases the second x; the first is found next.
            s.execute("RELEASE x");
            s.execute("ROLLBACK TO x");
            assertEquals(List.of(), items(c));
            s.execute("RELEASE x");
            assertEquals("3B001", sqlState(s, "ROLLBACK TO x"));
            s.execute("ROLLBACK");
            // A quoted name keeps its case.
            s.execute("BEGIN");
            s.execute("SAVEPOINT \"Mixed\"");
            assertEquals("3B001", sqlState(s, "RELEASE mixed"));
            s.execute("ROLLBACK TO \"Mixed\"");
            s.execute("RELEASE \"Mixed\"");
            s.execute("COMMIT");
        }
    }

    @Test
    void rollbackToEndsAFailedTransaction() throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            clear(s);
            s.execute("INSERT INTO items VALUES (9, 90)");
            s.execute("BEGIN");
            s.execute("INSERT INTO items VALUES (1, 10)");
            s.execute("SAVEPOINT before_batch");
            // The first row is new, the second's key is taken: nothing of the statement may remain.
            assertEquals("23505", sqlState(s, "INSERT INTO items VALUES (2, 20), (9, 0)"));
            assertEquals("25P02", sqlState(s, "SELECT 1"));
            assertEquals("25P02", sqlState(s, "SAVEPOINT another"));
            assertEquals("25P02", sqlState(s, "RELEASE before_batch"));
            assertEquals("25P02", sqlState(s, "BEGIN"));
            // An unknown name is an error, and the transaction stays failed.
            assertEquals("3B001", sqlState(s, "ROLLBACK TO nowhere"));
            assertEquals("25P02", sqlState(s, "SELECT 1"));
            s.execute("ROLLBACK TO before_batch");
            assertEquals(rows("1", "10", "9", "90"), items(c));
            s.execute("INSERT INTO items VALUES (2, 20)");
            s.execute("COMMIT");
            assertEquals(rows("1", "10", "2", "20", "9", "90"), items(c));
            assertEquals(List.of(List.of("3", "120")), TestServer.rows(c, "SELECT n, total FROM stock"));
        }
    }

    @Test
    void savepointStatementsOutsideABlockAreErrors() throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            for (String sql : List.of("SAVEPOINT a", "RELEASE SAVEPOINT a", "ROLLBACK TO SAVEPOINT a")) {
                PSQLException e = assertThrows(PSQLException.class, () -> s.execute(sql));
                assertEquals("25P01", e.getSQLState());
                assertEquals(sql.substring(0, sql.length() - 2) + " can only be used in transaction blocks",
                        e.getServerErrorMessage().getMessage());
            }
            assertEquals(List.of(List.of("1")), TestServer.rows(c, "SELECT 1"));
        }
    }

    @Test
    void rollbackToClosesTheCursorsDeclaredAfterTheSavepoint() throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("DECLARE before CURSOR FOR SELECT 1");
            s.execute("SAVEPOINT a");
            s.execute("DECLARE inside CURSOR FOR SELECT 2");
            s.execute("SAVEPOINT b");
            s.execute("DECLARE released CURSOR FOR SELECT 3");
            s.execute("RELEASE b");
            assertEquals(List.of(List.of("before"), List.of("inside"), List.of("released")),
                    TestServer.rows(c, "SELECT name FROM pg_cursors ORDER BY name"));
            s.execute("ROLLBACK TO a");
            assertEquals(List.of(List.of("before")), TestServer.rows(c, "SELECT name FROM pg_cursors"));
            assertEquals(List.of(List.of("1")), TestServer.rows(c, "FETCH 1 FROM before"));
            s.execute("ROLLBACK");
        }
    }

    @Test
    void jdbcSavepoints() throws SQLException {
        try (Connection c = server.connect(); Connection other = server.connect(); Statement s = c.createStatement()) {
            clear(s);
            c.setAutoCommit(false);
            s.execute("INSERT INTO items VALUES (1, 10)");
            Savepoint unnamed = c.setSavepoint();
            s.execute("INSERT INTO items VALUES (2, 20)");
            Savepoint named = c.setSavepoint("Second Thoughts");
            s.execute("INSERT INTO items VALUES (3, 30)");
            c.rollback(named);
            assertEquals(rows("1", "10", "2", "20"), items(c));
            c.releaseSavepoint(named);
            c.rollback(unnamed);
            assertEquals(rows("1", "10"), items(c));
            s.execute("UPDATE items SET qty = 11");
            assertEquals(List.of(), items(other));
            c.commit();
            assertEquals(rows("1", "11"), items(other));
            assertEquals(List.of(List.of("1", "11")), TestServer.rows(other, "SELECT n, total FROM stock"));
        }
    }

    @Test
    void pgjdbcAutosaveKeepsATransactionGoingAfterAFailedStatement() throws SQLException {
        for (boolean cleanup : new boolean[] {false, true}) {
            Properties props = new Properties();
            props.setProperty("autosave", "always");
            // With cleanupSavepoints pgjdbc also RELEASEs each statement's savepoint.
            props.setProperty("cleanupSavepoints", Boolean.toString(cleanup));
            try (Connection c = server.connect(props); Statement s = c.createStatement()) {
                clear(s);
                c.setAutoCommit(false);
                s.execute("INSERT INTO items VALUES (1, 10)");
                SQLException dup = assertThrows(SQLException.class, () -> s.execute("INSERT INTO items VALUES (2, 20), (1, 0)"));
                assertEquals("23505", dup.getSQLState());
                assertEquals("22012", assertThrows(SQLException.class, () -> s.execute("SELECT 1/0")).getSQLState());
                // An error while the statement is prepared, not run.
                assertEquals("42P01", assertThrows(SQLException.class, () -> s.execute("SELECT * FROM nowhere"))
                        .getSQLState());
                try (var ps = c.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
                    ps.setInt(1, 3);
                    ps.setInt(2, 30);
                    assertEquals(1, ps.executeUpdate());
                    assertThrows(SQLException.class, ps::executeUpdate);
                }
                assertEquals(rows("1", "10", "3", "30"), items(c));
                c.commit();
                assertEquals(List.of(List.of("2", "40")), TestServer.rows(c, "SELECT n, total FROM stock"));
            }
        }
    }

    @Test
    void psqlShowsPostgresqlsTagsAndMessages() throws Exception {
        // What PostgreSQL 15 prints for the same script.
        assertEquals("""
                CREATE TABLE sp (id int PRIMARY KEY);
                CREATE TABLE
                SAVEPOINT a;
                ERROR:  SAVEPOINT can only be used in transaction blocks
                RELEASE SAVEPOINT a;
                ERROR:  RELEASE SAVEPOINT can only be used in transaction blocks
                ROLLBACK TO a;
                ERROR:  ROLLBACK TO SAVEPOINT can only be used in transaction blocks
                BEGIN;
                BEGIN
                RELEASE a;
                ERROR:  savepoint "a" does not exist
                ROLLBACK;
                ROLLBACK
                BEGIN;
                BEGIN
                SAVEPOINT a;
                SAVEPOINT
                INSERT INTO sp VALUES (1);
                INSERT 0 1
                SAVEPOINT "B";
                SAVEPOINT
                INSERT INTO sp VALUES (2);
                INSERT 0 1
                ROLLBACK TO b;
                ERROR:  savepoint "b" does not exist
                ROLLBACK TO "B";
                ROLLBACK
                SELECT id FROM sp ORDER BY id;
                 id\s
                ----
                  1
                (1 row)

                RELEASE "B";
                RELEASE
                SELECT 1/0;
                ERROR:  division by zero
                SAVEPOINT c;
                ERROR:  current transaction is aborted, commands ignored until end of transaction block
                RELEASE a;
                ERROR:  current transaction is aborted, commands ignored until end of transaction block
                ROLLBACK TO c;
                ERROR:  savepoint "c" does not exist
                ROLLBACK TO a;
                ROLLBACK
                SELECT id FROM sp ORDER BY id;
                 id\s
                ----
                (0 rows)

                INSERT INTO sp VALUES (3);
                INSERT 0 1
                COMMIT;
                COMMIT
                SELECT id FROM sp ORDER BY id;
                 id\s
                ----
                  3
                (1 row)

                """, server.psql("""
                \\set ECHO all
                CREATE TABLE sp (id int PRIMARY KEY);
                SAVEPOINT a;
                RELEASE SAVEPOINT a;
                ROLLBACK TO a;
                BEGIN;
                RELEASE a;
                ROLLBACK;
                BEGIN;
                SAVEPOINT a;
                INSERT INTO sp VALUES (1);
                SAVEPOINT "B";
                INSERT INTO sp VALUES (2);
                ROLLBACK TO b;
                ROLLBACK TO "B";
                SELECT id FROM sp ORDER BY id;
                RELEASE "B";
                SELECT 1/0;
                SAVEPOINT c;
                RELEASE a;
                ROLLBACK TO c;
                ROLLBACK TO a;
                SELECT id FROM sp ORDER BY id;
                INSERT INTO sp VALUES (3);
                COMMIT;
                SELECT id FROM sp ORDER BY id;
                """));
    }
}
