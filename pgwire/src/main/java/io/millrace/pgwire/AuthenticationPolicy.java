package io.millrace.pgwire;

import java.net.InetSocketAddress;

/** Chooses how each new connection authenticates, from where it comes and whether it uses TLS. */
@FunctionalInterface
public interface AuthenticationPolicy {
    Authenticator authenticator(InetSocketAddress client, boolean encrypted);

    /** Every client is trusted. */
    static AuthenticationPolicy trustAll() {
        return (client, encrypted) -> Authenticator.trust();
    }
}
