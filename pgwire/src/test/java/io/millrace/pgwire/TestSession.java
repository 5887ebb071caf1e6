package io.millrace.pgwire;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PgSession that understands a handful of fixed statements, enough to drive every path of the
 * protocol:
 * <ul>
 * <li>{@code select all_types}: three rows holding every PgType (typical, edge, all null)</li>
 * <li>{@code echo $1::int4, $2::text, ...}: echoes its parameters back, typed</li>
 * <li>{@code select series(N)}: rows 1..N of int4, resumable with a row limit</li>
 * <li>{@code select N}: one int4</li>
 * <li>{@code select * from T}: 42P01 pointing at T</li>
 * <li>{@code select block}: blocks until cancelled (57014)</li>
 * <li>{@code copy rows(N) to stdout [csv] [header]}: N rows with awkward characters</li>
 * <li>{@code copy endless to stdout}: never ends; counts the batches pulled</li>
 * <li>{@code copy t from stdin [csv]}: (i int4, s text, d date), kept in {@link #copied}</li>
 * <li>{@code select copied}: what COPY FROM stored</li>
 * <li>{@code begin}, {@code commit}, {@code rollback}, {@code set x = y}, {@code notice}, {@code fail sync}</li>
 * </ul>
 */
final class TestSession implements PgSession {
    static final List<ResultColumn> ALL_TYPES_COLUMNS = List.of(
            ResultColumn.of("b", PgType.BOOL), ResultColumn.of("i2", PgType.INT2), ResultColumn.of("i4", PgType.INT4),
            ResultColumn.of("i8", PgType.INT8), ResultColumn.of("f4", PgType.FLOAT4),
            ResultColumn.of("f8", PgType.FLOAT8), ResultColumn.of("n", PgType.NUMERIC),
            ResultColumn.of("t", PgType.TEXT), ResultColumn.of("vc", PgType.VARCHAR),
            ResultColumn.of("bp", PgType.BPCHAR), ResultColumn.of("nm", PgType.NAME),
            ResultColumn.of("d", PgType.DATE), ResultColumn.of("tm", PgType.TIME),
            ResultColumn.of("ts", PgType.TIMESTAMP), ResultColumn.of("tstz", PgType.TIMESTAMPTZ),
            ResultColumn.of("o", PgType.OID));

    static final List<Object[]> ALL_TYPES_ROWS = List.of(
            new Object[] {true, (short) 1, 2, 3L, 1.5f, 0.1, new BigDecimal("12345.6789"), "tab\there", "varchar",
                "bp  ", "name", LocalDate.of(2024, 1, 2), LocalTime.of(3, 4, 5, 500_000_000),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000), Instant.parse("2024-01-02T03:04:05.5Z"),
                (int) 4_000_000_000L},
            new Object[] {false, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE, -3.0e-7f, 1e20,
                new BigDecimal("-0.000012"), "üñí€😀", "", "x", "pg_class", LocalDate.of(1999, 12, 31),
                LocalTime.MIDNIGHT, LocalDateTime.of(1970, 1, 1, 0, 0), Instant.parse("1969-07-20T20:17:40Z"), 0},
            new Object[16]);

    static final List<ResultColumn> COPY_COLUMNS = List.of(ResultColumn.of("i", PgType.INT4),
            ResultColumn.of("s", PgType.TEXT), ResultColumn.of("d", PgType.DATE));

    private static final Pattern ECHO_PARAM = Pattern.compile("\\$(\\d+)::(\\w+)");
    private static final Pattern SERIES = Pattern.compile("select series\\((\\d+)\\)");
    private static final Pattern NUMBER = Pattern.compile("select (-?\\d+)");
    private static final Pattern FROM_TABLE = Pattern.compile("select \\* from (\\w+)");
    private static final Pattern COPY_ROWS = Pattern.compile("copy rows\\((\\d+)\\) to stdout( csv)?( header)?");
    private static final Pattern COPY_IN = Pattern.compile("copy t from stdin( csv)?");
    private static final Pattern SET = Pattern.compile("(?i)set (\\w+) *(?:=| to ) *'?([^']*)'?");

    /** Shared by every session of one test server. */
    static final class Shared {
        final List<TestSession> sessions = new CopyOnWriteArrayList<>();
        final AtomicInteger cancels = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final AtomicLong endlessBatches = new AtomicLong();
        /** Execute calls with a row limit, to see that portals were suspended and resumed. */
        final AtomicInteger limitedExecutes = new AtomicInteger();
        final List<Object[]> copied = new CopyOnWriteArrayList<>();
        volatile CountDownLatch blocking = new CountDownLatch(1);
    }

    record Statement(String sql, int offsetInQuery) implements PgParsedStatement {
    }

    private final Shared shared;
    private final Map<String, String> startup;
    private volatile CountDownLatch cancelled = new CountDownLatch(1);
    private volatile TransactionStatus status = TransactionStatus.IDLE;
    private final Map<String, String> changed = new LinkedHashMap<>();
    private volatile ZoneId zone;
    volatile boolean closed;

    TestSession(Shared shared, Map<String, String> startup) {
        this.shared = shared;
        this.startup = startup;
        this.zone = ZoneId.of(startup.getOrDefault("TimeZone", "UTC"));
        shared.sessions.add(this);
    }

    static PgSessionFactory factory(Shared shared) {
        return parameters -> {
            if ("nosuchdb".equals(parameters.get("database"))) {
                throw new MillraceException(SqlState.UNDEFINED_OBJECT, "database \"nosuchdb\" does not exist");
            }
            return new TestSession(shared, parameters);
        };
    }

    @Override
    public Map<String, String> parameterStatus() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server_version", "15.0 (Millrace test)");
        p.put("server_encoding", "UTF8");
        p.put("client_encoding", "UTF8");
        p.put("DateStyle", "ISO, MDY");
        p.put("TimeZone", zone.getId());
        p.put("integer_datetimes", "on");
        p.put("standard_conforming_strings", "on");
        p.put("application_name", startup.getOrDefault("application_name", ""));
        p.put("is_superuser", "on");
        p.put("session_authorization", startup.get("user"));
        return p;
    }

    @Override
    public synchronized Map<String, String> takeChangedParameters() {
        if (changed.isEmpty()) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>(changed);
        changed.clear();
        return result;
    }

    @Override
    public ZoneId timeZone() {
        return zone;
    }

    @Override
    public TransactionStatus transactionStatus() {
        return status;
    }

    @Override
    public List<PgParsedStatement> parse(String sql) {
        List<PgParsedStatement> statements = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i <= sql.length(); i++) {
            if (i < sql.length() && sql.charAt(i) == '\'') {
                quoted = !quoted;
            }
            if (i == sql.length() || !quoted && sql.charAt(i) == ';') {
                String part = sql.substring(start, i);
                String trimmed = part.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("--")) {
                    int offset = start + part.indexOf(trimmed);
                    if (trimmed.startsWith("syntax error")) {
                        throw new MillraceException(SqlState.SYNTAX_ERROR, "syntax error at or near \"error\"",
                                offset + 8, null, null, null);
                    }
                    statements.add(new Statement(trimmed, offset));
                }
                start = i + 1;
            }
        }
        return statements;
    }

    @Override
    public PgPreparedStatement prepare(PgParsedStatement statement, List<PgType> hints) {
        String sql = statement.sql();
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.startsWith("echo")) {
            List<PgType> types = new ArrayList<>();
            Matcher m = ECHO_PARAM.matcher(sql);
            while (m.find()) {
                int index = Integer.parseInt(m.group(1)) - 1;
                PgType cast = typeNamed(m.group(2));
                PgType hint = index < hints.size() ? hints.get(index) : null;
                types.add(hint != null ? hint : cast);
            }
            List<ResultColumn> columns = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                columns.add(ResultColumn.of("p" + (i + 1), types.get(i)));
            }
            return prepared(types, columns, params -> rowsPortal(columns, List.<Object[]>of(params.toArray())));
        }
        if (lower.equals("select all_types")) {
            return prepared(List.of(), ALL_TYPES_COLUMNS, params -> rowsPortal(ALL_TYPES_COLUMNS, ALL_TYPES_ROWS));
        }
        Matcher m = SERIES.matcher(lower);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            List<ResultColumn> columns = List.of(ResultColumn.of("n", PgType.INT4));
            return prepared(List.of(), columns, params -> {
                List<Object[]> rows = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    rows.add(new Object[] {i});
                }
                return rowsPortal(columns, rows);
            });
        }
        m = NUMBER.matcher(lower);
        if (m.matches()) {
            List<ResultColumn> columns = List.of(ResultColumn.of("?column?", PgType.INT4));
            int value = Integer.parseInt(m.group(1));
            return prepared(List.of(), columns, params -> rowsPortal(columns, List.<Object[]>of(new Object[] {value})));
        }
        if (lower.equals("select copied")) {
            return prepared(List.of(), COPY_COLUMNS, params -> rowsPortal(COPY_COLUMNS, List.copyOf(shared.copied)));
        }
        m = FROM_TABLE.matcher(lower);
        if (m.matches()) {
            failTransaction();
            throw new MillraceException(SqlState.UNDEFINED_TABLE, "relation \"" + m.group(1) + "\" does not exist",
                    m.start(1) + 1, null, null, null);
        }
        if (lower.equals("select block")) {
            List<ResultColumn> columns = List.of(ResultColumn.of("x", PgType.INT4));
            return prepared(List.of(), columns, params -> new OneShotPortal(columns, () -> {
                shared.blocking.countDown();
                awaitCancel();
                return null;
            }));
        }
        m = COPY_ROWS.matcher(lower);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            PgResult.CopyFormat format = m.group(2) != null ? PgResult.CopyFormat.CSV : PgResult.CopyFormat.TEXT;
            if (m.group(3) != null) {
                format = new PgResult.CopyFormat(format.csv(), format.delimiter(), format.nullString(), true,
                        format.quote(), format.escape());
            }
            PgResult.CopyFormat f = format;
            return prepared(List.of(), List.of(), params -> new OneShotPortal(List.of(),
                    () -> new PgResult.CopyOut(COPY_COLUMNS, f, new RowsSource(n), List.of())));
        }
        if (lower.equals("copy endless to stdout")) {
            List<ResultColumn> columns = List.of(ResultColumn.of("line", PgType.TEXT));
            return prepared(List.of(), List.of(), params -> new OneShotPortal(List.of(),
                    () -> new PgResult.CopyOut(columns, PgResult.CopyFormat.TEXT, new EndlessSource(), List.of())));
        }
        m = COPY_IN.matcher(lower);
        if (m.matches()) {
            PgResult.CopyFormat format = m.group(1) != null ? PgResult.CopyFormat.CSV : PgResult.CopyFormat.TEXT;
            return prepared(List.of(), List.of(), params -> new OneShotPortal(List.of(),
                    () -> new PgResult.CopyIn("t", COPY_COLUMNS, format, new CollectingSink(), List.of())));
        }
        switch (lower) {
            case "begin":
            case "start transaction":
                return command("BEGIN", () -> status = TransactionStatus.IN_TRANSACTION);
            case "commit":
            case "end":
                return command(status == TransactionStatus.FAILED ? "ROLLBACK" : "COMMIT",
                        () -> status = TransactionStatus.IDLE);
            case "rollback":
                return command("ROLLBACK", () -> status = TransactionStatus.IDLE);
            case "notice":
                return prepared(List.of(), List.of(), params -> new OneShotPortal(List.of(),
                        () -> new PgResult.Command("DO", List.of("first notice", "second notice"))));
            case "empty result":
                return prepared(List.of(), List.of(), params -> new OneShotPortal(List.of(),
                        () -> new PgResult.Empty(List.of())));
            case "internal error":
                return command("X", () -> {
                    throw new IllegalStateException("something broke");
                });
            default:
                break;
        }
        m = SET.matcher(sql);
        if (m.matches()) {
            String name = m.group(1);
            String value = m.group(2);
            return command("SET", () -> {
                synchronized (this) {
                    if (name.equalsIgnoreCase("timezone")) {
                        zone = ZoneId.of(value);
                        changed.put("TimeZone", value);
                    } else {
                        changed.put(name, value);
                    }
                }
            });
        }
        failTransaction();
        throw new MillraceException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + sql.split(" ")[0] + "\"",
                1, null, null, null);
    }

    private void failTransaction() {
        if (status == TransactionStatus.IN_TRANSACTION) {
            status = TransactionStatus.FAILED;
        }
    }

    private static PgType typeNamed(String name) {
        for (PgType t : PgType.values()) {
            if (t.typname().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new MillraceException(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist");
    }

    private PgPreparedStatement command(String tag, Runnable action) {
        return prepared(List.of(), List.of(), params -> new OneShotPortal(List.of(), () -> {
            action.run();
            return new PgResult.Command(tag, List.of());
        }));
    }

    private void awaitCancel() {
        try {
            if (!cancelled.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never cancelled");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cancelled = new CountDownLatch(1);
        failTransaction();
        throw new MillraceException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
    }

    private static PgPreparedStatement prepared(List<PgType> types, List<ResultColumn> columns,
            Function<List<Object>, PgPortal> binder) {
        return new PgPreparedStatement() {
            @Override
            public List<PgType> parameterTypes() {
                return types;
            }

            @Override
            public List<ResultColumn> resultColumns() {
                return columns;
            }

            @Override
            public PgPortal bind(List<Object> parameters) {
                return binder.apply(parameters);
            }
        };
    }

    private PgPortal rowsPortal(List<ResultColumn> columns, List<Object[]> rows) {
        return new PgPortal() {
            private int next;

            @Override
            public List<ResultColumn> resultColumns() {
                return columns;
            }

            @Override
            public PgResult execute(int maxRows) {
                if (maxRows > 0) {
                    shared.limitedExecutes.incrementAndGet();
                }
                int end = maxRows == 0 ? rows.size() : Math.min(rows.size(), next + maxRows);
                List<Object[]> batch = rows.subList(next, end);
                next = end;
                boolean more = next < rows.size();
                return new PgResult.Rows(batch, more, more ? null : "SELECT " + rows.size(), List.of());
            }

            @Override
            public void close() {
            }
        };
    }

    private static final class OneShotPortal implements PgPortal {
        private final List<ResultColumn> columns;
        private final java.util.function.Supplier<PgResult> run;

        OneShotPortal(List<ResultColumn> columns, java.util.function.Supplier<PgResult> run) {
            this.columns = columns;
            this.run = run;
        }

        @Override
        public List<ResultColumn> resultColumns() {
            return columns;
        }

        @Override
        public PgResult execute(int maxRows) {
            return run.get();
        }

        @Override
        public void close() {
        }
    }

    /** Rows (i, s, d) where s holds characters COPY must escape or quote. */
    static Object[] copyRow(int i) {
        String s = switch (i % 5) {
            case 0 -> "plain " + i;
            case 1 -> "tab\tnewline\nback\\slash";
            case 2 -> "comma, \"quote\"";
            case 3 -> "";
            default -> null;
        };
        return new Object[] {i, s, LocalDate.of(2024, 1, 1).plusDays(i)};
    }

    private static final class RowsSource implements PgResult.CopyRowSource {
        private final int n;
        private int sent;

        RowsSource(int n) {
            this.n = n;
        }

        @Override
        public List<Object[]> next() {
            if (sent >= n) {
                return null;
            }
            List<Object[]> batch = new ArrayList<>();
            while (sent < n && batch.size() < 100) {
                batch.add(copyRow(sent++));
            }
            return batch;
        }

        @Override
        public String commandTag() {
            return "COPY " + n;
        }
    }

    private final class EndlessSource implements PgResult.CopyRowSource {
        private long line;

        @Override
        public List<Object[]> next() {
            if (cancelled.getCount() == 0) {
                cancelled = new CountDownLatch(1);
                throw new MillraceException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
            shared.endlessBatches.incrementAndGet();
            List<Object[]> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(new Object[] {"line " + line++ + " " + "x".repeat(100)});
            }
            return batch;
        }

        @Override
        public String commandTag() {
            return "COPY " + line;
        }
    }

    private final class CollectingSink implements PgResult.CopyRowSink {
        private final List<Object[]> rows = new ArrayList<>();

        @Override
        public void accept(List<Object[]> batch) {
            rows.addAll(batch);
        }

        @Override
        public String finish() {
            shared.copied.clear();
            shared.copied.addAll(rows);
            return "COPY " + rows.size();
        }

        @Override
        public void abort() {
            rows.clear();
        }
    }

    @Override
    public PgPortal executeSimple(PgParsedStatement statement) {
        return prepare(statement, List.of()).bind(Collections.emptyList());
    }

    @Override
    public void sync() {
        if (status == TransactionStatus.FAILED) {
            return;
        }
    }

    @Override
    public void cancel() {
        shared.cancels.incrementAndGet();
        cancelled.countDown();
    }

    @Override
    public void close() {
        closed = true;
        shared.closes.incrementAndGet();
    }
}
