package io.millrace.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** A real server on a free port over a temporary data directory, for integration tests. */
public final class TestServer implements AutoCloseable {
    private final Path dataDir;
    private final boolean ownsDir;
    private final java.util.function.UnaryOperator<ServerConfig> customize;
    private MillraceServer server;

    private TestServer(Path dataDir, boolean ownsDir, java.util.function.UnaryOperator<ServerConfig> customize) {
        this.dataDir = dataDir;
        this.ownsDir = ownsDir;
        this.customize = customize;
        start();
    }

    public static TestServer start(Path dataDir) {
        return new TestServer(dataDir, false, c -> c);
    }

    public static TestServer startTemporary() {
        return startTemporary(c -> c);
    }

    /** A temporary server whose configuration {@code customize} changes (e.g. its security). */
    public static TestServer startTemporary(java.util.function.UnaryOperator<ServerConfig> customize) {
        try {
            return new TestServer(Files.createTempDirectory("millrace-test"), true, customize);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void start() {
        server = MillraceServer.start(customize.apply(ServerConfig.defaults().withPort(0).withMetricsPort(-1)
                .withDataDir(dataDir).withWorkers(2)));
    }

    public void stop() {
        server.close();
        server = null;
    }

    public int port() {
        return server.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/millrace";
    }

    public Connection connect() throws SQLException {
        return connect(new Properties());
    }

    public Connection connect(Properties extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "millrace");
        p.putAll(extra);
        return DriverManager.getConnection(url(), p);
    }

    /** The rows of a query as lists of strings (getString), in the order returned. */
    public static List<List<String>> rows(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
            return out;
        }
    }

    /** The same rows, sorted, for multiset comparison. */
    public static List<List<String>> sortedRows(Connection c, String sql) throws SQLException {
        List<List<String>> rows = rows(c, sql);
        rows.sort(Comparator.comparing(Object::toString));
        return rows;
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
        if (ownsDir) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** Runs real psql with {@code script} on its standard input against this server; returns what it printed. */
    public String psql(String script) throws Exception {
        Process psql = new ProcessBuilder("psql", "-X", "-h", "127.0.0.1", "-p", Integer.toString(port()),
                "-U", "millrace", "millrace").redirectErrorStream(true).start();
        psql.getOutputStream().write(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        psql.getOutputStream().close();
        String out = new String(psql.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!psql.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            psql.destroyForcibly();
            throw new AssertionError("psql did not finish");
        }
        return out;
    }

    /**
     * The line psql's tab completion makes of {@code partial}: psql runs on a terminal (script(1)),
     * where readline completes, and the line is entered once the completion query has answered.
     */
    public String psqlTabCompletion(String partial) throws Exception {
        String command = "psql -X -h 127.0.0.1 -p " + port() + " -U millrace millrace";
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true);
        builder.environment().put("TERM", "dumb");
        Process psql = builder.start();
        java.util.concurrent.ScheduledExecutorService watchdog = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor();
        watchdog.schedule(psql::destroyForcibly, 60, java.util.concurrent.TimeUnit.SECONDS);
        try {
            java.io.InputStream in = psql.getInputStream();
            StringBuilder seen = new StringBuilder();
            String prompt = "millrace=# ";
            while (seen.indexOf(prompt) < 0) {
                int c = in.read();
                if (c < 0) {
                    throw new AssertionError("psql ended before its prompt: " + seen);
                }
                seen.append((char) c);
            }
            psql.getOutputStream().write((partial + "\t\n\\q\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            psql.getOutputStream().close();
            String out = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
            return out.substring(0, out.indexOf('\r')).strip();
        } finally {
            watchdog.shutdownNow();
            psql.destroyForcibly();
        }
    }
}
