package io.millrace.pgwire;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The live connections of one server, by process id, for CancelRequest and shutdown. */
final class PgConnectionRegistry {
    private final Map<Integer, PgConnection> connections = new ConcurrentHashMap<>();
    private final AtomicInteger lastProcessId = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();

    int nextProcessId() {
        // positive and unique among live connections, like a PostgreSQL backend pid
        while (true) {
            int id = lastProcessId.updateAndGet(v -> v == Integer.MAX_VALUE ? 1 : v + 1);
            if (!connections.containsKey(id)) {
                return id;
            }
        }
    }

    int newSecretKey() {
        return random.nextInt();
    }

    void add(PgConnection connection) {
        connections.put(connection.processId(), connection);
    }

    void remove(PgConnection connection) {
        connections.remove(connection.processId(), connection);
    }

    /** Cancels what the connection with this process id runs, if the key matches. */
    void cancel(int processId, int secretKey) {
        PgConnection connection = connections.get(processId);
        if (connection != null) {
            connection.cancel(secretKey);
        }
    }

    List<PgConnection> all() {
        return List.copyOf(connections.values());
    }
}
