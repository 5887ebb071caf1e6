package io.millrace.pgwire;

import static java.util.Objects.requireNonNull;

/**
 * How {@link PgServer} listens. {@code port} 0 picks an ephemeral port (see {@link PgServer#port()}).
 * A message longer than {@code maxMessageBytes} is refused with 54000 and the connection closed.
 * {@code serverVersion} is announced as server_version unless the session's parameterStatus() gives
 * its own.
 */
public record PgServerConfig(String host, int port, int maxMessageBytes, String serverVersion) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 6876;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    public static final String DEFAULT_SERVER_VERSION = "15.0 (Millrace 0.1.0)";

    public PgServerConfig {
        requireNonNull(host, "host is null");
        requireNonNull(serverVersion, "serverVersion is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024: " + maxMessageBytes);
        }
    }

    /** 127.0.0.1:6876, 64 MiB messages. */
    public static PgServerConfig defaults() {
        return new PgServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_SERVER_VERSION);
    }

    public PgServerConfig withHost(String newHost) {
        return new PgServerConfig(newHost, port, maxMessageBytes, serverVersion);
    }

    public PgServerConfig withPort(int newPort) {
        return new PgServerConfig(host, newPort, maxMessageBytes, serverVersion);
    }

    public PgServerConfig withMaxMessageBytes(int newMaxMessageBytes) {
        return new PgServerConfig(host, port, newMaxMessageBytes, serverVersion);
    }

    public PgServerConfig withServerVersion(String newServerVersion) {
        return new PgServerConfig(host, port, maxMessageBytes, newServerVersion);
    }
}
