package io.millrace.server.auth;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.pgwire.AuthenticationPolicy;
import io.millrace.pgwire.Authenticator;
import io.millrace.pgwire.PasswordAuthenticators;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may connect, from where, and how they prove it: rules in the form of PostgreSQL's
 * pg_hba.conf, one per line, the first that matches deciding.
 *
 * <pre>
 * # TYPE     DATABASE  USER   ADDRESS        METHOD
 * host       all       all    127.0.0.1/32   trust
 * hostssl    all       all    0.0.0.0/0      scram-sha-256
 * </pre>
 *
 * TYPE is {@code host} (with or without TLS), {@code hostssl} or {@code hostnossl}; DATABASE and
 * USER are {@code all} or comma-separated names; ADDRESS is {@code all}, an address, or an
 * address/prefix; METHOD is {@code trust}, {@code reject}, {@code scram-sha-256}, {@code md5} or
 * {@code password}. {@code trust} is refused for anything but loopback addresses.
 */
public final class HostBasedAuthentication implements AuthenticationPolicy {
    private static final Set<String> METHODS = Set.of("trust", "reject", "scram-sha-256", "md5", "password");

    /** One line of the rules. */
    record Rule(int line, String type, Set<String> databases, Set<String> users, Cidr address, String method) {
        boolean matches(boolean encrypted, String database, String user, InetAddress client) {
            if (type.equals("hostssl") && !encrypted || type.equals("hostnossl") && encrypted) {
                return false;
            }
            return (databases.contains("all") || databases.contains(database))
                    && (users.contains("all") || users.contains(user)) && address.contains(client);
        }
    }

    /** An address range; null {@code network} stands for every address. */
    record Cidr(byte[] network, int prefix) {
        static final Cidr ALL = new Cidr(null, 0);

        static Cidr parse(String text) throws UnknownHostException {
            if (text.equals("all")) {
                return ALL;
            }
            int slash = text.indexOf('/');
            InetAddress a = InetAddress.getByName(slash < 0 ? text : text.substring(0, slash));
            byte[] bytes = a.getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("invalid prefix length in " + text);
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(InetAddress client) {
            if (network == null) {
                return true;
            }
            byte[] c = client.getAddress();
            if (c.length != network.length) {
                return false;
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(c.length * 8).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(c.length * 8 - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, c).and(mask).equals(new BigInteger(1, network).and(mask));
        }

        /** Whether every address in the range is a loopback address. */
        boolean loopbackOnly() {
            if (network == null) {
                return false;
            }
            if (network.length == 4) {
                return prefix >= 8 && (network[0] & 0xff) == 127;
            }
            return prefix == 128 && new BigInteger(1, network).equals(BigInteger.ONE);
        }
    }

    private final List<Rule> rules;
    private final Function<String, String> verifiers;

    private HostBasedAuthentication(List<Rule> rules, Function<String, String> verifiers) {
        this.rules = List.copyOf(rules);
        this.verifiers = verifiers;
    }

    /** Trust on loopback addresses only: what a server without a rules file allows. */
    public static HostBasedAuthentication loopbackTrust(Function<String, String> verifiers) {
        return parse("host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n", verifiers);
    }

    public static HostBasedAuthentication load(Path file, Function<String, String> verifiers) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), verifiers);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses rules; {@code verifiers} gives a role's password verifier (or null) when a client connects. */
    public static HostBasedAuthentication parse(String text, Function<String, String> verifiers) {
        List<Rule> rules = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (f.length == 1 && f[0].isEmpty()) {
                continue;
            }
            int n = i + 1;
            if (f.length != 5) {
                throw new IllegalArgumentException("line " + n + ": expected TYPE DATABASE USER ADDRESS METHOD");
            }
            String type = f[0].toLowerCase(Locale.ROOT);
            if (!type.equals("host") && !type.equals("hostssl") && !type.equals("hostnossl")) {
                throw new IllegalArgumentException("line " + n + ": connection type must be host, hostssl or hostnossl, "
                        + "not " + f[0]);
            }
            String method = f[4].toLowerCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("line " + n + ": unknown authentication method " + f[4]);
            }
            Cidr address;
            try {
                address = Cidr.parse(f[3]);
            } catch (UnknownHostException | RuntimeException e) {
                throw new IllegalArgumentException("line " + n + ": invalid address " + f[3]);
            }
            if (method.equals("trust") && !address.loopbackOnly()) {
                throw new IllegalArgumentException("line " + n + ": trust is only allowed for loopback addresses "
                        + "(127.0.0.0/8, ::1); use scram-sha-256 for " + f[3]);
            }
            rules.add(new Rule(n, type, Set.copyOf(List.of(f[1].split(","))), Set.copyOf(List.of(f[2].split(","))),
                    address, method));
        }
        return new HostBasedAuthentication(rules, verifiers);
    }

    /** Whether some rule lets a client from beyond this machine in (with a password, as trust is refused). */
    public boolean allowsRemoteClients() {
        return rules.stream().anyMatch(r -> !r.address().loopbackOnly() && !r.method().equals("reject"));
    }

    @Override
    public Authenticator authenticator(InetSocketAddress client, boolean encrypted) {
        return new Authenticator() {
            private Authenticator chosen;

            @Override
            public Step start(Map<String, String> startup) {
                String user = startup.get("user");
                String database = startup.getOrDefault("database", user);
                Rule rule = rules.stream().filter(r -> r.matches(encrypted, database, user, client.getAddress()))
                        .findFirst().orElse(null);
                if (rule == null) {
                    return new Step.Fail(new MillraceException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                            "no pg_hba.conf entry for host \"" + client.getAddress().getHostAddress() + "\", user \""
                                    + user + "\", database \"" + database + "\", "
                                    + (encrypted ? "SSL encryption" : "no encryption")));
                }
                chosen = switch (rule.method()) {
                    case "trust" -> Authenticator.trust();
                    case "scram-sha-256" -> PasswordAuthenticators.scram(verifiers);
                    case "md5" -> PasswordAuthenticators.md5(verifiers);
                    case "password" -> PasswordAuthenticators.cleartext(verifiers);
                    default -> null;
                };
                if (chosen == null) {
                    return new Step.Fail(new MillraceException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                            "pg_hba.conf rejects connection for host \"" + client.getAddress().getHostAddress()
                                    + "\", user \"" + user + "\", database \"" + database + "\""));
                }
                return chosen.start(startup);
            }

            @Override
            public Step respond(byte[] response) {
                return chosen.respond(response);
            }
        };
    }
}
