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

/**
 * Transaction blocks: the block's own writes are visible to its later statements (reads, updates,
 * key checks), other sessions and materialized views see them only at COMMIT, all at once, and
 * ROLLBACK leaves nothing behind.
 */
class TransactionTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws SQLException {
        server = TestServer.startTemporary();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE acc (id int PRIMARY KEY, bal int)");
            s.execute("CREATE MATERIALIZED VIEW total AS SELECT sum(bal) AS s, count(*) AS n FROM acc");
            s.execute("INSERT INTO acc VALUES (1, 100), (2, 50)");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBlockReadsItsOwnWritesAndOthersSeeThemAtCommit() throws SQLException {
        try (Connection c = server.connect(); Connection other = server.connect(); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            assertEquals(1, s.executeUpdate("UPDATE acc SET bal = bal - 30 WHERE id = 1"));
            assertEquals(1, s.executeUpdate("INSERT INTO acc VALUES (3, 5)"));
            // The row inserted above is there to update, count and read.
            assertEquals(1, s.executeUpdate("UPDATE acc SET bal = bal + 1 WHERE id = 3"));
            assertEquals(List.of(List.of("1", "70"), List.of("2", "50"), List.of("3", "6")),
                    TestServer.rows(c, "SELECT * FROM acc ORDER BY id"));
            // A key written earlier in the block is taken.
            SQLException dup = assertThrows(SQLException.class, () -> s.execute("INSERT INTO acc VALUES (3, 0)"));
            assertEquals("23505", dup.getSQLState());
            s.execute("ROLLBACK");
            assertEquals(List.of(List.of("1", "100"), List.of("2", "50")), TestServer.rows(c, "SELECT * FROM acc ORDER BY id"));

            s.execute("BEGIN");
            s.executeUpdate("UPDATE acc SET bal = bal - 30 WHERE id = 1");
            s.executeUpdate("UPDATE acc SET bal = bal + 30 WHERE id = 2");
            s.executeUpdate("DELETE FROM acc WHERE bal = 80");
            assertEquals(List.of(List.of("1", "70")), TestServer.rows(c, "SELECT * FROM acc ORDER BY id"));
            // Not yet for anyone else, nor for the view (maintained at COMMIT, all at once).
            assertEquals(List.of(List.of("1", "100"), List.of("2", "50")),
                    TestServer.rows(other, "SELECT * FROM acc ORDER BY id"));
            assertEquals(List.of(List.of("150", "2")), TestServer.rows(c, "SELECT * FROM total"));
            s.execute("COMMIT");
            assertEquals(List.of(List.of("1", "70")), TestServer.rows(other, "SELECT * FROM acc ORDER BY id"));
            assertEquals(List.of(List.of("70", "1")), TestServer.rows(other, "SELECT * FROM total"));
        }
    }

    /** COMMIT AND CHAIN and ROLLBACK AND CHAIN end the block and start the next one at once, as in PostgreSQL. */
    @Test
    void chainedBlocks() throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE chained (x int)");
            s.execute("BEGIN");
            s.execute("INSERT INTO chained VALUES (1)");
            s.execute("COMMIT AND CHAIN");
            s.execute("INSERT INTO chained VALUES (2)");
            s.execute("ROLLBACK AND CHAIN");
            // Still in a block: the rollback above undid 2, and this insert waits for COMMIT.
            s.execute("INSERT INTO chained VALUES (3)");
            assertThrows(SQLException.class, () -> s.execute("SELECT 1 / 0"));
            s.execute("COMMIT AND CHAIN");
            s.execute("INSERT INTO chained VALUES (4)");
            s.execute("COMMIT");
            assertEquals(List.of(List.of("1"), List.of("4")), TestServer.rows(c, "SELECT x FROM chained ORDER BY x"));
            SQLException outside = assertThrows(SQLException.class, () -> s.execute("COMMIT AND CHAIN"));
            assertEquals("25P01", outside.getSQLState());
            assertEquals("ERROR: COMMIT AND CHAIN can only be used in transaction blocks", outside.getMessage());
        }
    }

    /** RESET goes back to the session's value at connection: what the client sent, else the default. */
    @Test
    void resetReturnsToTheConnectionsSettings() throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("ApplicationName", "ledger");
        // So that pgjdbc sends the name in the startup packet, as psql does (else it SETs it).
        p.setProperty("assumeMinServerVersion", "9.0");
        try (Connection c = server.connect(p); Statement s = c.createStatement()) {
            String settings = "SELECT current_setting('application_name'), current_setting('TimeZone')";
            List<List<String>> atConnection = TestServer.rows(c, settings);
            assertEquals("ledger", atConnection.get(0).get(0));
            s.execute("SET application_name = 'other'");
            s.execute("SET TimeZone = 'Asia/Tokyo'");
            assertEquals(List.of(List.of("other", "Asia/Tokyo")), TestServer.rows(c, settings));
            s.execute("RESET application_name");
            s.execute("RESET ALL");
            assertEquals(atConnection, TestServer.rows(c, settings));
        }
    }
}
