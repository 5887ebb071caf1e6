package io.millrace.server;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a Millrace server is configured with, parsed once from command-line flags. Every
 * default lives here.
 */
public record ServerConfig(String host, int port, Path dataDir, String user, String database, int workers,
        String metricsHost, int metricsPort, int maxMessageBytes, long blockCacheBytes, Path hbaFile, Path tlsCert,
        Path tlsKey) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 6876;
    public static final int DEFAULT_METRICS_PORT = 6877;
    public static final String VERSION = "0.1.0";

    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, Paths.get("millrace-data"), "millrace", "millrace",
                Runtime.getRuntime().availableProcessors(), DEFAULT_HOST, DEFAULT_METRICS_PORT, 64 << 20, 256L << 20, null,
                null, null);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, user, database, workers, metricsHost, metricsPort,
                maxMessageBytes, blockCacheBytes, hbaFile, tlsCert, tlsKey);
    }

    public ServerConfig withDataDir(Path newDataDir) {
        return new ServerConfig(host, port, newDataDir, user, database, workers, metricsHost, metricsPort,
                maxMessageBytes, blockCacheBytes, hbaFile, tlsCert, tlsKey);
    }

    public ServerConfig withMetricsPort(int newMetricsPort) {
        return new ServerConfig(host, port, dataDir, user, database, workers, metricsHost, newMetricsPort,
                maxMessageBytes, blockCacheBytes, hbaFile, tlsCert, tlsKey);
    }

    public ServerConfig withWorkers(int newWorkers) {
        return new ServerConfig(host, port, dataDir, user, database, newWorkers, metricsHost, metricsPort,
                maxMessageBytes, blockCacheBytes, hbaFile, tlsCert, tlsKey);
    }

    /** The same, with authentication rules and (both or neither) a TLS certificate and key. */
    public ServerConfig withSecurity(Path newHbaFile, Path newTlsCert, Path newTlsKey) {
        return new ServerConfig(host, port, dataDir, user, database, workers, metricsHost, metricsPort,
                maxMessageBytes, blockCacheBytes, newHbaFile, newTlsCert, newTlsKey);
    }

    public static final String USAGE = String.join("\n",
            "Usage: millrace [flags]",
            "",
            "Runs the Millrace streaming SQL server in the foreground. Connect with",
            "  psql -h 127.0.0.1 -p 6876 -U millrace millrace",
            "",
            "Flags:",
            "  --host HOST            address to listen on (default " + DEFAULT_HOST + ")",
            "  --port PORT            PostgreSQL protocol port (default " + DEFAULT_PORT + "; 0 picks a free port)",
            "  --data-dir DIR         where data is stored (default ./millrace-data)",
            "  --user NAME            the user clients connect as (default millrace)",
            "  --database NAME        the database clients connect to (default millrace)",
            "  --workers N            dataflow workers (default: number of cores)",
            "  --metrics-port PORT    Prometheus metrics on http://HOST:PORT/metrics (default " + DEFAULT_METRICS_PORT
                    + "; -1 disables)",
            "  --max-message-bytes N  largest protocol message accepted (default 67108864)",
            "  --hba-file FILE        who may connect from where, and how (pg_hba.conf lines; default: trust",
            "                         on loopback addresses only); needed to listen beyond loopback",
            "  --tls-cert FILE        TLS certificate chain (PEM); with --tls-key, clients may use sslmode=require",
            "  --tls-key FILE         TLS private key (PEM, PKCS#8)",
            "  --help                 print this help and exit");

    /** Parses flags; throws IllegalArgumentException with a message fit for the user. */
    public static ServerConfig parse(String[] args) {
        ServerConfig c = defaults();
        List<String> a = new ArrayList<>(List.of(args));
        String host = c.host;
        int port = c.port;
        Path dataDir = c.dataDir;
        String user = c.user;
        String database = c.database;
        int workers = c.workers;
        int metricsPort = c.metricsPort;
        int maxMessage = c.maxMessageBytes;
        Path hbaFile = null;
        Path tlsCert = null;
        Path tlsKey = null;
        for (int i = 0; i < a.size(); i++) {
            String flag = a.get(i);
            String value = null;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new HelpRequested();
            }
            if (value == null) {
                if (i + 1 >= a.size()) {
                    throw new IllegalArgumentException("flag " + flag + " needs a value");
                }
                value = a.get(++i);
            }
            switch (flag) {
                case "--host" -> host = value;
                case "--port" -> port = parseInt(flag, value, 0, 65535);
                case "--data-dir" -> dataDir = Paths.get(value);
                case "--user" -> user = value;
                case "--database" -> database = value;
                case "--workers" -> workers = parseInt(flag, value, 1, 1024);
                case "--metrics-port" -> metricsPort = parseInt(flag, value, -1, 65535);
                case "--max-message-bytes" -> maxMessage = parseInt(flag, value, 1024, Integer.MAX_VALUE);
                case "--hba-file" -> hbaFile = Paths.get(value);
                case "--tls-cert" -> tlsCert = Paths.get(value);
                case "--tls-key" -> tlsKey = Paths.get(value);
                default -> throw new IllegalArgumentException("unknown flag " + flag + " (see --help)");
            }
        }
        if (!isLoopback(host) && hbaFile == null) {
            throw new IllegalArgumentException("refusing to listen on " + host + " without password authentication: "
                    + "give --hba-file with scram-sha-256 rules for the clients allowed in (see docs/connecting.md)");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        return new ServerConfig(host, port, dataDir, user, database, workers, host, metricsPort, maxMessage,
                c.blockCacheBytes, hbaFile, tlsCert, tlsKey);
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private static int parseInt(String flag, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value);
            if (v < min || v > max) {
                throw new IllegalArgumentException(flag + " must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got " + value);
        }
    }

    /** Thrown by {@link #parse} for --help. */
    public static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super("help", null, false, false);
        }
    }
}
