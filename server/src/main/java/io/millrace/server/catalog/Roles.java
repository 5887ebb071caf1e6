package io.millrace.server.catalog;

import io.millrace.storage.Commit;
import io.millrace.storage.KeyValueIterator;
import io.millrace.storage.Keys;
import io.millrace.storage.Store;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The roles clients log in as. The bootstrap superuser (the server's {@code --user}) always exists
 * and starts without a password; the others are made with CREATE ROLE. Each is stored under META
 * {@code role:<name>}; a password is kept only as a verifier (see PasswordAuthenticators).
 */
public final class Roles {
    /** A role; {@code verifier} is null when it has no password. */
    public record Role(long oid, String name, boolean superuser, boolean login, String verifier) {
        public Role withVerifier(String newVerifier) {
            return new Role(oid, name, superuser, login, newVerifier);
        }
    }

    private static final String PREFIX = "role:";

    private final String bootstrapUser;
    private final Map<String, Role> roles = new ConcurrentHashMap<>();

    private Roles(String bootstrapUser) {
        this.bootstrapUser = bootstrapUser;
    }

    /** The roles stored in {@code store}, and the bootstrap superuser named {@code bootstrapUser}. */
    public static Roles load(Store store, String bootstrapUser) {
        Roles r = new Roles(bootstrapUser);
        r.roles.put(bootstrapUser, new Role(SystemCatalog.SUPERUSER_OID, bootstrapUser, true, true, null));
        try (KeyValueIterator it = store.scan(Keys.meta(PREFIX))) {
            while (it.next()) {
                Role role = decode(new String(it.value(), StandardCharsets.UTF_8));
                r.roles.put(role.name(), role);
            }
        }
        return r;
    }

    public String bootstrapUser() {
        return bootstrapUser;
    }

    /** The role named {@code name}, or null. */
    public Role get(String name) {
        return name == null ? null : roles.get(name);
    }

    /** The password verifier of a role that may log in, or null. */
    public String verifier(String name) {
        Role r = get(name);
        return r == null || !r.login() ? null : r.verifier();
    }

    public Collection<Role> all() {
        List<Role> out = new ArrayList<>(roles.values());
        out.sort(java.util.Comparator.comparingLong(Role::oid));
        return out;
    }

    /** Records {@code role} in {@code commit}; call {@link #applied} once it is committed. */
    public static void write(Commit commit, Role role) {
        commit.put(Keys.meta(PREFIX + role.name()), encode(role).getBytes(StandardCharsets.UTF_8));
    }

    public static void delete(Commit commit, String name) {
        commit.delete(Keys.meta(PREFIX + name));
    }

    public void applied(Role role) {
        roles.put(role.name(), role);
    }

    public void removed(String name) {
        roles.remove(name);
    }

    private static String encode(Role r) {
        return r.oid() + "\n" + r.superuser() + "\n" + r.login() + "\n" + (r.verifier() == null ? "" : r.verifier())
                + "\n" + r.name();
    }

    private static Role decode(String text) {
        String[] parts = text.split("\n", 5);
        return new Role(Long.parseLong(parts[0]), parts[4], Boolean.parseBoolean(parts[1]),
                Boolean.parseBoolean(parts[2]), parts[3].isEmpty() ? null : parts[3]);
    }
}
