package io.millrace.slt;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Command line:
 *
 * <pre>
 * SltMain [--mode query|view] [--url JDBC_URL] [--user U] [--password P] [--timeout-seconds N]
 *         [--failures FILE] [--engine LABEL] [--view-ddl "CREATE VIEW"] [--stop-on-failure]
 *         [--complete] paths|folders|corpus:PREFIX...
 * </pre>
 *
 * Prints {@code file: N passed, N failed, N skipped (ms)} per script and ends with the line
 * {@code N passed, N failed}. Exits 0 when nothing failed, 1 when something did, 2 on bad usage.
 */
public final class SltMain {
    private static final String USAGE = String.join("\n",
            "usage: SltMain [options] paths|folders|corpus:PREFIX...",
            "  --mode query|view        check queries as written, or as views kept up to date (default query)",
            "  --url URL                JDBC URL (default " + SltRunner.DEFAULT_URL + "; when no server",
            "                           answers there, one is started on a temporary data directory)",
            "  --user USER              (default " + SltRunner.DEFAULT_USER + ")",
            "  --password PASSWORD      (default empty)",
            "  --timeout-seconds N      per-record timeout, 0 for none (default 30)",
            "  --failures FILE          write every failure to FILE",
            "  --engine LABEL           engine label for skipif/onlyif (default postgresql)",
            "  --view-ddl DDL           how view mode declares views (default \"CREATE MATERIALIZED VIEW\");",
            "                           \"CREATE VIEW\" is a checking aid for servers that do not maintain",
            "                           materialized views, such as stock PostgreSQL",
            "  --stop-on-failure        stop at the first failed record",
            "  --max-queries N          run each script only up to its N-th query record (a sample)",
            "  --complete               rewrite the given files with the results the server returns",
            "                           (for writing expected results against a reference server)",
            "  corpus:PREFIX            SQLite corpus files from the classpath, e.g. corpus:test/index/between/");

    private SltMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        SltRunner.Options options = SltRunner.Options.defaults();
        String url = SltRunner.DEFAULT_URL;
        List<String> targets = new ArrayList<>();
        boolean complete = false;
        boolean urlGiven = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--mode" -> options = options.withMode(parseMode(value(args, ++i, a)));
                    case "--url" -> {
                        url = value(args, ++i, a);
                        urlGiven = true;
                    }
                    case "--user" -> options = options.withCredentials(value(args, ++i, a), options.password());
                    case "--password" -> options = options.withCredentials(options.user(), value(args, ++i, a));
                    case "--timeout-seconds" -> options = options.withStatementTimeout(
                            Duration.ofSeconds(Long.parseLong(value(args, ++i, a))));
                    case "--failures" -> options = options.withFailureLog(Path.of(value(args, ++i, a)));
                    case "--engine" -> options = options.withEngine(value(args, ++i, a));
                    case "--view-ddl" -> options = options.withViewDdl(value(args, ++i, a));
                    case "--stop-on-failure" -> options = options.withStopOnFirstFailure(true);
                    case "--max-queries" -> options = options.withMaxQueries(Integer.parseInt(value(args, ++i, a)));
                    case "--complete" -> complete = true;
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        targets.add(a);
                    }
                }
            }
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("no scripts given");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }

        List<SltSource> sources = new ArrayList<>();
        for (String t : targets) {
            try {
                List<SltSource> found = SltSource.resolve(t);
                if (found.isEmpty()) {
                    err.println("no scripts match " + t);
                    return 2;
                }
                sources.addAll(found);
            } catch (IOException e) {
                err.println(e.getMessage());
                return 2;
            }
        }

        io.millrace.server.MillraceServer embedded = null;
        String serverUrl = answers(url, options) ? url : null;
        if (serverUrl == null && !urlGiven) {
            embedded = startEmbedded(err);
            serverUrl = "jdbc:postgresql://127.0.0.1:" + embedded.port() + "/millrace";
        }
        if (serverUrl == null) {
            err.println("no server answers at " + url);
            out.println("0 passed, " + sources.size() + " failed");
            return 1;
        }
        try {
            return complete ? complete(sources, serverUrl, options, out, err)
                    : runAll(sources, serverUrl, options, out, err);
        } finally {
            if (embedded != null) {
                embedded.close();
                deleteTree(embeddedDir);
            }
        }
    }

    private static Path embeddedDir;

    /** A Millrace server of our own on a temporary data directory, for when none runs. */
    private static io.millrace.server.MillraceServer startEmbedded(PrintStream err) {
        try {
            embeddedDir = java.nio.file.Files.createTempDirectory("millrace-slt");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        io.millrace.server.MillraceServer server = io.millrace.server.MillraceServer.start(
                io.millrace.server.ServerConfig.defaults().withPort(0).withMetricsPort(-1).withDataDir(embeddedDir));
        err.println("no server at the default URL; started one on port " + server.port() + " with data in "
                + embeddedDir);
        return server;
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temporary directory
        }
    }

    private static int runAll(List<SltSource> sources, String serverUrl, SltRunner.Options options, PrintStream out,
            PrintStream err) {

        SltRunner runner = new SltRunner(options);
        RunTotals totals = runner.runSources(sources, serverUrl, r -> {
            out.println(r.summary());
            int shown = 0;
            for (Failure f : r.failures()) {
                if (shown++ == 3) {
                    err.println("  ... " + (r.failures().size() - 3) + " more"
                            + (runner.options().failureLog() == null ? " (use --failures FILE)" : ""));
                    break;
                }
                err.println("  " + f.file() + ":" + f.line() + ": " + f.message());
            }
            out.flush();
        });
        out.println(totals.querySummary());
        out.println(totals.summary());
        return totals.failed() == 0 ? 0 : 1;
    }

    /** Whether a server answers at {@code url}. */
    static boolean answers(String url, SltRunner.Options options) {
        Properties p = new Properties();
        p.setProperty("user", options.user());
        if (!options.password().isEmpty()) {
            p.setProperty("password", options.password());
        }
        p.setProperty("connectTimeout", "5");
        try (Connection c = DriverManager.getConnection(url, p)) {
            return c.isValid(10);
        } catch (SQLException e) {
            return false;
        }
    }

    private static int complete(List<SltSource> sources, String url, SltRunner.Options options, PrintStream out,
            PrintStream err) {
        int problems = 0;
        for (SltSource s : sources) {
            if (s.name().startsWith(SltSource.CORPUS_PREFIX)) {
                err.println("cannot complete a corpus file: " + s.name());
                return 2;
            }
            try {
                int p = SltCompleter.complete(Path.of(s.name()), url, options, err);
                out.println(s.name() + ": completed" + (p == 0 ? "" : ", " + p + " records failed"));
                problems += p;
            } catch (IOException e) {
                err.println(s.name() + ": " + e.getMessage());
                problems++;
            }
        }
        return problems == 0 ? 0 : 1;
    }

    private static SltRunner.Mode parseMode(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "query" -> SltRunner.Mode.QUERY;
            case "view" -> SltRunner.Mode.VIEW;
            default -> throw new IllegalArgumentException("--mode must be query or view, not " + s);
        };
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
