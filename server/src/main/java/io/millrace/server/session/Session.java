package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.parser.MillraceParser;
import io.millrace.parser.ParsedStatement;
import io.millrace.parser.ddl.SqlCloseCursor;
import io.millrace.parser.ddl.SqlCopy;
import io.millrace.parser.ddl.SqlCreateIndex;
import io.millrace.parser.ddl.SqlCreateRole;
import io.millrace.parser.ddl.SqlDropRole;
import io.millrace.parser.ddl.SqlReturning;
import io.millrace.parser.ddl.SqlRoleStatement;
import io.millrace.parser.ddl.SqlCreateTable;
import io.millrace.parser.ddl.SqlCreateView;
import io.millrace.parser.ddl.SqlDeallocate;
import io.millrace.parser.ddl.SqlDeclareCursor;
import io.millrace.parser.ddl.SqlDropObjects;
import io.millrace.parser.ddl.SqlExplainStatement;
import io.millrace.parser.ddl.SqlFetch;
import io.millrace.parser.ddl.SqlResetVariable;
import io.millrace.parser.ddl.SqlSetVariable;
import io.millrace.parser.ddl.SqlShow;
import io.millrace.parser.ddl.SqlSubscribe;
import io.millrace.parser.ddl.SqlTransactionStatement;
import io.millrace.pgwire.PgParsedStatement;
import io.millrace.pgwire.PgPortal;
import io.millrace.pgwire.PgPreparedStatement;
import io.millrace.pgwire.PgResult;
import io.millrace.pgwire.PgSession;
import io.millrace.pgwire.PgType;
import io.millrace.pgwire.ResultColumn;
import io.millrace.planner.Planner;
import io.millrace.server.catalog.SessionCatalog;
import io.millrace.server.catalog.SystemCatalog;
import io.millrace.server.engine.CancelToken;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's session: its settings, its transaction, its cursors. It sorts each statement to
 * the code that prepares it; errors inside a transaction block leave the transaction failed until
 * it ends or rolls back to a savepoint, as in PostgreSQL.
 */
public final class Session implements PgSession {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    final ServerContext server;
    final SessionSettings settings;
    final String user;
    final String database;
    final CancelToken cancel = new CancelToken();
    /** What this session's nextval, currval, setval and lastval act on. */
    final SessionSequences sequences;
    final Transaction transaction = new Transaction();
    final Cursors cursors;
    private final QueryStatements queries;
    private final WriteStatements writes;
    private final DdlStatements ddl;
    private final StreamStatements streams;

    Session(ServerContext server, String user, String database, Map<String, String> startup) {
        this.server = server;
        this.sequences = new SessionSequences(server);
        this.user = user;
        this.database = database;
        this.settings = new SessionSettings(user, server.serverVersion(), startup);
        this.cursors = new Cursors();
        this.queries = new QueryStatements(this);
        this.writes = new WriteStatements(this);
        this.ddl = new DdlStatements(this);
        this.streams = new StreamStatements(this);
    }

    Planner planner() {
        return new Planner(catalogAccess());
    }

    /** The catalog as this session's statements see it now. */
    SessionCatalog catalogAccess() {
        return new SessionCatalog(server.catalog().current(), catalogView(), "PostgreSQL "
                + server.serverVersion() + " on " + System.getProperty("os.arch") + "-" + System.getProperty("os.name")
                .toLowerCase(java.util.Locale.ROOT) + ", 64-bit");
    }

    /** The schemas of the search_path setting that exist, in order ("$user" names the user's schema). */
    List<String> searchPath() {
        List<String> path = new ArrayList<>();
        for (String part : settings.get("search_path").split(",")) {
            String name = part.strip();
            name = name.startsWith("\"") && name.endsWith("\"") && name.length() > 1
                    ? name.substring(1, name.length() - 1) : name.toLowerCase(java.util.Locale.ROOT);
            if (name.equals("$user")) {
                name = user;
            }
            if (server.catalog().current().hasSchema(name) || SystemCatalog.schemaNames().contains(name)) {
                path.add(name);
            }
        }
        return path;
    }

    /** What the system catalogs show of this session. */
    private SystemCatalog.SessionView catalogView() {
        return new SystemCatalog.SessionView() {
            @Override
            public String user() {
                return user;
            }

            @Override
            public String database() {
                return database;
            }

            @Override
            public List<String> searchPath() {
                return Session.this.searchPath();
            }

            @Override
            public java.time.Instant serverStartTime() {
                return server.counters().started;
            }

            @Override
            public long storedBytes(long relationId, boolean withState) {
                return server.coordinator().storedBytes(relationId, withState);
            }

            @Override
            public Map<String, String> settings() {
                Map<String, String> all = new java.util.TreeMap<>();
                for (String name : SessionSettings.names()) {
                    all.put(name, settings.get(name));
                }
                return all;
            }

            @Override
            public String settingDescription(String name) {
                return SessionSettings.description(name);
            }

            @Override
            public String settingSource(String name) {
                return settings.source(name);
            }

            @Override
            public String settingBootValue(String name) {
                return settings.bootValue(name);
            }

            @Override
            public String settingResetValue(String name) {
                return settings.resetValue(name);
            }

            @Override
            public java.util.Collection<io.millrace.server.catalog.Roles.Role> roles() {
                return server.roles().all();
            }

            @Override
            public io.millrace.server.catalog.SequenceState sequenceState(long id) {
                return server.sequences().state(id);
            }

            @Override
            public List<SystemCatalog.Cursor> cursors() {
                return cursors.describe();
            }
        };
    }

    ZoneId zone() {
        return settings.zone();
    }

    WriteStatements writes() {
        return writes;
    }

    QueryStatements queries() {
        return queries;
    }

    @Override
    public Map<String, String> parameterStatus() {
        return settings.reported();
    }

    @Override
    public Map<String, String> takeChangedParameters() {
        return settings.takeChanged();
    }

    @Override
    public ZoneId timeZone() {
        return settings.zone();
    }

    /** The connection's prepared statements, for DEALLOCATE. */
    private PreparedStatements statements;

    @Override
    public void attach(PreparedStatements statements) {
        this.statements = statements;
    }

    @Override
    public List<ResultColumn> cursorColumns(String name) {
        Cursors.Cursor c = cursors.find(name);
        return c == null ? null : c.columns();
    }

    @Override
    public TransactionStatus transactionStatus() {
        return transaction.status();
    }

    /** A parsed statement and where it sits in the query string. */
    record Parsed(ParsedStatement statement) implements PgParsedStatement {
        @Override
        public String sql() {
            return statement.text();
        }

        @Override
        public int offsetInQuery() {
            return statement.offset();
        }
    }

    @Override
    public List<PgParsedStatement> parse(String sql) {
        List<PgParsedStatement> out = new ArrayList<>();
        for (ParsedStatement s : MillraceParser.parseStatements(sql)) {
            out.add(new Parsed(s));
        }
        return out;
    }

    @Override
    public PgPreparedStatement prepare(PgParsedStatement statement, List<PgType> parameterTypeHints) {
        ParsedStatement s = ((Parsed) statement).statement();
        try {
            return guard(prepare(s, parameterTypeHints));
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            throw failed(e);
        }
    }

    @Override
    public PgPortal executeSimple(PgParsedStatement statement) {
        PgPreparedStatement p = prepare(statement, List.of());
        return p.bind(List.of());
    }

    /** Wraps a statement so an error while binding or running it fails the transaction. */
    private PgPreparedStatement guard(PgPreparedStatement p) {
        return new PgPreparedStatement() {
            @Override
            public List<PgType> parameterTypes() {
                return p.parameterTypes();
            }

            @Override
            public List<ResultColumn> resultColumns() {
                return p.resultColumns();
            }

            @Override
            public PgPortal bind(List<Object> parameters) {
                PgPortal portal;
                try {
                    portal = p.bind(parameters);
                } catch (RuntimeException | AssertionError | StackOverflowError e) {
                    throw failed(e);
                }
                return new PgPortal() {
                    @Override
                    public List<ResultColumn> resultColumns() {
                        return portal.resultColumns();
                    }

                    @Override
                    public PgResult execute(int maxRows) {
                        server.counters().statements.incrementAndGet();
                        ScheduledFuture<?> timeout = startTimeout();
                        try {
                            return portal.execute(maxRows);
                        } catch (RuntimeException | AssertionError | StackOverflowError e) {
                            throw failed(e);
                        } finally {
                            if (timeout != null) {
                                timeout.cancel(false);
                            }
                            cancel.reset();
                        }
                    }

                    @Override
                    public void close() {
                        portal.close();
                    }
                };
            }
        };
    }

    private ScheduledFuture<?> startTimeout() {
        long ms = settings.statementTimeoutMillis();
        if (ms <= 0) {
            return null;
        }
        return server.timers().schedule(() -> cancel.cancel("canceling statement due to statement timeout"), ms,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Records an error: the transaction block, if any, is now failed. Anything that is not a
     * MillraceException is a bug (Calcite reports some of its own as AssertionError); it becomes an
     * XX000 error for the client, whose session stays usable, and is logged with its stack.
     */
    private RuntimeException failed(Throwable e) {
        server.counters().errors.incrementAndGet();
        transaction.fail();
        if (e instanceof MillraceException m) {
            return m;
        }
        if (e instanceof StackOverflowError) {
            return new MillraceException(SqlState.PROGRAM_LIMIT_EXCEEDED, "statement is too deeply nested", e);
        }
        LOG.error("internal error in session of {}", user, e);
        return new MillraceException(SqlState.INTERNAL_ERROR, "internal error: " + e, e);
    }

    private PgPreparedStatement prepare(ParsedStatement s, List<PgType> hints) {
        SqlNode node = s.node();
        if (transaction.isFailed() && !allowedInFailedBlock(node)) {
            throw new MillraceException(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        if (node instanceof SqlTransactionStatement t) {
            return PreparedStatementImpl.of(List.of(), () -> transaction(t));
        }
        if (node instanceof SqlCreateTable c) {
            return PreparedStatementImpl.of(List.of(), () -> ddl.createTable(c, s.text()));
        }
        if (node instanceof io.millrace.parser.ddl.SqlCreateTableAs c) {
            return PreparedStatementImpl.of(List.of(), () -> ddl.createTableAs(c));
        }
        if (node instanceof SqlCreateView c) {
            return PreparedStatementImpl.of(List.of(), () -> ddl.createView(c, s.text()));
        }
        if (node instanceof SqlCreateRole c) {
            return PreparedStatementImpl.of(List.of(), () -> ddl.role(c.statement()));
        }
        if (node instanceof SqlDropRole d) {
            return PreparedStatementImpl.of(List.of(), () -> ddl.role(d.statement()));
        }
        if (node instanceof SqlRoleStatement r) {
            return PreparedStatementImpl.of(List.of(), () -> ddl.role(r));
        }
        if (node instanceof SqlCreateIndex c) {
            return PreparedStatementImpl.of(List.of(), () -> ddl.createIndex(c, s.text()));
        }
        if (node instanceof io.millrace.parser.ddl.SqlCreateSequence c) {
            return PreparedStatementImpl.of(List.of(), () -> ddl.createSequence(c));
        }
        if (node instanceof io.millrace.parser.ddl.SqlCreateSchema c) {
            return PreparedStatementImpl.of(List.of(), () -> ddl.createSchema(c, s.text()));
        }
        if (node instanceof SqlDropObjects d) {
            return PreparedStatementImpl.of(List.of(), () -> ddl.drop(d));
        }
        if (node instanceof SqlShow show) {
            return queries.show(show);
        }
        if (node instanceof SqlSetVariable set) {
            return PreparedStatementImpl.of(List.of(), () -> set(set));
        }
        if (node instanceof SqlResetVariable reset) {
            return PreparedStatementImpl.of(List.of(), () -> {
                if (reset.all()) {
                    settings.resetAll();
                } else {
                    settings.reset(reset.name());
                }
                return Outcome.command("RESET");
            });
        }
        if (node instanceof SqlExplainStatement explain) {
            return queries.explain(explain);
        }
        if (node instanceof SqlSubscribe sub) {
            return streams.subscribe(sub);
        }
        if (node instanceof SqlDeclareCursor declare) {
            return streams.declare(declare, s.text(), hints);
        }
        if (node instanceof SqlFetch fetch) {
            return streams.fetch(fetch);
        }
        if (node instanceof SqlCloseCursor close) {
            return PreparedStatementImpl.of(List.of(), () -> {
                if (close.all()) {
                    cursors.closeAll();
                } else {
                    cursors.close(close.cursorName());
                }
                return Outcome.command("CLOSE CURSOR");
            });
        }
        if (node instanceof SqlDeallocate d) {
            return PreparedStatementImpl.of(List.of(), () -> deallocate(d));
        }
        if (node instanceof SqlCopy copy) {
            return streams.copy(copy, s.text());
        }
        SqlKind kind = node.getKind();
        if (kind == SqlKind.INSERT || kind == SqlKind.UPDATE || kind == SqlKind.DELETE
                || node instanceof SqlReturning) {
            return writes.prepare(s.text(), node, hints);
        }
        if (kind.belongsTo(SqlKind.QUERY) || kind == SqlKind.ORDER_BY || kind == SqlKind.WITH) {
            return queries.prepare(s.text(), node, hints);
        }
        throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                "statement not supported yet: " + s.text().split("\\s+")[0].toUpperCase());
    }

    private Outcome deallocate(SqlDeallocate d) {
        if (d.all()) {
            if (statements != null) {
                statements.deallocateAll();
            }
            return Outcome.command("DEALLOCATE ALL");
        }
        if (statements == null || !statements.deallocate(d.statementName())) {
            throw new MillraceException(SqlState.INVALID_SQL_STATEMENT_NAME,
                    "prepared statement \"" + d.statementName() + "\" does not exist");
        }
        return Outcome.command("DEALLOCATE");
    }

    private Outcome set(SqlSetVariable set) {
        if (set.name().equalsIgnoreCase("transaction") || set.name().equalsIgnoreCase("session characteristics")) {
            return Outcome.command("SET");
        }
        if (set.isDefault()) {
            settings.reset(set.name());
        } else {
            settings.set(set.name(), String.join(", ", set.valueTexts()));
        }
        return Outcome.command("SET");
    }

    /** Whether a failed transaction block takes the statement: COMMIT, ROLLBACK and ROLLBACK TO, as in PostgreSQL. */
    private static boolean allowedInFailedBlock(SqlNode node) {
        return node instanceof SqlTransactionStatement t && switch (t.kind()) {
            case COMMIT, ROLLBACK, ROLLBACK_TO_SAVEPOINT -> true;
            case BEGIN, SAVEPOINT, RELEASE_SAVEPOINT -> false;
        };
    }

    private Outcome transaction(SqlTransactionStatement t) {
        if (t.kind().namesSavepoint() && !transaction.isOpen()) {
            throw new MillraceException(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    t.kind().sql() + " can only be used in transaction blocks");
        }
        if (t.chain() && !transaction.isOpen()) {
            throw new MillraceException(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    t.kind().sql() + " AND CHAIN can only be used in transaction blocks");
        }
        return switch (t.kind()) {
            case BEGIN -> {
                if (transaction.isOpen()) {
                    yield new Outcome.Command("BEGIN", List.of("there is already a transaction in progress"));
                }
                transaction.begin();
                yield Outcome.command("BEGIN");
            }
            case COMMIT -> {
                if (!transaction.isOpen()) {
                    yield new Outcome.Command("COMMIT", List.of("there is no transaction in progress"));
                }
                boolean wasFailed = transaction.isFailed();
                try {
                    if (!wasFailed) {
                        writes.commitTransaction();
                    }
                } finally {
                    endBlock(t.chain());
                }
                yield Outcome.command(wasFailed ? "ROLLBACK" : "COMMIT");
            }
            case ROLLBACK -> {
                if (!transaction.isOpen()) {
                    yield new Outcome.Command("ROLLBACK", List.of("there is no transaction in progress"));
                }
                endBlock(t.chain());
                yield Outcome.command("ROLLBACK");
            }
            case SAVEPOINT -> {
                transaction.savepoint(t.savepointName(), server.coordinator()::newOverlay, cursors.declaredCount());
                yield Outcome.command("SAVEPOINT");
            }
            case RELEASE_SAVEPOINT -> {
                transaction.release(t.savepointName());
                yield Outcome.command("RELEASE");
            }
            case ROLLBACK_TO_SAVEPOINT -> {
                cursors.closeDeclaredSince(transaction.rollbackTo(t.savepointName()).cursorsDeclared());
                yield Outcome.command("ROLLBACK");
            }
        };
    }

    /** Ends the transaction block and its cursors; AND CHAIN starts the next block at once. */
    private void endBlock(boolean chain) {
        transaction.end();
        cursors.closeAll();
        if (chain) {
            transaction.begin();
        }
    }

    @Override
    public void sync() {
        // Each statement outside a transaction block commits on its own, so Sync has nothing to end.
    }

    @Override
    public void cancel() {
        // Running statements and waiting FETCHes poll the token.
        cancel.cancel("canceling statement due to user request");
    }

    @Override
    public void close() {
        cursors.closeAll();
        transaction.end();
        server.counters().sessionsActive.decrementAndGet();
    }
}
