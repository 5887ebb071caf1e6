package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.pgwire.PgSession;
import io.millrace.pgwire.PgSessionFactory;
import java.util.Map;

/** Opens sessions for clients that connect as the configured user to the configured database. */
public final class SessionFactory implements PgSessionFactory {
    private final ServerContext server;

    public SessionFactory(ServerContext server) {
        this.server = server;
    }

    @Override
    public PgSession open(Map<String, String> startup) {
        String user = startup.getOrDefault("user", "");
        String database = startup.getOrDefault("database", user);
        if (!user.equals(server.config().user())) {
            throw new MillraceException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "role \"" + user + "\" does not exist");
        }
        if (!database.equals(server.config().database())) {
            throw new MillraceException(SqlState.INVALID_CATALOG_NAME,
                    "database \"" + database + "\" does not exist");
        }
        server.counters().sessionsOpened.incrementAndGet();
        server.counters().sessionsActive.incrementAndGet();
        return new Session(server, user, database, startup);
    }
}
