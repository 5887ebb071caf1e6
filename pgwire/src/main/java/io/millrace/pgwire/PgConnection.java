package io.millrace.pgwire;

import io.millrace.common.SqlState;
import io.netty.channel.Channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection. The event loop only decodes frames and hands the messages to
 * {@link #received}; everything else (startup, authentication, session calls, encoding replies)
 * happens in order on the connection's own thread, so a slow statement never blocks other clients.
 * When more than {@link #INBOX_HIGH} messages or {@link #INBOX_HIGH_BYTES} bytes wait, the channel
 * stops reading until the thread catches up.
 */
final class PgConnection {
    private static final Logger log = LoggerFactory.getLogger(PgConnection.class);
    private static final int INBOX_HIGH = 256;
    private static final int INBOX_LOW = 32;
    private static final long INBOX_HIGH_BYTES = 8 << 20;
    private static final long INBOX_LOW_BYTES = 1 << 20;
    /** Put in the inbox when the channel closes, to wake the thread. */
    private static final FrontendMessage CHANNEL_CLOSED = new FrontendMessage.Terminate();

    private enum Phase { STARTUP, AUTHENTICATING, READY }

    private final Channel channel;
    private final PgServerConfig config;
    private final PgSessionFactory factory;
    private final PgConnectionRegistry registry;
    private final AuthenticationPolicy authentication;
    /** Chosen once the startup packet arrives, when it is known whether TLS is in use. */
    private Authenticator authenticator;
    /** Set by the event loop when TLS starts, before any later message is handed over. */
    private volatile boolean encrypted;
    private final int processId;
    private final int secretKey;
    private final String logPrefix;
    private final BackendWriter out;
    private final BlockingQueue<FrontendMessage> inbox = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Thread thread;

    private volatile boolean closed;
    /** Set when the connection thread itself ends the connection: nothing is running to cancel. */
    private volatile boolean ending;
    private volatile PgSession session;
    private Phase phase = Phase.STARTUP;
    private Map<String, String> startupParameters;
    private SessionProtocol protocol;

    PgConnection(Channel channel, PgServerConfig config, PgSessionFactory factory, PgConnectionRegistry registry,
            AuthenticationPolicy authentication) {
        this.channel = channel;
        this.config = config;
        this.factory = factory;
        this.registry = registry;
        this.authentication = authentication;
        this.processId = registry.nextProcessId();
        this.secretKey = registry.newSecretKey();
        this.logPrefix = "[pgwire " + processId + " " + channel.remoteAddress() + "]";
        this.out = new BackendWriter(channel);
        this.thread = new Thread(this::run, "pgwire-" + processId);
        this.thread.setDaemon(true);
    }

    /** TLS has started on this connection (called on the event loop). */
    void encrypted() {
        encrypted = true;
    }

    boolean isEncrypted() {
        return encrypted;
    }

    int processId() {
        return processId;
    }

    // ------------------------------------------------------------------ event loop side

    void start() {
        log.debug("{} connected", logPrefix);
        registry.add(this);
        thread.start();
    }

    void received(FrontendMessage message) {
        long bytes = queuedBytes.addAndGet(sizeOf(message));
        if (queued.incrementAndGet() > INBOX_HIGH || bytes > INBOX_HIGH_BYTES) {
            channel.config().setAutoRead(false);
        }
        inbox.add(message);
    }

    /** Roughly how much memory a queued message holds. */
    private static int sizeOf(FrontendMessage message) {
        if (message instanceof FrontendMessage.CopyData d) {
            return d.data().length;
        }
        if (message instanceof FrontendMessage.Query q) {
            return 2 * q.sql().length();
        }
        if (message instanceof FrontendMessage.Parse p) {
            return 2 * p.sql().length();
        }
        if (message instanceof FrontendMessage.Bind b) {
            int size = 0;
            for (byte[] parameter : b.parameters()) {
                size += parameter == null ? 0 : parameter.length;
            }
            return size;
        }
        return 0;
    }

    void writabilityChanged() {
        out.wakeUp();
    }

    void channelClosed() {
        closed = true;
        PgSession s = session;
        if (s != null && !ending) {
            cancelQuietly(s);
        }
        inbox.add(CHANNEL_CLOSED);
        out.wakeUp();
    }

    // ------------------------------------------------------------------ other threads

    /** A CancelRequest carrying this connection's key; a wrong secret is ignored, as in PostgreSQL. */
    void cancel(int key) {
        PgSession s = session;
        if (key != secretKey) {
            log.info("{} cancel request with a wrong key ignored", logPrefix);
        } else if (s != null) {
            log.debug("{} cancel requested", logPrefix);
            cancelQuietly(s);
        }
    }

    /** Server shutdown: tell the client (57P01, between two messages of ours) and close. */
    void terminate() {
        BackendWriter shutdownWriter = new BackendWriter(channel);
        shutdownWriter.error(PgError.error(SqlState.ADMIN_SHUTDOWN,
                "terminating connection due to administrator command").fatal());
        shutdownWriter.flushWithoutWaiting();
        channel.close();
    }

    void awaitTermination(long millis) throws InterruptedException {
        thread.join(millis);
    }

    private void cancelQuietly(PgSession s) {
        try {
            s.cancel();
        } catch (RuntimeException e) {
            log.warn("{} session cancel failed", logPrefix, e);
        }
    }

    // ------------------------------------------------------------------ connection thread

    private void run() {
        try {
            while (true) {
                FrontendMessage message = next();
                boolean keepOpen = switch (phase) {
                    case STARTUP -> startup(message);
                    case AUTHENTICATING -> authenticating(message);
                    case READY -> protocol.handle(message);
                };
                if (!keepOpen) {
                    break;
                }
            }
        } catch (BackendWriter.ConnectionClosedException e) {
            log.debug("{} connection closed by the client", logPrefix);
        } catch (Throwable t) {
            log.error("{} connection failed", logPrefix, t);
        } finally {
            cleanUp();
        }
    }

    /** The next message, blocking; throws when the channel has closed. */
    private FrontendMessage next() {
        FrontendMessage message = inbox.poll();
        if (message == null) {
            channel.config().setAutoRead(true);
            try {
                message = inbox.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendWriter.ConnectionClosedException();
            }
        }
        if (message == CHANNEL_CLOSED || closed) {
            throw new BackendWriter.ConnectionClosedException();
        }
        long bytes = queuedBytes.addAndGet(-sizeOf(message));
        if (queued.decrementAndGet() <= INBOX_LOW && bytes <= INBOX_LOW_BYTES && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
        return message;
    }

    private boolean startup(FrontendMessage message) {
        if (message instanceof FrontendMessage.SslRequest || message instanceof FrontendMessage.GssEncRequest) {
            out.refuseEncryption();
            out.flush();
            return true;
        }
        if (message instanceof FrontendMessage.CancelRequest c) {
            registry.cancel(c.processId(), c.secretKey());
            return false;
        }
        if (message instanceof FrontendMessage.FatalFrame f) {
            return fatal(new PgError("FATAL", f.sqlState().code(), f.message(), 0, f.detail(), null, null));
        }
        if (!(message instanceof FrontendMessage.Startup s)) {
            return fatal(PgError.error(SqlState.PROTOCOL_VIOLATION, "expected startup packet"));
        }
        if (s.major() != 3) {
            return fatal(PgError.error(SqlState.FEATURE_NOT_SUPPORTED, "unsupported frontend protocol "
                    + s.major() + "." + s.minor() + ": server supports 3.0 to 3.0"));
        }
        Map<String, String> parameters = new LinkedHashMap<>(s.parameters());
        List<String> unrecognized = new ArrayList<>();
        for (Iterator<String> it = parameters.keySet().iterator(); it.hasNext();) {
            String name = it.next();
            if (name.startsWith("_pq_.")) {
                unrecognized.add(name);
                it.remove();
            }
        }
        if (s.minor() > 0 || !unrecognized.isEmpty()) {
            out.negotiateProtocolVersion(0, unrecognized);
        }
        String user = parameters.get("user");
        if (user == null || user.isEmpty()) {
            return fatal(PgError.error(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet"));
        }
        parameters.putIfAbsent("database", user);
        startupParameters = Map.copyOf(parameters);
        log.debug("{} startup user={} database={} tls={}", logPrefix, user, parameters.get("database"), encrypted);
        authenticator = authentication.authenticator((java.net.InetSocketAddress) channel.remoteAddress(), encrypted);
        return authenticationStep(authenticator.start(startupParameters));
    }

    private boolean authenticating(FrontendMessage message) {
        if (message instanceof FrontendMessage.PasswordMessage p) {
            return authenticationStep(authenticator.respond(p.body()));
        }
        if (message instanceof FrontendMessage.FatalFrame f) {
            return fatal(new PgError("FATAL", f.sqlState().code(), f.message(), 0, f.detail(), null, null));
        }
        return fatal(PgError.error(SqlState.PROTOCOL_VIOLATION, "expected password response"));
    }

    private boolean authenticationStep(Authenticator.Step step) {
        if (step instanceof Authenticator.Step.Challenge c) {
            out.authentication(c.code(), c.data());
            out.flush();
            phase = Phase.AUTHENTICATING;
            return true;
        }
        if (step instanceof Authenticator.Step.Fail f) {
            log.info("{} authentication failed: {}", logPrefix, f.error().getMessage());
            return fatal(PgError.from(f.error(), 0));
        }
        if (step instanceof Authenticator.Step.Final last) {
            out.authentication(last.code(), last.data());
        }
        out.authenticationOk();
        return openSession();
    }

    private boolean openSession() {
        PgSession opened;
        try {
            opened = factory.open(startupParameters);
        } catch (RuntimeException e) {
            PgError error = PgError.from(e, 0);
            if (error.isInternal()) {
                log.warn("{} opening the session failed", logPrefix, e);
            }
            return fatal(error);
        }
        session = opened;
        if (closed) {
            return false;
        }
        Map<String, String> status = new LinkedHashMap<>();
        status.put("server_version", config.serverVersion());
        status.put("server_encoding", "UTF8");
        status.put("client_encoding", "UTF8");
        status.put("DateStyle", "ISO, MDY");
        status.put("integer_datetimes", "on");
        status.put("standard_conforming_strings", "on");
        status.putAll(opened.parameterStatus());
        out.parameterStatus(status);
        out.backendKeyData(processId, secretKey);
        protocol = new SessionProtocol(opened, out, this::next, logPrefix);
        phase = Phase.READY;
        protocol.readyForQuery();
        log.debug("{} session opened", logPrefix);
        return true;
    }

    private boolean fatal(PgError error) {
        log.debug("{} closing: {} {}", logPrefix, error.code(), error.message());
        out.error(error.fatal());
        out.flush();
        return false;
    }

    /**
     * Closes after a half-close: what we sent (a final error, say) is delivered, and what the client
     * is still sending is read and dropped for a moment. Closing a socket with unread input would
     * make the kernel answer with a reset, and the client could lose our last error to it.
     */
    private void closeLingering() {
        if (channel instanceof io.netty.channel.socket.DuplexChannel duplex && channel.isActive()) {
            duplex.shutdownOutput().addListener(f -> channel.eventLoop()
                    .schedule(() -> channel.close(), 2, java.util.concurrent.TimeUnit.SECONDS));
        } else {
            channel.close();
        }
    }

    private void cleanUp() {
        ending = true;
        closed = true;
        registry.remove(this);
        if (protocol != null) {
            try {
                protocol.closeAll();
            } catch (RuntimeException e) {
                log.warn("{} releasing portals failed", logPrefix, e);
            }
        }
        PgSession s = session;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                log.warn("{} closing the session failed", logPrefix, e);
            }
        }
        out.release();
        closeLingering();
        log.debug("{} disconnected", logPrefix);
    }
}
