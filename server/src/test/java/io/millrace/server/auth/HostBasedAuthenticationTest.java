package io.millrace.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.millrace.pgwire.Authenticator;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pg_hba-style rules: parsing, refusals, and which rule a connection meets. */
class HostBasedAuthenticationTest {
    private static Authenticator.Step start(HostBasedAuthentication hba, String address, boolean tls, String user) {
        return hba.authenticator(new InetSocketAddress(address, 5000), tls)
                .start(Map.of("user", user, "database", "millrace"));
    }

    @Test
    void firstMatchingRuleDecides() {
        HostBasedAuthentication hba = HostBasedAuthentication.parse("""
                # comment
                host      all  admin,admin  127.0.0.1/32  trust
                hostssl   all  all          10.0.0.0/8    scram-sha-256
                hostnossl all  all          10.1.0.0/16   reject
                host      all  all          ::1/128       trust
                """, user -> null);
        assertInstanceOf(Authenticator.Step.Ok.class, start(hba, "127.0.0.1", false, "admin"));
        Authenticator.Step scram = start(hba, "10.1.2.3", true, "alice");
        assertInstanceOf(Authenticator.Step.Challenge.class, scram);
        assertEquals(10, ((Authenticator.Step.Challenge) scram).code());
        Authenticator.Step rejected = start(hba, "10.1.2.3", false, "alice");
        assertTrue(((Authenticator.Step.Fail) rejected).error().getMessage().startsWith("pg_hba.conf rejects"));
        Authenticator.Step none = start(hba, "192.168.0.1", true, "alice");
        assertEquals("28000", ((Authenticator.Step.Fail) none).error().sqlState().code());
        assertInstanceOf(Authenticator.Step.Ok.class, start(hba, "::1", false, "anyone"));
        assertTrue(hba.allowsRemoteClients());
        assertFalse(HostBasedAuthentication.loopbackTrust(user -> null).allowsRemoteClients());
    }

    @Test
    void badRulesAreRefusedWithTheirLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostBasedAuthentication.parse("host all all 0.0.0.0/0 trust\n", user -> null));
        assertTrue(e.getMessage().startsWith("line 1: trust is only allowed for loopback addresses"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HostBasedAuthentication.parse("\nhost all all 10.0.0.0/8 kerberos\n", user -> null));
        assertEquals("line 2: unknown authentication method kerberos", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> HostBasedAuthentication.parse("local all all trust\n", user -> null));
        assertTrue(e.getMessage().startsWith("line 1: expected TYPE DATABASE USER ADDRESS METHOD"), e.getMessage());
    }
}
