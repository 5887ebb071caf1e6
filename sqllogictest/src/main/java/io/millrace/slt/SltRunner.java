package io.millrace.slt;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs sqllogictest scripts through pgjdbc against a server that speaks the PostgreSQL protocol.
 *
 * <p>Each script gets a fresh connection. Relations the script creates are dropped before it runs
 * (left over from an interrupted run) and after it ends, so scripts do not see each other.
 *
 * <p>In {@link Mode#VIEW} every query that reads relations of the script becomes a view as soon as
 * those relations exist (see {@link ViewPlan}), so the script's later writes reach it
 * incrementally; when the query record is reached the view is read and compared as a multiset.
 */
public final class SltRunner {
    /** Where {@code bin/millrace} serves by default. */
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:6876/millrace";
    public static final String DEFAULT_USER = "millrace";

    /** How queries are checked. */
    public enum Mode {
        /** Every record runs as written. */
        QUERY,
        /** Queries become (materialized) views as soon as the relations they read exist. */
        VIEW
    }

    /**
     * How to run.
     *
     * @param mode query or view mode
     * @param statementTimeout per-record timeout (JDBC query timeout); zero for none
     * @param engine the engine label {@code skipif}/{@code onlyif} are matched against
     * @param stopOnFirstFailure stop the run at the first failed record
     * @param failureLog a file that receives every failure, or {@code null}
     * @param viewDdl the DDL that declares a query's view in view mode, {@code CREATE MATERIALIZED VIEW}
     *     by default. {@code CREATE VIEW} is a checking aid: it lets view mode run against stock
     *     PostgreSQL, whose materialized views are not maintained.
     * @param user user for {@link #runAll} and {@link #runSources}
     * @param password password for {@link #runAll} and {@link #runSources} (may be empty)
     */
    public record Options(Mode mode, Duration statementTimeout, String engine, boolean stopOnFirstFailure,
            Path failureLog, String viewDdl, String user, String password, int maxQueries) {
        public Options {
            requireNonNull(mode, "mode is null");
            requireNonNull(statementTimeout, "statementTimeout is null");
            requireNonNull(engine, "engine is null");
            requireNonNull(viewDdl, "viewDdl is null");
            if (!viewDdl.strip().toUpperCase(java.util.Locale.ROOT).startsWith("CREATE ")) {
                throw new IllegalArgumentException("viewDdl must start with CREATE: " + viewDdl);
            }
            viewDdl = viewDdl.strip();
            requireNonNull(user, "user is null");
            password = password == null ? "" : password;
        }

        /** Query mode, 30 s per record, engine {@code postgresql}, user {@code millrace}. */
        public static Options defaults() {
            return new Options(Mode.QUERY, Duration.ofSeconds(30), "postgresql", false, null,
                    "CREATE MATERIALIZED VIEW", DEFAULT_USER, "", 0);
        }

        /** Each script stops after its first {@code n} query records (0: no limit), for samples of big files. */
        public Options withMaxQueries(int n) {
            return new Options(mode, statementTimeout, engine, stopOnFirstFailure, failureLog, viewDdl, user, password, n);
        }

        public Options withMode(Mode m) {
            return new Options(m, statementTimeout, engine, stopOnFirstFailure, failureLog, viewDdl, user, password, maxQueries);
        }

        public Options withStatementTimeout(Duration t) {
            return new Options(mode, t, engine, stopOnFirstFailure, failureLog, viewDdl, user, password, maxQueries);
        }

        public Options withEngine(String e) {
            return new Options(mode, statementTimeout, e, stopOnFirstFailure, failureLog, viewDdl, user, password, maxQueries);
        }

        public Options withStopOnFirstFailure(boolean s) {
            return new Options(mode, statementTimeout, engine, s, failureLog, viewDdl, user, password, maxQueries);
        }

        public Options withFailureLog(Path f) {
            return new Options(mode, statementTimeout, engine, stopOnFirstFailure, f, viewDdl, user, password, maxQueries);
        }

        public Options withViewDdl(String d) {
            return new Options(mode, statementTimeout, engine, stopOnFirstFailure, failureLog, d, user, password, maxQueries);
        }

        public Options withCredentials(String u, String p) {
            return new Options(mode, statementTimeout, engine, stopOnFirstFailure, failureLog, viewDdl, u, p, maxQueries);
        }

        /** {@code DROP <kind>} matching {@link #viewDdl}, e.g. {@code DROP MATERIALIZED VIEW}. */
        String dropViewDdl() {
            return "DROP" + viewDdl.substring("CREATE".length());
        }
    }

    private final Options options;

    public SltRunner(Options options) {
        this.options = requireNonNull(options, "options is null");
    }

    public Options options() {
        return options;
    }

    /** Runs one script file. */
    public FileResult run(Path file, String jdbcUrl, String user, String password) {
        return run(SltSource.file(file), jdbcUrl, user, password);
    }

    /** Runs one script; its failures are appended to the failure log, if any. */
    public FileResult run(SltSource source, String jdbcUrl, String user, String password) {
        FileResult result = new FileRun(options, source, jdbcUrl, user, password).run();
        appendToFailureLog(result);
        return result;
    }

    /**
     * Runs scripts one after the other with the options' credentials, starting a fresh failure log,
     * and reports every file to {@code listener} as it finishes. Stops after the first failing file
     * when the options say so.
     */
    public RunTotals runSources(List<SltSource> sources, String jdbcUrl, Consumer<FileResult> listener) {
        if (options.failureLog() != null) {
            try {
                Files.deleteIfExists(options.failureLog());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reset the failure log " + options.failureLog(), e);
            }
        }
        List<FileResult> results = new ArrayList<>();
        for (SltSource source : sources) {
            FileResult r = run(source, jdbcUrl, options.user(), options.password());
            results.add(r);
            listener.accept(r);
            if (options.stopOnFirstFailure() && r.failed() > 0) {
                break;
            }
        }
        return new RunTotals(results);
    }

    /**
     * The entry point for a server-backed test: runs every script named by {@code paths} (files, or
     * folders searched for {@code .slt} and {@code .test} files) against {@code jdbcUrl}.
     */
    public static RunTotals runAll(List<Path> paths, String jdbcUrl, Options options) {
        List<SltSource> sources = new ArrayList<>();
        for (Path p : paths) {
            try {
                sources.addAll(SltSource.resolve(p.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new SltRunner(options).runSources(sources, jdbcUrl, r -> { });
    }

    private void appendToFailureLog(FileResult result) {
        if (options.failureLog() == null || result.failures().isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (Failure f : result.failures()) {
            sb.append("[").append(options.mode().name().toLowerCase(java.util.Locale.ROOT)).append(" mode] ")
                    .append(f.describe()).append('\n');
        }
        try {
            Path parent = options.failureLog().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(options.failureLog(), sb, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the failure log " + options.failureLog(), e);
        }
    }
}
