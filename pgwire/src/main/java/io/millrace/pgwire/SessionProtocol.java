package io.millrace.pgwire;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The query phase of one connection: simple query, the extended protocol (prepared statements and
 * portals), and COPY. Runs on the connection's own thread, one message at a time, calling into the
 * {@link PgSession} and writing replies through the {@link BackendWriter}.
 */
final class SessionProtocol {
    private static final Logger log = LoggerFactory.getLogger(SessionProtocol.class);
    /** Rows handed to a COPY FROM sink at a time. */
    private static final int COPY_IN_BATCH = 1000;

    /** Message types of the extended protocol: an error in one of them discards messages until Sync. */
    private static final String EXTENDED_TYPES = "PBDECHS";

    /** Where COPY FROM STDIN reads the client's next message. */
    interface MessageSource {
        FrontendMessage next();
    }

    /** A prepared statement; {@code prepared} is null for an empty query string. */
    private record Statement(PgPreparedStatement prepared, int offset, List<PgType> emptyParameterTypes) {
        List<PgType> parameterTypes() {
            return prepared == null ? emptyParameterTypes : prepared.parameterTypes();
        }

        List<ResultColumn> resultColumns() {
            return prepared == null ? List.of() : prepared.resultColumns();
        }
    }

    /** A bound portal; {@code portal} is null for an empty query string. */
    private static final class Portal {
        final String name;
        final PgPortal portal;
        final int offset;
        final List<ResultColumn> columns;
        final short[] formats;
        /** Set once the portal completed: what a repeated Execute answers. */
        PgResult completed;

        Portal(String name, PgPortal portal, int offset, List<ResultColumn> columns, short[] formats) {
            this.name = name;
            this.portal = portal;
            this.offset = offset;
            this.columns = columns;
            this.formats = formats;
        }
    }

    private final PgSession session;
    private final BackendWriter out;
    private final MessageSource inbox;
    private final String logPrefix;
    private final Map<String, Statement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    /** After an error in the extended protocol, messages are discarded until Sync. */
    private boolean ignoreTillSync;
    /** Offset of the statement being worked on within its query string, added to error positions. */
    private int errorOffset;

    SessionProtocol(PgSession session, BackendWriter out, MessageSource inbox, String logPrefix) {
        this.session = session;
        this.out = out;
        this.inbox = inbox;
        this.logPrefix = logPrefix;
        session.attach(new PgSession.PreparedStatements() {
            @Override
            public boolean deallocate(String name) {
                return statements.remove(name) != null;
            }

            @Override
            public void deallocateAll() {
                statements.clear();
            }
        });
    }

    /** Handles one message; returns false when the connection must close. */
    boolean handle(FrontendMessage message) {
        if (message instanceof FrontendMessage.Sync) {
            ignoreTillSync = false;
            sync();
            return true;
        }
        if (message instanceof FrontendMessage.Terminate) {
            return false;
        }
        if (message instanceof FrontendMessage.FatalFrame f) {
            out.error(new PgError("FATAL", f.sqlState().code(), f.message(), 0, f.detail(), null, null));
            out.flush();
            return false;
        }
        if (message instanceof FrontendMessage.CopyData || message instanceof FrontendMessage.CopyDone
                || message instanceof FrontendMessage.CopyFail) {
            // left over from a COPY FROM that failed: ignored, as PostgreSQL does
            return true;
        }
        if (!isQueryPhaseMessage(message)) {
            int type = message instanceof FrontendMessage.Unknown u ? u.type() : 'p';
            out.error(PgError.error(SqlState.PROTOCOL_VIOLATION, "invalid frontend message type " + type).fatal());
            out.flush();
            return false;
        }
        if (ignoreTillSync) {
            return true;
        }
        errorOffset = 0;
        if (message instanceof FrontendMessage.Query q) {
            simpleQuery(q.sql());
            return true;
        }
        if (message instanceof FrontendMessage.Unknown u && u.type() == 'F') {
            // FunctionCall (fastpath) answers like a simple query: an error, then ReadyForQuery
            reportError(new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "fastpath function calls are not supported"));
            sync();
            return true;
        }
        if (message instanceof FrontendMessage.Malformed m && EXTENDED_TYPES.indexOf(m.type()) < 0) {
            // outside the extended protocol there is no Sync to wait for
            reportError(new MillraceException(SqlState.PROTOCOL_VIOLATION, m.reason()));
            sync();
            return true;
        }
        try {
            if (message instanceof FrontendMessage.Parse p) {
                parse(p);
            } else if (message instanceof FrontendMessage.Bind b) {
                bind(b);
            } else if (message instanceof FrontendMessage.Describe d) {
                describe(d);
            } else if (message instanceof FrontendMessage.Execute e) {
                execute(e);
            } else if (message instanceof FrontendMessage.Close c) {
                close(c);
            } else if (message instanceof FrontendMessage.Flush) {
                out.flush();
            } else if (message instanceof FrontendMessage.Malformed m) {
                throw new MillraceException(SqlState.PROTOCOL_VIOLATION, m.reason());
            }
        } catch (BackendWriter.ConnectionClosedException e) {
            throw e;
        } catch (RuntimeException e) {
            reportError(e);
            ignoreTillSync = true;
        }
        return true;
    }

    private static boolean isQueryPhaseMessage(FrontendMessage m) {
        return m instanceof FrontendMessage.Unknown u && u.type() == 'F' || m instanceof FrontendMessage.Query || m instanceof FrontendMessage.Parse
                || m instanceof FrontendMessage.Bind || m instanceof FrontendMessage.Describe
                || m instanceof FrontendMessage.Execute || m instanceof FrontendMessage.Close
                || m instanceof FrontendMessage.Flush || m instanceof FrontendMessage.Malformed;
    }

    // ------------------------------------------------------------------ simple query

    private void simpleQuery(String sql) {
        // the simple query protocol destroys the unnamed statement and portal
        statements.remove("");
        closePortal("");
        try {
            List<PgParsedStatement> parsed = session.parse(sql);
            if (parsed.isEmpty()) {
                out.emptyQueryResponse();
            }
            for (PgParsedStatement statement : parsed) {
                if (!runSimple(statement)) {
                    break;
                }
            }
        } catch (BackendWriter.ConnectionClosedException e) {
            throw e;
        } catch (RuntimeException e) {
            reportError(e);
        }
        sync();
    }

    /** Runs one statement of a simple query; false after an error. */
    private boolean runSimple(PgParsedStatement statement) {
        errorOffset = statement.offsetInQuery();
        try (PgPortal portal = session.executeSimple(statement)) {
            PgResult result = portal.execute(0);
            sendNotices(result);
            if (result instanceof PgResult.Rows rows) {
                List<ResultColumn> columns = portal.resultColumns();
                out.rowDescription(columns, null);
                while (true) {
                    writeRows(rows, columns, null);
                    if (!rows.suspended()) {
                        break;
                    }
                    PgResult more = portal.execute(0);
                    sendNotices(more);
                    rows = (PgResult.Rows) more;
                }
                out.commandComplete(rows.commandTag());
            } else {
                sendResult(result);
            }
            reportChangedParameters();
            return true;
        } catch (BackendWriter.ConnectionClosedException e) {
            throw e;
        } catch (RuntimeException e) {
            reportError(e);
            reportChangedParameters();
            return false;
        }
    }

    // ------------------------------------------------------------------ extended protocol

    private void parse(FrontendMessage.Parse p) {
        String name = p.name();
        if (name.isEmpty()) {
            statements.remove("");
        } else if (statements.containsKey(name)) {
            throw new MillraceException(SqlState.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement \"" + name + "\" already exists");
        }
        List<PgType> hints = new ArrayList<>(p.parameterOids().length);
        for (int i = 0; i < p.parameterOids().length; i++) {
            int oid = p.parameterOids()[i];
            if (oid == 0) {
                hints.add(null);
                continue;
            }
            PgType type = PgType.fromOid(oid);
            if (type == null) {
                throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                        "parameter $" + (i + 1) + " has type OID " + Integer.toUnsignedString(oid)
                                + ", which is not supported");
            }
            hints.add(type);
        }
        List<PgParsedStatement> parsed = session.parse(p.sql());
        if (parsed.size() > 1) {
            throw new MillraceException(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        Statement statement;
        if (parsed.isEmpty()) {
            List<PgType> types = new ArrayList<>(hints.size());
            for (PgType hint : hints) {
                types.add(hint == null ? PgType.UNKNOWN : hint);
            }
            statement = new Statement(null, 0, List.copyOf(types));
        } else {
            PgParsedStatement ps = parsed.get(0);
            errorOffset = ps.offsetInQuery();
            statement = new Statement(session.prepare(ps, java.util.Collections.unmodifiableList(hints)),
                    ps.offsetInQuery(), List.of());
        }
        statements.put(name, statement);
        out.parseComplete();
    }

    private Statement statement(String name) {
        Statement statement = statements.get(name);
        if (statement == null) {
            throw new MillraceException(SqlState.INVALID_SQL_STATEMENT_NAME, name.isEmpty()
                    ? "unnamed prepared statement does not exist"
                    : "prepared statement \"" + name + "\" does not exist");
        }
        return statement;
    }

    private Portal portal(String name) {
        Portal portal = portals.get(name);
        if (portal == null) {
            throw new MillraceException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        return portal;
    }

    private void bind(FrontendMessage.Bind b) {
        Statement statement = statement(b.statement());
        String name = b.portal();
        if (name.isEmpty()) {
            closePortal("");
        } else if (portals.containsKey(name)) {
            throw new MillraceException(SqlState.DUPLICATE_CURSOR, "cursor \"" + name + "\" already exists");
        }
        List<PgType> types = statement.parameterTypes();
        byte[][] raw = b.parameters();
        short[] parameterFormats = b.parameterFormats();
        if (parameterFormats.length > 1 && parameterFormats.length != raw.length) {
            throw new MillraceException(SqlState.PROTOCOL_VIOLATION, "bind message has " + parameterFormats.length
                    + " parameter formats but " + raw.length + " parameters");
        }
        if (raw.length != types.size()) {
            throw new MillraceException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + raw.length
                    + " parameters, but prepared statement \"" + b.statement() + "\" requires " + types.size());
        }
        List<Object> values = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) {
            int format = parameterFormats.length == 0 ? 0 : parameterFormats.length == 1 ? parameterFormats[0]
                    : parameterFormats[i];
            values.add(raw[i] == null ? null : decodeParameter(types.get(i), format, raw[i], i + 1));
        }
        Portal portal;
        if (statement.prepared() == null) {
            portal = new Portal(name, null, 0, List.of(), null);
        } else {
            errorOffset = statement.offset();
            PgPortal bound = statement.prepared().bind(java.util.Collections.unmodifiableList(values));
            List<ResultColumn> columns;
            short[] formats;
            try {
                columns = bound.resultColumns();
                formats = resultFormats(b.resultFormats(), columns.size());
            } catch (RuntimeException e) {
                closeQuietly(bound);
                throw e;
            }
            portal = new Portal(name, bound, statement.offset(), columns, formats);
        }
        portals.put(name, portal);
        out.bindComplete();
    }

    private Object decodeParameter(PgType type, int format, byte[] bytes, int number) {
        if (format == 0) {
            return PgValueCodec.decodeText(type, PgValueCodec.utf8(bytes), session.timeZone());
        }
        if (format != 1) {
            throw new MillraceException(SqlState.PROTOCOL_VIOLATION, "unsupported format code: " + format);
        }
        try {
            return PgValueCodec.decodeBinary(type, bytes);
        } catch (MillraceException e) {
            if (e.sqlState() != SqlState.INVALID_BINARY_REPRESENTATION) {
                throw e;
            }
            throw new MillraceException(SqlState.INVALID_BINARY_REPRESENTATION,
                    "incorrect binary data format in bind parameter " + number, 0, e.getMessage(), null, null);
        }
    }

    /** Result format codes: none (all text), one for all, or one per column; null means all text. */
    private static short[] resultFormats(short[] codes, int columnCount) {
        for (short code : codes) {
            if (code != 0 && code != 1) {
                throw new MillraceException(SqlState.PROTOCOL_VIOLATION, "unsupported format code: " + code);
            }
        }
        if (codes.length == 0 || codes.length == 1 && codes[0] == 0) {
            return null;
        }
        if (codes.length == 1) {
            short[] all = new short[columnCount];
            java.util.Arrays.fill(all, codes[0]);
            return all;
        }
        if (codes.length != columnCount) {
            throw new MillraceException(SqlState.PROTOCOL_VIOLATION, "bind message has " + codes.length
                    + " result formats but query has " + columnCount + " columns");
        }
        return codes.clone();
    }

    private void describe(FrontendMessage.Describe d) {
        if (d.kind() == 'S') {
            Statement statement = statement(d.name());
            errorOffset = statement.offset();
            out.parameterDescription(statement.parameterTypes());
            List<ResultColumn> columns = statement.resultColumns();
            if (columns.isEmpty()) {
                out.noData();
            } else {
                out.rowDescription(columns, null);
            }
        } else if (d.kind() == 'P') {
            List<ResultColumn> cursor = portals.containsKey(d.name()) ? null : session.cursorColumns(d.name());
            if (cursor != null) {
                out.rowDescription(cursor, null);
                return;
            }
            Portal portal = portal(d.name());
            if (portal.columns.isEmpty()) {
                out.noData();
            } else {
                out.rowDescription(portal.columns, portal.formats);
            }
        } else {
            throw new MillraceException(SqlState.PROTOCOL_VIOLATION, "invalid DESCRIBE message subtype " + (int) d.kind());
        }
    }

    private void execute(FrontendMessage.Execute e) {
        Portal portal = portal(e.portal());
        if (portal.portal == null) {
            out.emptyQueryResponse();
            return;
        }
        if (portal.completed != null) {
            executeCompleted(portal);
            return;
        }
        errorOffset = portal.offset;
        PgResult result = portal.portal.execute(Math.max(e.maxRows(), 0));
        sendNotices(result);
        if (result instanceof PgResult.Rows rows) {
            writeRows(rows, portal.columns, portal.formats);
            if (rows.suspended()) {
                out.portalSuspended();
                return;
            }
            out.commandComplete(rows.commandTag());
        } else {
            sendResult(result);
        }
        portal.completed = result;
    }

    /**
     * Execute on a portal that already ran to completion, as PostgreSQL answers it: a query that
     * returned rows returns none now ("SELECT 0", or its tag again); a command cannot run twice.
     */
    private void executeCompleted(Portal portal) {
        if (portal.completed instanceof PgResult.Rows rows) {
            String tag = rows.commandTag();
            out.commandComplete(tag.startsWith("SELECT ") ? "SELECT 0" : tag);
        } else if (portal.completed instanceof PgResult.Empty) {
            out.emptyQueryResponse();
        } else {
            throw new MillraceException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE,
                    "portal \"" + portal.name + "\" cannot be run");
        }
    }

    private void close(FrontendMessage.Close c) {
        if (c.kind() == 'S') {
            statements.remove(c.name());
        } else if (c.kind() == 'P') {
            closePortal(c.name());
        } else {
            throw new MillraceException(SqlState.PROTOCOL_VIOLATION, "invalid CLOSE message subtype " + (int) c.kind());
        }
        out.closeComplete();
    }

    // ------------------------------------------------------------------ results

    /** Sends a result other than rows: the statement has completed. */
    private void sendResult(PgResult result) {
        if (result instanceof PgResult.Command c) {
            out.commandComplete(c.commandTag());
        } else if (result instanceof PgResult.Empty) {
            out.emptyQueryResponse();
        } else if (result instanceof PgResult.CopyOut c) {
            copyOut(c);
        } else if (result instanceof PgResult.CopyIn c) {
            copyIn(c);
        } else if (result instanceof PgResult.Rows r) {
            writeRows(r, List.of(), null);
            out.commandComplete(r.commandTag());
        }
    }

    private void writeRows(PgResult.Rows rows, List<ResultColumn> columns, short[] formats) {
        var zone = session.timeZone();
        for (Object[] row : rows.rows()) {
            out.dataRow(row, columns, formats, zone);
            out.maybeFlush();
        }
    }

    private void sendNotices(PgResult result) {
        for (String notice : result.notices()) {
            out.notice(PgError.notice(notice));
        }
    }

    /**
     * COPY TO STDOUT: rows are pulled from the source (which may block, e.g. for a subscription) and
     * flushed batch by batch; a flush waits while the client is not reading, which in turn stops
     * pulling from the source.
     */
    private void copyOut(PgResult.CopyOut copy) {
        out.copyResponse('H', copy.columns().size());
        CopyEncoder encoder = new CopyEncoder(copy.format(), copy.columns(), session.timeZone());
        if (copy.format().header()) {
            out.copyData(encoder.header());
        }
        out.flush();
        List<Object[]> batch;
        while ((batch = copy.source().next()) != null) {
            for (Object[] row : batch) {
                out.copyData(encoder.encode(row));
                out.maybeFlush();
            }
            out.flush();
        }
        out.copyDone();
        out.commandComplete(copy.source().commandTag());
    }

    /** COPY FROM STDIN: reads CopyData until CopyDone or CopyFail, decoding lines into rows. */
    private void copyIn(PgResult.CopyIn copy) {
        PgResult.CopyRowSink sink = copy.sink();
        try {
            out.copyResponse('G', copy.columns().size());
            out.flush();
            CopyDecoder decoder = new CopyDecoder(copy.table(), copy.format(), copy.columns(), session.timeZone());
            List<Object[]> rows = new ArrayList<>();
            while (true) {
                FrontendMessage m = inbox.next();
                if (m instanceof FrontendMessage.CopyData d) {
                    decoder.feed(d.data(), rows);
                    if (rows.size() >= COPY_IN_BATCH) {
                        sink.accept(rows);
                        rows = new ArrayList<>();
                    }
                } else if (m instanceof FrontendMessage.CopyDone) {
                    decoder.finish(rows);
                    if (!rows.isEmpty()) {
                        sink.accept(rows);
                    }
                    out.commandComplete(sink.finish());
                    return;
                } else if (m instanceof FrontendMessage.CopyFail f) {
                    throw new MillraceException(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + f.message());
                } else if (m instanceof FrontendMessage.Flush || m instanceof FrontendMessage.Sync) {
                    continue; // ignored during COPY FROM, as the protocol says
                } else if (m instanceof FrontendMessage.Terminate || m instanceof FrontendMessage.FatalFrame) {
                    throw new BackendWriter.ConnectionClosedException();
                } else {
                    int type = m instanceof FrontendMessage.Unknown u ? u.type() : '?';
                    throw new MillraceException(SqlState.PROTOCOL_VIOLATION,
                            String.format("unexpected message type 0x%02X during COPY from stdin", type));
                }
            }
        } catch (RuntimeException e) {
            try {
                sink.abort();
            } catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ sync, errors, cleanup

    private void sync() {
        try {
            session.sync();
        } catch (BackendWriter.ConnectionClosedException e) {
            throw e;
        } catch (RuntimeException e) {
            errorOffset = 0;
            reportError(e);
        }
        readyForQuery();
    }

    /** ReadyForQuery; outside a transaction block the portals are gone, as in PostgreSQL. */
    void readyForQuery() {
        reportChangedParameters();
        PgSession.TransactionStatus status = session.transactionStatus();
        if (status == PgSession.TransactionStatus.IDLE) {
            closeAllPortals();
        }
        out.readyForQuery(status.indicator());
        out.flush();
    }

    private void reportChangedParameters() {
        Map<String, String> changed = session.takeChangedParameters();
        if (changed != null) {
            out.parameterStatus(changed);
        }
    }

    private void reportError(RuntimeException e) {
        PgError error = PgError.from(e, errorOffset);
        if (e instanceof CopyDecoder.CopyDataException c) {
            error = error.withWhere(c.where());
        }
        if (error.isInternal()) {
            log.warn("{} internal error: {}", logPrefix, error.message(), e);
        } else {
            log.debug("{} error {}: {}", logPrefix, error.code(), error.message());
        }
        out.error(error);
    }

    private void closePortal(String name) {
        Portal portal = portals.remove(name);
        if (portal != null && portal.portal != null) {
            closeQuietly(portal.portal);
        }
    }

    private void closeAllPortals() {
        for (Portal portal : portals.values()) {
            if (portal.portal != null) {
                closeQuietly(portal.portal);
            }
        }
        portals.clear();
    }

    /** Releases every portal and statement: the connection is ending. */
    void closeAll() {
        closeAllPortals();
        statements.clear();
    }

    private void closeQuietly(PgPortal portal) {
        try {
            portal.close();
        } catch (RuntimeException e) {
            log.warn("{} closing a portal failed", logPrefix, e);
        }
    }
}
