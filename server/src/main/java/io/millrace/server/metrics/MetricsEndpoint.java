package io.millrace.server.metrics;

import com.sun.net.httpserver.HttpServer;
import io.millrace.server.engine.Coordinator;
import io.millrace.server.session.ServerContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Serves the server's counters in the Prometheus text format at /metrics. */
public final class MetricsEndpoint implements AutoCloseable {
    private final HttpServer http;

    private MetricsEndpoint(HttpServer http) {
        this.http = http;
    }

    public static MetricsEndpoint start(String host, int port, ServerContext server) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
        http.createContext("/metrics", exchange -> {
            byte[] body = render(server).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return new MetricsEndpoint(http);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    static String render(ServerContext server) {
        Coordinator.EngineMetrics m = server.coordinator().metrics();
        ServerContext.Counters c = server.counters();
        StringBuilder sb = new StringBuilder();
        counter(sb, "millrace_commits_total", "Timestamps committed.", m.commits.get());
        counter(sb, "millrace_commit_seconds_total", "Time spent committing, including view maintenance.",
                m.commitNanos.get() / 1e9);
        counter(sb, "millrace_rows_written_total", "Table rows inserted, updated or deleted.", m.rowsWritten.get());
        counter(sb, "millrace_queries_total", "Queries run once over a snapshot.", m.queries.get());
        counter(sb, "millrace_statements_total", "Statements executed.", c.statements.get());
        counter(sb, "millrace_errors_total", "Statements that failed.", c.errors.get());
        counter(sb, "millrace_sessions_opened_total", "Client sessions opened.", c.sessionsOpened.get());
        gauge(sb, "millrace_sessions", "Client sessions open now.", c.sessionsActive.get());
        gauge(sb, "millrace_last_timestamp", "Logical timestamp of the last commit.", server.coordinator().lastTimestamp());
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, double value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        sb.append(name).append(' ').append(format(value)).append('\n');
    }

    private static void gauge(StringBuilder sb, String name, String help, double value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
        sb.append(name).append(' ').append(format(value)).append('\n');
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
