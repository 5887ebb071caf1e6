package io.millrace.slt;

import static java.util.Objects.requireNonNull;

import io.millrace.slt.ResultFormat.ResultShapeException;
import io.millrace.slt.SltRunner.Mode;
import io.millrace.slt.SltRunner.Options;
import io.millrace.slt.ViewPlan.QueryView;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/** One script run over one connection: the record loop of {@link SltRunner}. */
final class FileRun {
    /** Prefix of the views view mode declares; a per-run tag and the query's line number follow. */
    static final String VIEW_PREFIX = "slt_mv_";
    private static final java.util.concurrent.atomic.AtomicLong RUNS = new java.util.concurrent.atomic.AtomicLong();
    private static final int SHOWN_LINES = 40;
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_$]*");

    private final Options options;
    private final SltSource source;
    private final String url;
    private final String user;
    private final String password;

    private Connection connection;
    /** Set when the connection broke while the current record ran. */
    private boolean broke;
    private int hashThreshold = ResultFormat.DEFAULT_HASH_THRESHOLD;
    private int passed;
    private int queriesPassed;
    private int queriesFailed;
    private int skipped;
    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, String> labels = new HashMap<>();
    private ViewPlan plan;
    private ViewTracker tracker;
    /** Makes this run's view names unique, so runs against one server may overlap. */
    private final String viewTag;
    /** Receives every query's actual result lines (query mode), for completing scripts; may be null. */
    private final ResultSink sink;

    /** Where a completing run sends what each query actually returned. */
    interface ResultSink {
        /** {@code lines} as they would be written after {@code ----}; {@code error} when the query failed. */
        void accept(SltRecord.Query query, List<String> lines, String error);
    }

    FileRun(Options options, SltSource source, String url, String user, String password) {
        this(options, source, url, user, password, null);
    }

    FileRun(Options options, SltSource source, String url, String user, String password, ResultSink sink) {
        this.sink = sink;
        long tag = ProcessHandle.current().pid() * 1_000_003L + RUNS.incrementAndGet();
        this.viewTag = Long.toString(Math.floorMod(tag ^ System.nanoTime(), 36L * 36 * 36 * 36 * 36), 36);
        this.options = requireNonNull(options, "options is null");
        this.source = requireNonNull(source, "source is null");
        this.url = requireNonNull(url, "url is null");
        this.user = requireNonNull(user, "user is null");
        this.password = password;
    }

    /** The records up to and including the {@code max}-th query ({@code max} 0: all of them). */
    static List<SltRecord> limitQueries(List<SltRecord> records, int max) {
        if (max <= 0) {
            return records;
        }
        int queries = 0;
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i) instanceof SltRecord.Query && ++queries == max) {
                return records.subList(0, i + 1);
            }
        }
        return records;
    }

    FileResult run() {
        long start = System.nanoTime();
        List<SltRecord> records;
        try {
            SltScript.Active active = SltParser.parse(source.name(), source.read()).active(options.engine());
            records = limitQueries(active.records(), options.maxQueries());
            skipped = active.skipped();
        } catch (IOException e) {
            fail(0, "", "a readable script", e.toString(), null, "cannot read the script");
            return result(start);
        } catch (SltParseException e) {
            fail(e.line(), "", "a well-formed script", e.getMessage(), null, "parse error");
            return result(start);
        }
        plan = ViewPlan.of(records);
        tracker = new ViewTracker(plan);
        try {
            connection = open();
        } catch (SQLException e) {
            fail(0, "", "a connection to " + url, message(e), e.getSQLState(), "cannot connect");
            return result(start);
        }
        try {
            dropLeftovers();
            for (int i = 0; i < records.size(); i++) {
                int failedBefore = failures.size();
                try {
                    runRecord(i, records.get(i));
                } catch (RuntimeException e) {
                    // A fault of the runner or the driver must not take the whole run down.
                    fail(records.get(i).line(), "", "", e.toString(), null, "runner error");
                }
                if (options.stopOnFirstFailure() && failures.size() > failedBefore) {
                    break;
                }
            }
        } finally {
            try {
                cleanUp();
            } catch (RuntimeException e) {
                fail(0, "", "", e.toString(), null, "runner error while cleaning up");
            }
            closeQuietly();
        }
        return result(start);
    }

    private FileResult result(long startNanos) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        return new FileResult(source.name(), passed, failures.size(), skipped, queriesPassed, queriesFailed, millis,
                failures);
    }

    private void runRecord(int index, SltRecord record) {
        broke = false;
        if (record instanceof SltRecord.HashThreshold h) {
            hashThreshold = h.threshold();
        } else if (record instanceof SltRecord.Statement s) {
            runStatement(index, s);
        } else if (record instanceof SltRecord.Query q) {
            runQuery(index, q);
        }
    }

    // ---- statements

    private void runStatement(int index, SltRecord.Statement s) {
        boolean viewMode = options.mode() == Mode.VIEW;
        if (viewMode) {
            for (QueryView v : tracker.beforeStatement(index, s.line())) {
                dropView(v);
            }
        }
        SQLException error = execute(s.sql());
        boolean ok = error == null;
        boolean brokeHere = broke;
        for (QueryView v : tracker.afterStatement(index, s.line(), ok)) {
            if (viewMode) {
                createView(v);
            }
        }
        boolean pass = (s.expectError() != ok) && !brokeHere;
        if (pass) {
            passed++;
            return;
        }
        String message = brokeHere ? "the connection broke (it is re-opened for the next record)"
                : s.expectError() ? "statement succeeded but an error was expected" : "statement failed";
        fail(s.line(), s.sql(), s.expectError() ? "an error" : "success", ok ? "success" : message(error),
                ok ? null : error.getSQLState(), message);
    }

    // ---- queries

    /** Why a check failed; {@code null} stands for success. */
    private record Mismatch(String expected, String got, String message, String sqlState) {
        Mismatch prefixed(String prefix) {
            return new Mismatch(expected, got, prefix + message, sqlState);
        }
    }

    /** An ad hoc run of a query: its values in the order returned, or why it failed. */
    private record AdHoc(List<String> values, Mismatch error) {}

    private void runQuery(int index, SltRecord.Query q) {
        QueryView view = options.mode() == Mode.VIEW ? plan.view(index) : null;
        Mismatch m;
        if (view == null) {
            m = checkAdHoc(q);
        } else {
            ViewTracker.State state = tracker.state(index);
            if (state == ViewTracker.State.LIVE) {
                m = checkView(q, view);
                dropView(view);
            } else {
                String problem = state == ViewTracker.State.FAILED
                        ? "view mode: creating the view failed: " + tracker.reason(index)
                        : "view mode: the view was not created: " + tracker.reason(index);
                Mismatch adHoc = checkAdHoc(q);
                m = adHoc == null ? new Mismatch(expectedText(q), "(the query passed ad hoc)", problem, null)
                        : adHoc.prefixed(problem + "; ad hoc: ");
            }
            tracker.done(index);
        }
        if (broke) {
            m = new Mismatch(m == null ? expectedText(q) : m.expected(), m == null ? "" : m.got(),
                    "the connection broke (it is re-opened for the next record)", m == null ? null : m.sqlState());
        }
        if (m == null) {
            passed++;
            queriesPassed++;
        } else {
            queriesFailed++;
            fail(q.line(), q.sql(), m.expected(), m.got(), m.sqlState(), m.message());
        }
    }

    private Mismatch checkAdHoc(SltRecord.Query q) {
        AdHoc adHoc = runAdHoc(q);
        if (adHoc.error() != null) {
            if (sink != null) {
                sink.accept(q, null, adHoc.error().got());
            }
            return adHoc.error();
        }
        List<String> sorted = ResultFormat.sort(adHoc.values(), q.sortMode(), q.columnCount());
        if (sink != null) {
            sink.accept(q, ResultFormat.render(sorted, hashThreshold), null);
        }
        Mismatch m = compare(q, ResultFormat.render(sorted, hashThreshold), expectedLines(q, q.sortMode()), sorted);
        return m != null ? m : checkLabel(q, sorted);
    }

    private AdHoc runAdHoc(SltRecord.Query q) {
        try {
            return new AdHoc(select(q.sql(), q.types()), null);
        } catch (SQLException e) {
            noteError(e);
            return new AdHoc(null, new Mismatch(expectedText(q), message(e), "query failed", e.getSQLState()));
        } catch (ResultShapeException e) {
            return new AdHoc(null, new Mismatch(expectedText(q), e.getMessage(), "wrong result shape", null));
        }
    }

    /**
     * Checks a live view against the record: as a multiset (both sides sorted). A {@code nosort}
     * record whose expected result is a hash cannot be compared that way, so the query also runs ad
     * hoc as written, and the view must hold the same multiset as that result.
     */
    private Mismatch checkView(SltRecord.Query q, QueryView view) {
        List<String> viewValues;
        try {
            viewValues = select("SELECT * FROM " + viewName(view), q.types());
        } catch (SQLException e) {
            noteError(e);
            return new Mismatch(expectedText(q), message(e), "view mode: reading the view failed", e.getSQLState());
        } catch (ResultShapeException e) {
            return new Mismatch(expectedText(q), e.getMessage(), "view mode: the view has the wrong shape", null);
        }
        int columns = q.columnCount();
        if (q.expected() != null && q.sortMode() == SortMode.NOSORT && ResultFormat.isHash(q.expected())) {
            AdHoc adHoc = runAdHoc(q);
            if (adHoc.error() != null) {
                return adHoc.error().prefixed("view mode, ad hoc run of a nosort query: ");
            }
            Mismatch m = compare(q, ResultFormat.render(adHoc.values(), hashThreshold), expectedLines(q, SortMode.NOSORT),
                    adHoc.values());
            if (m != null) {
                return m.prefixed("view mode, ad hoc run of a nosort query: ");
            }
            List<String> adHocRows = ResultFormat.sort(adHoc.values(), SortMode.ROWSORT, columns);
            List<String> viewRows = ResultFormat.sort(viewValues, SortMode.ROWSORT, columns);
            if (!adHocRows.equals(viewRows)) {
                return new Mismatch(show(ResultFormat.render(adHocRows, hashThreshold), adHocRows),
                        show(ResultFormat.render(viewRows, hashThreshold), viewRows),
                        "view mode: the view holds a different multiset than the ad hoc query", null);
            }
            return null;
        }
        SortMode mode = q.sortMode() == SortMode.NOSORT ? SortMode.ROWSORT : q.sortMode();
        List<String> sorted = ResultFormat.sort(viewValues, mode, columns);
        Mismatch m = compare(q, ResultFormat.render(sorted, hashThreshold), expectedLines(q, mode), sorted);
        if (m == null && q.sortMode() != SortMode.NOSORT) {
            m = checkLabel(q, sorted);
        }
        return m == null ? null : m.prefixed("view mode: ");
    }

    /** The expected lines, values sorted by {@code mode}; {@code null} when the record expects nothing. */
    private static List<String> expectedLines(SltRecord.Query q, SortMode mode) {
        if (q.expected() == null) {
            return null;
        }
        if (ResultFormat.isHash(q.expected())) {
            return List.of(q.expected().get(0).strip());
        }
        return ResultFormat.sort(ResultFormat.expectedValues(q.expected()), mode, q.columnCount());
    }

    /** Compares rendered lines; {@code values} (what {@code got} was rendered from) only serve the report. */
    private static Mismatch compare(SltRecord.Query q, List<String> got, List<String> expected, List<String> values) {
        if (expected == null || got.equals(expected)) {
            return null;
        }
        String message;
        if (ResultFormat.isHash(expected) || ResultFormat.isHash(got)) {
            message = "wrong result hash";
        } else if (expected.size() != got.size()) {
            message = "wrong result: expected " + expected.size() + " values, got " + got.size();
        } else {
            int k = 0;
            while (expected.get(k).equals(got.get(k))) {
                k++;
            }
            message = "wrong result: value " + (k + 1) + " (row " + (k / q.columnCount() + 1) + ") differs";
        }
        return new Mismatch(show(expected, expected), show(got, values), message, null);
    }

    private Mismatch checkLabel(SltRecord.Query q, List<String> sortedValues) {
        if (q.label() == null) {
            return null;
        }
        String hash = ResultFormat.hashLine(sortedValues);
        String previous = labels.putIfAbsent(q.label(), hash);
        if (previous == null || previous.equals(hash)) {
            return null;
        }
        return new Mismatch(previous, hash, "result differs from an earlier query labelled " + q.label(), null);
    }

    private List<String> select(String sql, String types) throws SQLException, ResultShapeException {
        try (Statement st = connection().createStatement()) {
            applyTimeout(st);
            if (!st.execute(sql)) {
                throw new ResultShapeException("the statement returned no rows");
            }
            try (ResultSet rs = st.getResultSet()) {
                return ResultFormat.read(rs, types);
            }
        }
    }

    // ---- views

    private String viewName(QueryView v) {
        return VIEW_PREFIX + viewTag + "_" + v.query().line();
    }

    private void createView(QueryView v) {
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < v.query().columnCount(); c++) {
            columns.add("c" + c);
        }
        String ddl = options.viewDdl() + " " + viewName(v) + " (" + String.join(", ", columns) + ") AS "
                + stripTrailingSemicolons(v.query().sql());
        SQLException error = execute(ddl);
        if (error == null) {
            tracker.created(v);
        } else {
            String state = error.getSQLState() == null ? "" : " [" + error.getSQLState() + "]";
            tracker.failed(v, message(error) + state);
        }
    }

    private void dropView(QueryView v) {
        execute(options.dropViewDdl() + " IF EXISTS " + viewName(v));
    }

    static String stripTrailingSemicolons(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    // ---- clean-up of relations

    /** Drops what an interrupted earlier run of this script may have left. */
    private void dropLeftovers() {
        List<Map.Entry<String, String>> relations = new ArrayList<>(plan.createdRelations().entrySet());
        Collections.reverse(relations);
        for (Map.Entry<String, String> r : relations) {
            dropRelation(r.getValue(), r.getKey());
        }
    }

    /** Drops the views the runner declared and the relations the script created and left. */
    private void cleanUp() {
        for (QueryView v : tracker.live()) {
            dropView(v);
        }
        List<Map.Entry<String, String>> relations = new ArrayList<>(tracker.existingRelations().entrySet());
        Collections.reverse(relations);
        for (Map.Entry<String, String> r : relations) {
            dropRelation(r.getValue(), r.getKey());
        }
    }

    private void dropRelation(String kind, String name) {
        String sql = "DROP " + kind + " IF EXISTS " + quote(name);
        if (execute(sql + " CASCADE") != null) {
            execute(sql);
        }
    }

    static String quote(String name) {
        return PLAIN_NAME.matcher(name).matches() ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    // ---- connection

    private Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            p.setProperty("password", password);
        }
        // Unnamed statements only: results always come back in text form, as the server renders them.
        p.setProperty("prepareThreshold", "0");
        p.setProperty("ApplicationName", "millrace-slt");
        long timeout = options.statementTimeout().toSeconds();
        if (timeout > 0) {
            // A server that ignores the cancel request still cannot hang the run.
            p.setProperty("socketTimeout", Long.toString(2 * timeout + 30));
        }
        Connection c = DriverManager.getConnection(url, p);
        c.setAutoCommit(true);
        return c;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = open();
        }
        return connection;
    }

    private void applyTimeout(Statement st) throws SQLException {
        long seconds = options.statementTimeout().toSeconds();
        if (seconds > 0) {
            st.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, seconds));
        }
    }

    /** Runs SQL; returns the error, or {@code null} on success. */
    private SQLException execute(String sql) {
        try (Statement st = connection().createStatement()) {
            applyTimeout(st);
            st.execute(sql);
            return null;
        } catch (SQLException e) {
            noteError(e);
            return e;
        }
    }

    /** After an error: if the connection is gone, close it so the next record opens a new one. */
    private void noteError(SQLException e) {
        boolean closed;
        try {
            closed = connection == null || connection.isClosed();
        } catch (SQLException x) {
            closed = true;
        }
        String state = e.getSQLState();
        if (closed || state != null && state.startsWith("08")) {
            broke = true;
            closeQuietly();
        }
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being discarded
            }
            connection = null;
        }
    }

    // ---- reporting

    private void fail(int line, String sql, String expected, String got, String sqlState, String message) {
        failures.add(new Failure(source.name(), line, sql, expected, got, sqlState, message));
    }

    private static String expectedText(SltRecord.Query q) {
        return q.expected() == null ? "(any result)" : show(q.expected(), q.expected());
    }

    /** Joins lines for a report, cut to a readable length; a hash line is followed by a few values. */
    private static String show(List<String> lines, List<String> values) {
        StringBuilder sb = new StringBuilder();
        List<String> shown = lines.size() > SHOWN_LINES ? lines.subList(0, SHOWN_LINES) : lines;
        sb.append(shown.isEmpty() ? "(no rows)" : String.join("\n", shown));
        if (lines.size() > SHOWN_LINES) {
            sb.append("\n... ").append(lines.size() - SHOWN_LINES).append(" more");
        }
        if (lines != values && ResultFormat.isHash(lines) && !values.isEmpty()) {
            List<String> first = values.size() > 12 ? values.subList(0, 12) : values;
            sb.append("\n(first values: ").append(String.join(" ", first)).append(values.size() > 12 ? " ..." : "")
                    .append(')');
        }
        return sb.toString();
    }

    private static String message(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
