package io.millrace.server.session;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A session's configuration parameters (SET/SHOW/RESET): the ones PostgreSQL clients rely on,
 * with their defaults, validation, and which of them are reported to the client when they change.
 */
public final class SessionSettings {
    /** A parameter: default value, whether changes are reported (GUC_REPORT), description. */
    private record Parameter(String name, String defaultValue, boolean reported, String description) {
    }

    private static final Map<String, Parameter> PARAMETERS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        add("application_name", "", true, "Sets the application name to be reported in statistics and logs.");
        add("client_encoding", "UTF8", true, "Sets the client's character set encoding.");
        add("DateStyle", "ISO, MDY", true, "Sets the display format for date and time values.");
        add("default_transaction_isolation", "serializable", false, "Sets the transaction isolation level of each new transaction.");
        add("extra_float_digits", "1", false, "Sets the number of digits displayed for floating-point values.");
        add("integer_datetimes", "on", true, "Shows whether datetimes are integer based.");
        add("IntervalStyle", "postgres", true, "Sets the display format for interval values.");
        add("is_superuser", "on", true, "Shows whether the current user is a superuser.");
        add("max_identifier_length", "63", false, "Shows the maximum identifier length.");
        add("max_index_keys", "32", false, "Shows the maximum number of index keys.");
        add("max_function_args", "100", false, "Shows the maximum number of function arguments.");
        add("block_size", "8192", false, "Shows the size of a disk block.");
        add("password_encryption", "scram-sha-256", false, "Chooses the algorithm for encrypting passwords.");
        add("search_path", "public", false, "Sets the schema search order for names that are not schema-qualified.");
        add("server_encoding", "UTF8", true, "Shows the server (database) character set encoding.");
        add("server_version", "15.0", true, "Shows the server version.");
        add("server_version_num", "150000", false, "Shows the server version as an integer.");
        add("session_authorization", "millrace", true, "Sets the session user name.");
        add("standard_conforming_strings", "on", true, "Causes '...' strings to treat backslashes literally.");
        add("statement_timeout", "0", false, "Sets the maximum allowed duration of any statement (0 disables).");
        add("TimeZone", "UTC", true, "Sets the time zone for displaying and interpreting time stamps.");
        add("transaction_isolation", "serializable", false, "Shows the current transaction's isolation level.");
        add("transaction_read_only", "off", false, "Shows whether the current transaction is read-only.");
        add("lock_timeout", "0", false, "Sets the maximum allowed duration of any wait for a lock.");
        add("idle_in_transaction_session_timeout", "0", false, "Sets the maximum idle time in a transaction.");
    }

    private static void add(String name, String defaultValue, boolean reported, String description) {
        PARAMETERS.put(name, new Parameter(name, defaultValue, reported, description));
    }

    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** What RESET returns each parameter to: the startup packet's value, else the default. */
    private final Map<String, String> sessionDefaults = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String> changed = new LinkedHashMap<>();
    private ZoneId zone = ZoneOffset.UTC;

    SessionSettings(String user, String serverVersion, Map<String, String> startup) {
        for (Parameter p : PARAMETERS.values()) {
            values.put(p.name, p.defaultValue);
        }
        values.put("session_authorization", user);
        values.put("server_version", serverVersion);
        for (Map.Entry<String, String> e : startup.entrySet()) {
            if (PARAMETERS.containsKey(e.getKey()) && !e.getKey().equalsIgnoreCase("server_version")) {
                try {
                    set(e.getKey(), e.getValue());
                } catch (MillraceException ignored) {
                    // PostgreSQL also ignores what it cannot apply from the startup packet's options.
                }
            }
        }
        sessionDefaults.putAll(values);
        changed.clear();
    }

    /** The values reported in ParameterStatus at startup. */
    Map<String, String> reported() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Parameter p : PARAMETERS.values()) {
            if (p.reported) {
                out.put(p.name, values.get(p.name));
            }
        }
        return out;
    }

    /** Reported parameters changed since the last call. */
    Map<String, String> takeChanged() {
        if (changed.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>(changed);
        changed.clear();
        return out;
    }

    public ZoneId zone() {
        return zone;
    }

    public String get(String name) {
        String canonical = canonicalName(name);
        return values.get(canonical);
    }

    /** The parameter's name as PostgreSQL spells it, or 42704 if there is no such parameter. */
    public static String canonicalName(String name) {
        Parameter p = PARAMETERS.get(name);
        if (p == null) {
            throw new MillraceException(SqlState.UNDEFINED_OBJECT,
                    "unrecognized configuration parameter \"" + name.toLowerCase(Locale.ROOT) + "\"");
        }
        return p.name;
    }

    public static String description(String name) {
        return PARAMETERS.get(name).description;
    }

    public static Iterable<String> names() {
        return PARAMETERS.keySet();
    }

    /** pg_settings.source: session once SET changed it, client if the startup packet set it, else default. */
    public String source(String name) {
        String canonical = canonicalName(name);
        String value = values.get(canonical);
        if (!java.util.Objects.equals(value, sessionDefaults.get(canonical))) {
            return "session";
        }
        Parameter p = PARAMETERS.get(canonical);
        return !isReadOnly(canonical) && !java.util.Objects.equals(value, p.defaultValue) ? "client" : "default";
    }

    /** The built-in default (pg_settings.boot_val). */
    public String bootValue(String name) {
        return PARAMETERS.get(canonicalName(name)).defaultValue;
    }

    /** What RESET returns to (pg_settings.reset_val). */
    public String resetValue(String name) {
        return sessionDefaults.get(canonicalName(name));
    }

    /** Back to the session's value at startup (application_name stays what the client sent). */
    public void reset(String name) {
        String canonical = canonicalName(name);
        set(canonical, sessionDefaults.get(canonical));
    }

    public void resetAll() {
        for (String name : PARAMETERS.keySet()) {
            if (!isReadOnly(name)) {
                reset(name);
            }
        }
    }

    private static boolean isReadOnly(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "server_version", "server_version_num", "server_encoding", "integer_datetimes", "is_superuser",
                    "max_identifier_length", "max_index_keys", "max_function_args", "block_size",
                    "session_authorization" -> true;
            default -> false;
        };
    }

    public void set(String name, String value) {
        String canonical = canonicalName(name);
        if (isReadOnly(canonical) && !value.equals(values.get(canonical))) {
            throw new MillraceException(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                    "parameter \"" + canonical + "\" cannot be changed");
        }
        String v = value;
        switch (canonical.toLowerCase(Locale.ROOT)) {
            case "timezone" -> {
                zone = parseZone(value);
                v = value.equalsIgnoreCase("utc") ? "UTC" : value;
            }
            case "client_encoding" -> {
                String norm = value.replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
                if (!norm.equals("UTF8") && !norm.equals("UNICODE")) {
                    throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                            "client_encoding " + value + " is not supported; Millrace speaks UTF8");
                }
                v = "UTF8";
            }
            case "datestyle" -> {
                String upper = value.toUpperCase(Locale.ROOT);
                if (!upper.contains("ISO") && (upper.contains("SQL") || upper.contains("POSTGRES") || upper.contains("GERMAN"))) {
                    throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED, "only the ISO DateStyle is supported");
                }
                v = upper.contains("DMY") ? "ISO, DMY" : upper.contains("YMD") ? "ISO, YMD" : "ISO, MDY";
            }
            case "extra_float_digits" -> v = String.valueOf(parseInt(canonical, value, -15, 3));
            case "statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout" ->
                    v = String.valueOf(parseDurationMillis(canonical, value));
            case "standard_conforming_strings" -> {
                if (!value.equalsIgnoreCase("on") && !value.equalsIgnoreCase("true")) {
                    throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                            "standard_conforming_strings must be on");
                }
                v = "on";
            }
            case "default_transaction_isolation", "transaction_isolation" -> v = value.toLowerCase(Locale.ROOT);
            case "password_encryption" -> {
                v = value.toLowerCase(Locale.ROOT);
                if (!v.equals("scram-sha-256") && !v.equals("md5")) {
                    throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE,
                            "invalid value for parameter \"password_encryption\": \"" + value + "\"");
                }
            }
            default -> {
            }
        }
        String old = values.put(canonical, v);
        if (PARAMETERS.get(canonical).reported && !v.equals(old)) {
            changed.put(canonical, v);
        }
    }

    /** statement_timeout in milliseconds; 0 means none. */
    public long statementTimeoutMillis() {
        return Long.parseLong(values.get("statement_timeout"));
    }

    private static int parseInt(String name, String value, int min, int max) {
        try {
            int i = Integer.parseInt(value.trim());
            if (i < min || i > max) {
                throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE,
                        i + " is outside the valid range for parameter \"" + name + "\" (" + min + " .. " + max + ")");
            }
            return i;
        } catch (NumberFormatException e) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"" + name + "\": \"" + value + "\"");
        }
    }

    /** A duration such as 500, 500ms, 0.2s, 1.5 min or 2h, in milliseconds (a bare number is milliseconds). */
    static long parseDurationMillis(String name, String value) {
        String s = value.trim().toLowerCase(Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(us|ms|s|sec|secs|seconds?|min|mins|minutes?|h|hours?|d|days?)?")
                .matcher(s);
        if (!m.matches()) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"" + name + "\": \"" + value + "\"");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        double millis = switch (unit.charAt(0)) {
            case 'u' -> n / 1000;
            case 's' -> n * 1000;
            case 'h' -> n * 3_600_000;
            case 'd' -> n * 86_400_000;
            default -> unit.startsWith("mi") ? n * 60_000 : n;
        };
        return Math.round(millis);
    }

    static ZoneId parseZone(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("utc") || v.equalsIgnoreCase("gmt") || v.equalsIgnoreCase("z")
                || v.equalsIgnoreCase("default") || v.equalsIgnoreCase("local")) {
            return ZoneOffset.UTC;
        }
        try {
            if (v.matches("[+-]?\\d{1,2}(:\\d{2})?")) {
                // A bare number is an offset in hours east of UTC, as PostgreSQL reads SET TIME ZONE 5.
                String sign = v.startsWith("-") ? "-" : "+";
                String digits = v.replaceFirst("^[+-]", "");
                String[] parts = digits.split(":");
                return ZoneOffset.of(sign + String.format("%02d", Integer.parseInt(parts[0]))
                        + (parts.length > 1 ? ":" + parts[1] : ""));
            }
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"TimeZone\": \"" + value + "\"");
        }
    }
}
