package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop and start keep everything; kill -9 loses nothing that was acknowledged. */
class DurabilityTest {
    @TempDir
    Path dir;

    private static final String[] VIEWS = {
        "CREATE MATERIALIZED VIEW totals AS SELECT k % 10 AS bucket, count(*) AS n, sum(v) AS s, max(v) AS hi FROM t GROUP BY k % 10",
        "CREATE MATERIALIZED VIEW big AS SELECT k, v FROM t WHERE v > 500",
        "CREATE MATERIALIZED VIEW joined AS SELECT t.k, n.label FROM t JOIN names n ON n.id = t.k % 3",
    };
    private static final String[] QUERIES = {
        "SELECT k % 10 AS bucket, count(*) AS n, sum(v) AS s, max(v) AS hi FROM t GROUP BY k % 10",
        "SELECT k, v FROM t WHERE v > 500",
        "SELECT t.k, n.label FROM t JOIN names n ON n.id = t.k % 3",
    };
    private static final String[] NAMES = {"totals", "big", "joined"};

    private static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (k bigint PRIMARY KEY, v int)");
            s.execute("CREATE TABLE names (id int, label text)");
            s.execute("INSERT INTO names VALUES (0, 'zero'), (1, 'one'), (2, 'two')");
            for (String v : VIEWS) {
                s.execute(v);
            }
        }
    }

    private static void assertViewsMatchQueries(Connection c) throws SQLException {
        for (int i = 0; i < NAMES.length; i++) {
            assertEquals(TestServer.sortedRows(c, QUERIES[i]), TestServer.sortedRows(c, "SELECT * FROM " + NAMES[i]),
                    "view " + NAMES[i]);
        }
    }

    @Test
    void stopAndStartKeepsTablesAndViewsMaintained() throws SQLException {
        try (TestServer server = TestServer.start(dir)) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                createSchema(c);
                s.execute("INSERT INTO t VALUES (1, 100), (2, 900), (3, 700)");
                s.execute("CREATE VIEW plain AS SELECT k FROM big");
            }
            server.stop();
            server.start();
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                assertEquals(List.of(List.of("2", "900"), List.of("3", "700")), TestServer.sortedRows(c, "SELECT * FROM big"));
                s.execute("INSERT INTO t VALUES (4, 800)");
                s.execute("DELETE FROM t WHERE k = 2");
                assertEquals(List.of(List.of("3"), List.of("4")), TestServer.sortedRows(c, "SELECT * FROM plain"));
                assertViewsMatchQueries(c);
                assertEquals(List.of(List.of("t")), TestServer.rows(c, "SHOW TABLES").subList(1, 2));
            }
        }
    }

    @Test
    void killDashNineLosesNoAcknowledgedWrite() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process server = startProcess(port);
        Set<Long> acknowledged = new TreeSet<>();
        try {
            try (Connection c = connect(port)) {
                createSchema(c);
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    try (Connection c = connect(port);
                            PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                        for (long k = writer; !stop.get(); k += 3) {
                            ps.setLong(1, k);
                            ps.setInt(2, (int) (k * 37 % 1000));
                            ps.executeUpdate();
                            synchronized (acknowledged) {
                                acknowledged.add(k);
                            }
                        }
                    } catch (SQLException expected) {
                        // the server was killed under us
                    }
                });
                t.start();
                writers.add(t);
            }
            Thread.sleep(2500);
            server.destroyForcibly();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
            stop.set(true);
            for (Thread t : writers) {
                t.join();
            }
        } finally {
            server.destroyForcibly();
        }
        assertTrue(acknowledged.size() > 20, "only " + acknowledged.size() + " writes before the kill");
        Process restarted = startProcess(port);
        try (Connection c = connect(port)) {
            Set<Long> present = new TreeSet<>();
            for (List<String> row : TestServer.rows(c, "SELECT k FROM t")) {
                present.add(Long.parseLong(row.get(0)));
            }
            Set<Long> missing = new TreeSet<>(acknowledged);
            missing.removeAll(present);
            assertEquals(Set.of(), missing, "acknowledged rows lost after kill -9");
            assertViewsMatchQueries(c);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO t VALUES (-1, 999)");
            }
            assertViewsMatchQueries(c);
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process startProcess(int port) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--port", Integer.toString(port), "--data-dir", dir.resolve("data").toString(), "--metrics-port", "-1",
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
}
