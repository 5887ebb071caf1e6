package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.pgwire.PgSession;
import io.millrace.server.catalog.Roles;
import io.millrace.pgwire.PgSessionFactory;
import java.util.Map;

/** Opens sessions for clients that log in as a role that may, to the configured database. */
public final class SessionFactory implements PgSessionFactory {
    private final ServerContext server;

    public SessionFactory(ServerContext server) {
        this.server = server;
    }

    @Override
    public PgSession open(Map<String, String> startup) {
        String user = startup.getOrDefault("user", "");
        String database = startup.getOrDefault("database", user);
        Roles.Role role = server.roles().get(user);
        if (role == null) {
            throw new MillraceException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "role \"" + user + "\" does not exist");
        }
        if (!role.login()) {
            throw new MillraceException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "role \"" + user + "\" is not permitted to log in");
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
