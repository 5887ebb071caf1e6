package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE delivers the snapshot, then every change, through JDBC cursors and through psql. */
class SubscribeTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws SQLException {
        server = TestServer.startTemporary();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE events (kind text, n int)");
            s.execute("INSERT INTO events VALUES ('a', 1), ('b', 2)");
            s.execute("CREATE MATERIALIZED VIEW per_kind AS SELECT kind, sum(n) AS total FROM events GROUP BY kind");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> fetch(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 2; i <= n; i++) {
                    sb.append(i > 2 ? "," : "").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Test
    void jdbcCursorGetsSnapshotThenChanges() throws Exception {
        try (Connection sub = server.connect(); Connection writer = server.connect()) {
            sub.setAutoCommit(false);
            try (Statement s = sub.createStatement(); Statement w = writer.createStatement()) {
                s.execute("DECLARE c CURSOR FOR SUBSCRIBE per_kind");
                List<String> snapshot = fetch(s, "FETCH ALL c");
                snapshot.sort(null);
                assertEquals(List.of("1,a,1", "1,b,2"), snapshot);
                w.execute("INSERT INTO events VALUES ('a', 10)");
                List<String> changes = fetch(s, "FETCH ALL c WITH (timeout = '10s')");
                changes.sort(null);
                assertEquals(List.of("-1,a,1", "1,a,11"), changes);
                assertEquals(List.of(), fetch(s, "FETCH ALL c WITH (timeout = '0.2s')"));
                try (ResultSet rs = s.executeQuery("FETCH 1 c WITH (timeout = '0s')")) {
                    assertEquals("mr_timestamp", rs.getMetaData().getColumnName(1));
                    assertEquals("mr_diff", rs.getMetaData().getColumnName(2));
                }
                s.execute("CLOSE c");
            }
            sub.commit();
        }
    }

    @Test
    void subscribeWithoutSnapshotAndWithProgress() throws Exception {
        try (Connection sub = server.connect(); Connection writer = server.connect()) {
            sub.setAutoCommit(false);
            try (Statement s = sub.createStatement(); Statement w = writer.createStatement()) {
                s.execute("DECLARE c CURSOR FOR SUBSCRIBE (SELECT n FROM events WHERE n > 5) "
                        + "WITH (SNAPSHOT = false, PROGRESS = true)");
                w.execute("INSERT INTO events VALUES ('z', 50), ('z', 1)");
                boolean sawRow = false;
                boolean sawProgress = false;
                long deadline = System.currentTimeMillis() + 10_000;
                while (!(sawRow && sawProgress) && System.currentTimeMillis() < deadline) {
                    try (ResultSet rs = s.executeQuery("FETCH ALL c WITH (timeout = '1s')")) {
                        while (rs.next()) {
                            if (rs.getBoolean("mr_progressed")) {
                                sawProgress = true;
                            } else {
                                assertEquals(1, rs.getLong("mr_diff"));
                                assertEquals(50, rs.getInt("n"));
                                sawRow = true;
                            }
                        }
                    }
                }
                assertTrue(sawRow, "no change row");
                assertTrue(sawProgress, "no progress row");
            }
            sub.commit();
        }
    }

    @Test
    void psqlCopySubscribeStreamsChanges() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-h", "127.0.0.1", "-p", Integer.toString(server.port()),
                "-U", "millrace", "millrace", "-c", "COPY (SUBSCRIBE (SELECT kind, n FROM events WHERE kind = 'q')) TO STDOUT");
        pb.redirectErrorStream(true);
        Process psql = pb.start();
        String output;
        try (Connection w = server.connect(); Statement s = w.createStatement()) {
            Thread.sleep(1500);
            s.execute("INSERT INTO events VALUES ('q', 7)");
            s.execute("DELETE FROM events WHERE kind = 'q'");
            Thread.sleep(1000);
            // Ctrl-C: psql sends a cancel request, the server ends the COPY with 57014, psql prints what it got.
            new ProcessBuilder("kill", "-INT", Long.toString(psql.pid())).start().waitFor();
            assertTrue(psql.waitFor(20, TimeUnit.SECONDS), "psql did not stop on Ctrl-C");
            output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            psql.destroyForcibly();
        }
        List<String> lines = output.lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\d+\t1\tq\t7")), output);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\d+\t-1\tq\t7")), output);
        assertTrue(output.contains("canceling statement due to user request"), output);
    }
}
