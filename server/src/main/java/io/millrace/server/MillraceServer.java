package io.millrace.server;

import io.millrace.common.MillraceException;
import io.millrace.parser.MillraceParser;
import io.millrace.pgwire.PgServer;
import io.millrace.pgwire.PgServerConfig;
import io.millrace.planner.PlanPurpose;
import io.millrace.planner.Planner;
import io.millrace.planner.PreparedQuery;
import io.millrace.server.catalog.Catalog;
import io.millrace.server.engine.Coordinator;
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
    private final ScheduledExecutorService timers;
    private final PgServer pg;
    private final MetricsEndpoint metrics;

    private MillraceServer(ServerConfig config, Store store, Coordinator coordinator, ScheduledExecutorService timers,
            PgServer pg, MetricsEndpoint metrics) {
        this.config = config;
        this.store = store;
        this.coordinator = coordinator;
        this.timers = timers;
        this.pg = pg;
        this.metrics = metrics;
    }

    public static MillraceServer start(ServerConfig config) {
        Store store = Store.open(config.dataDir(), config.blockCacheBytes());
        Coordinator coordinator = null;
        ScheduledExecutorService timers = null;
        try {
            Catalog catalog = Catalog.load(store);
            coordinator = new Coordinator(store, catalog, config.workers());
            coordinator.start(entry -> {
                Planner planner = new Planner(catalog.current());
                PreparedQuery q = planner.prepareQuery(entry.querySql(), MillraceParser.parseQuery(entry.querySql()),
                        List.of());
                return q.plan(List.of(), PlanPurpose.MAINTAINED);
            });
            timers = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "millrace-timers");
                t.setDaemon(true);
                return t;
            });
            ServerContext context = new ServerContext(coordinator, catalog, config, timers, new ServerContext.Counters());
            PgServer pg = PgServer.start(PgServerConfig.defaults().withHost(config.host()).withPort(config.port())
                    .withMaxMessageBytes(config.maxMessageBytes()).withServerVersion(context.serverVersion()),
                    new SessionFactory(context));
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
            return new MillraceServer(config, store, coordinator, timers, pg, metrics);
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
        store.close();
        LOG.info("stopped");
    }
}
