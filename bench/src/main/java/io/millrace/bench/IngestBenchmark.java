package io.millrace.bench;

import io.millrace.server.MillraceServer;
import io.millrace.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Ingest, visibility and point-query figures for a table feeding three materialized views (a
 * filter, a join and a grouped aggregate), each against a baseline measured in the same run:
 * the same ingest into a table no view reads, and a {@code SELECT 1} round trip.
 *
 * <pre>bin/millrace-bench [--url jdbc:postgresql://127.0.0.1:6876/millrace] [--rows 200000] [--batch 1000]
 *     [--samples 2000] [--workers N]</pre>
 */
public final class IngestBenchmark {
    private static final int USERS = 1000;

    private final String url;
    private final int rows;
    private final int batch;
    private final int samples;
    private final Random random = new Random(42);

    private IngestBenchmark(String url, int rows, int batch, int samples) {
        this.url = url;
        this.rows = rows;
        this.batch = batch;
        this.samples = samples;
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        int rows = 200_000;
        int batch = 1000;
        int samples = 2000;
        int workers = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: millrace-bench [--url URL] [--rows N] [--batch N] [--samples N] [--workers N]");
                    System.exit(2);
                }
            }
        }
        MillraceServer server = null;
        Path dir = null;
        if (url == null) {
            dir = Files.createTempDirectory("millrace-bench");
            server = MillraceServer.start(ServerConfig.defaults().withPort(0).withMetricsPort(-1).withDataDir(dir)
                    .withWorkers(workers));
            url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/millrace";
        }
        try {
            System.out.printf(Locale.ROOT, "Millrace ingest benchmark: %d rows in INSERTs of %d rows, %d latency samples, "
                    + "%d cores, %s%n", rows, batch, samples, Runtime.getRuntime().availableProcessors(),
                    server == null ? "server at " + url : "embedded server with " + workers + " workers");
            new IngestBenchmark(url, rows, batch, samples).run();
        } finally {
            if (server != null) {
                server.close();
                deleteTree(dir);
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "millrace");
        return DriverManager.getConnection(url, p);
    }

    private void run() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_plain, bench_events, bench_users CASCADE");
            s.execute("CREATE TABLE bench_plain (id bigint PRIMARY KEY, user_id int, amount int, kind text)");
            s.execute("CREATE TABLE bench_users (id int PRIMARY KEY, name text, tier text)");
            StringBuilder users = new StringBuilder("INSERT INTO bench_users VALUES ");
            for (int u = 0; u < USERS; u++) {
                users.append(u == 0 ? "" : ", ").append('(').append(u).append(", 'user").append(u).append("', '")
                        .append(u % 3 == 0 ? "gold" : "basic").append("')");
            }
            s.execute(users.toString());
            s.execute("CREATE TABLE bench_events (id bigint PRIMARY KEY, user_id int, amount int, kind text)");
            s.execute("CREATE MATERIALIZED VIEW bench_big AS SELECT id, amount FROM bench_events WHERE amount > 900");
            s.execute("CREATE MATERIALIZED VIEW bench_named AS SELECT e.id, u.name, e.amount "
                    + "FROM bench_events e JOIN bench_users u ON e.user_id = u.id");
            s.execute("CREATE MATERIALIZED VIEW bench_per_user AS SELECT user_id, count(*) AS n, sum(amount) AS total "
                    + "FROM bench_events GROUP BY user_id");
        }

        double plain = ingest("bench_plain");
        firstEventId = nextId;
        double withViews = ingest("bench_events");
        System.out.println();
        System.out.println("Ingest through multi-row INSERT (each statement is one durable commit):");
        System.out.printf(Locale.ROOT, "  table read by no view (baseline)   %,12.0f rows/s%n", plain);
        System.out.printf(Locale.ROOT, "  table feeding three views          %,12.0f rows/s   (%.2fx the baseline)%n",
                withViews, withViews / plain);

        double jdbcBatch = ingestJdbcBatch("bench_events", rows);
        System.out.printf(Locale.ROOT, "  pgjdbc executeBatch in a transaction %,10.0f rows/s   (%.2fx the baseline)%n",
                jdbcBatch, jdbcBatch / plain);

        visibility();
        pointQueries();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE bench_plain, bench_events, bench_users CASCADE");
        }
    }

    private long nextId = 0;
    private long firstEventId;

    private String row(long id) {
        return "(" + id + ", " + random.nextInt(USERS) + ", " + random.nextInt(1000) + ", 'k" + (id % 7) + "')";
    }

    /** Inserts {@link #rows} rows in statements of {@link #batch} rows; returns rows per second. */
    private double ingest(String table) throws SQLException {
        long first = nextId;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            long start = System.nanoTime();
            for (long done = 0; done < rows; done += batch) {
                StringBuilder sb = new StringBuilder(batch * 32).append("INSERT INTO ").append(table).append(" VALUES ");
                for (int i = 0; i < batch; i++) {
                    sb.append(i == 0 ? "" : ", ").append(row(nextId++));
                }
                s.execute(sb.toString());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE id >= " + first)) {
                rs.next();
                if (rs.getLong(1) != rows) {
                    throw new IllegalStateException(table + " holds " + rs.getLong(1) + " new rows, expected " + rows);
                }
            }
            return rows / seconds;
        }
    }

    /** Prepared single-row INSERTs sent with executeBatch, committed once per batch. */
    private double ingestJdbcBatch(String table, int count) throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            for (long done = 0; done < count; done += batch) {
                for (int i = 0; i < batch; i++) {
                    long id = nextId++;
                    ps.setLong(1, id);
                    ps.setInt(2, random.nextInt(USERS));
                    ps.setInt(3, random.nextInt(1000));
                    ps.setString(4, "k" + (id % 7));
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Latency of a single-row INSERT until its effect is readable in the aggregate view from
     * another connection: the INSERT's own latency, then how long after the acknowledgement the
     * view shows it.
     */
    private void visibility() throws SQLException {
        Histogram insert = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        Histogram visible = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        Histogram total = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        int spins = 0;
        try (Connection writer = connect(); Connection reader = connect();
                PreparedStatement ins = writer.prepareStatement("INSERT INTO bench_events VALUES (?, ?, ?, 'v')");
                PreparedStatement read = reader.prepareStatement("SELECT n FROM bench_per_user WHERE user_id = ?")) {
            for (int i = 0; i < samples + 200; i++) {
                int user = random.nextInt(USERS);
                read.setInt(1, user);
                long before = count(read);
                ins.setLong(1, nextId++);
                ins.setInt(2, user);
                ins.setInt(3, random.nextInt(1000));
                long t0 = System.nanoTime();
                ins.executeUpdate();
                long t1 = System.nanoTime();
                while (count(read) != before + 1) {
                    spins++;
                }
                long t2 = System.nanoTime();
                if (i >= 200) {
                    insert.recordValue(t1 - t0);
                    visible.recordValue(t2 - t1);
                    total.recordValue(t2 - t0);
                }
            }
        }
        System.out.println();
        System.out.println("Single-row INSERT until readable in the grouped-aggregate view (another connection):");
        print("INSERT acknowledged", insert);
        print("acknowledgement to readable", visible);
        print("INSERT to readable", total);
        System.out.printf(Locale.ROOT, "  reads that did not yet see an acknowledged row: %d%n", spins);
    }

    private static long count(PreparedStatement read) throws SQLException {
        try (ResultSet rs = read.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Point queries by primary key, against a SELECT 1 round trip on the same connection. */
    private void pointQueries() throws SQLException {
        Histogram point = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        Histogram trivial = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT * FROM bench_events WHERE id = ?");
                PreparedStatement one = c.prepareStatement("SELECT 1")) {
            for (int i = 0; i < samples + 200; i++) {
                long t0 = System.nanoTime();
                try (ResultSet rs = one.executeQuery()) {
                    rs.next();
                }
                long t1 = System.nanoTime();
                ps.setLong(1, firstEventId + random.nextInt((int) (nextId - firstEventId)));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("point query found no row");
                    }
                }
                long t2 = System.nanoTime();
                if (i >= 200) {
                    trivial.recordValue(t1 - t0);
                    point.recordValue(t2 - t1);
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Ad hoc point query by primary key over %,d rows (prepared):%n",
                nextId - firstEventId);
        print("SELECT 1 round trip (baseline)", trivial);
        print("SELECT * FROM bench_events WHERE id = $1", point);
        System.out.printf(Locale.ROOT, "  point query p50 / baseline p50: %.2fx%n",
                point.getValueAtPercentile(50) / (double) trivial.getValueAtPercentile(50));
    }

    private static void print(String what, Histogram h) {
        System.out.printf(Locale.ROOT, "  %-42s p50 %8.3f ms   p99 %8.3f ms   max %8.3f ms%n", what,
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
