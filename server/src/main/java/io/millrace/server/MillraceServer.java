package io.millrace.server;

import io.millrace.common.MillraceException;
import io.millrace.parser.MillraceParser;
import io.millrace.pgwire.PgServer;
import io.millrace.pgwire.PgServerConfig;
import io.millrace.planner.PlanPurpose;
import io.millrace.planner.Planner;
import io.millrace.planner.PreparedQuery;
import io.millrace.server.catalog.Catalog;
import io.millrace.server.catalog.Roles;
import io.millrace.server.auth.HostBasedAuthentication;
import io.millrace.server.engine.Coordinator;
import io.millrace.server.engine.SequenceCounters;
import io.millrace.server.metrics.MetricsEndpoint;
import io.millrace.server.session.ServerContext;
import io.millrace.server.session.SessionFactory;
import io.millrace.storage.Store;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Millrace server: the store, the catalog, the coordinator with its maintained views,
 * the PostgreSQL protocol listener and the metrics endpoint. Closing it stops them in reverse order.
 */
public final class MillraceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MillraceServer.class);

    private final ServerConfig config;
    private final Store store;
    private final Coordinator coordinator;
    private final SequenceCounters sequences;
    private final ScheduledExecutorService timers;
    private final PgServer pg;
    private final MetricsEndpoint metrics;

    private MillraceServer(ServerConfig config, Store store, Coordinator coordinator, SequenceCounters sequences,
            ScheduledExecutorService timers, PgServer pg, MetricsEndpoint metrics) {
        this.config = config;
        this.store = store;
        this.coordinator = coordinator;
        this.sequences = sequences;
        this.timers = timers;
        this.pg = pg;
        this.metrics = metrics;
    }

    public static MillraceServer start(ServerConfig config) {
        Store store = Store.open(config.dataDir(), config.blockCacheBytes());
        Coordinator coordinator = null;
        SequenceCounters sequences = null;
        ScheduledExecutorService timers = null;
        try {
            Catalog catalog = Catalog.load(store);
            coordinator = new Coordinator(store, catalog, config.workers());
            coordinator.start(entry -> {
                Planner planner = new Planner(catalog.current());
                PreparedQuery q = planner.prepareQuery(entry.querySql(), MillraceParser.parseQuery(entry.querySql()),
                        List.of(), entry.searchPath());
                return q.plan(List.of(), PlanPurpose.MAINTAINED);
            });
            timers = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "millrace-timers");
                t.setDaemon(true);
                return t;
            });
            Roles roles = Roles.load(store, config.user());
            sequences = SequenceCounters.load(store, catalog.current());
            ServerContext context = new ServerContext(coordinator, catalog, sequences, roles, config, timers,
                    new ServerContext.Counters());
            HostBasedAuthentication authentication = config.hbaFile() == null
                    ? HostBasedAuthentication.loopbackTrust(roles::verifier)
                    : HostBasedAuthentication.load(config.hbaFile(), roles::verifier);
            if (!ServerConfig.isLoopback(config.host()) && !authentication.allowsRemoteClients()) {
                throw new IllegalArgumentException("refusing to listen on " + config.host() + ": the rules in "
                        + config.hbaFile() + " let no client in from beyond this machine");
            }
            PgServer pg = PgServer.start(PgServerConfig.defaults().withHost(config.host()).withPort(config.port())
                    .withMaxMessageBytes(config.maxMessageBytes()).withServerVersion(context.serverVersion()),
                    new SessionFactory(context), authentication, tls(config));
            MetricsEndpoint metrics = null;
            if (config.metricsPort() >= 0) {
                try {
                    metrics = MetricsEndpoint.start(config.metricsHost(), config.metricsPort(), context);
                } catch (IOException e) {
                    pg.close();
                    throw new MillraceException(io.millrace.common.SqlState.IO_ERROR,
                            "cannot serve metrics on " + config.metricsHost() + ":" + config.metricsPort() + ": " + e.getMessage(), e);
                }
            }
            LOG.info("Millrace {} listening on {}:{} (data in {})", ServerConfig.VERSION, config.host(), pg.port(),
                    config.dataDir().toAbsolutePath());
            return new MillraceServer(config, store, coordinator, sequences, timers, pg, metrics);
        } catch (RuntimeException e) {
            if (timers != null) {
                timers.shutdownNow();
            }
            if (coordinator != null) {
                coordinator.close();
            }
            store.close();
            throw e;
        }
    }

    /** The TLS context from --tls-cert and --tls-key, or null without them. */
    private static io.netty.handler.ssl.SslContext tls(ServerConfig config) {
        if (config.tlsCert() == null) {
            return null;
        }
        try {
            return io.netty.handler.ssl.SslContextBuilder.forServer(config.tlsCert().toFile(), config.tlsKey().toFile())
                    .build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use the TLS certificate " + config.tlsCert() + " and key "
                    + config.tlsKey() + ": " + e.getMessage(), e);
        }
    }

    /** The port clients connect to. */
    public int port() {
        return pg.port();
    }

    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    public ServerConfig config() {
        return config;
    }

    @Override
    public void close() {
        LOG.info("shutting down");
        if (metrics != null) {
            metrics.close();
        }
        pg.close();
        timers.shutdownNow();
        coordinator.close();
        sequences.close();
        store.close();
        LOG.info("stopped");
    }
}
