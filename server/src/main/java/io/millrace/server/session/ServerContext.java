package io.millrace.server.session;

import io.millrace.server.ServerConfig;
import io.millrace.server.catalog.Catalog;
import io.millrace.server.catalog.Roles;
import io.millrace.server.engine.Coordinator;
import io.millrace.server.engine.SequenceCounters;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/** What every session shares: the coordinator, the catalog, the sequences, the roles, the configuration. */
public record ServerContext(Coordinator coordinator, Catalog catalog, SequenceCounters sequences, Roles roles,
        ServerConfig config, ScheduledExecutorService timers, Counters counters) {

    /** Session-level counters for the metrics endpoint. */
    public static final class Counters {
        /** When the server started (made with the server). */
        public final java.time.Instant started = java.time.Instant.now();
        public final AtomicLong statements = new AtomicLong();
        public final AtomicLong errors = new AtomicLong();
        public final AtomicLong sessionsOpened = new AtomicLong();
        public final AtomicLong sessionsActive = new AtomicLong();
    }

    public String serverVersion() {
        return "15.0 (Millrace " + ServerConfig.VERSION + ")";
    }
}
