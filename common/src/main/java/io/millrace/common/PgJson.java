package io.millrace.common;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON text as PostgreSQL's {@code json} and {@code jsonb} read and write it. A parsed value is a
 * {@code Map<String, Object>} (an object), a {@code List<Object>} (an array), a {@link String},
 * a {@link BigDecimal}, a {@link Boolean} or {@link #NULL}. A jsonb object keeps one value per key
 * (the last written) in jsonb's key order: shorter keys first, then by their bytes.
 */
public final class PgJson {
    /** JSON's null (a Java null is SQL's NULL). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** jsonb's key order. */
    public static final Comparator<String> KEY_ORDER = Comparator.comparingInt(PgJson::utf8Length)
            .thenComparing(Comparator.naturalOrder());

    private PgJson() {
    }

    /** The value {@code text} holds, as jsonb reads it; bad JSON is 22P02. */
    public static Object parse(String text) {
        return parse(text, "jsonb");
    }

    private static Object parse(String text, String typeName) {
        Parser p = new Parser(text, typeName);
        p.skipSpace();
        Object v = p.value();
        p.skipSpace();
        if (p.at < text.length()) {
            throw p.error("Expected end of input, but found \"" + p.token() + "\".");
        }
        return v;
    }

    /** {@code text} checked as json: json keeps its text as written. */
    public static String json(String text) {
        parse(text, "json");
        return text;
    }

    /**
     * The members of the json value {@code text} (checked JSON, as every json value is), each as
     * written there: an object's as (key, value text) in order, duplicates included; an array's as
     * (null, element text). Null for a scalar.
     */
    public static List<Map.Entry<String, String>> jsonMembers(String text) {
        Parser p = new Parser(text, "json");
        p.skipSpace();
        char c = p.at < text.length() ? text.charAt(p.at) : ' ';
        if (c != '{' && c != '[') {
            return null;
        }
        char close = c == '{' ? '}' : ']';
        List<Map.Entry<String, String>> members = new ArrayList<>();
        p.at++;
        p.skipSpace();
        while (p.at < text.length() && text.charAt(p.at) != close) {
            String key = null;
            if (c == '{') {
                key = p.string();
                p.skipSpace();
                p.at++;
                p.skipSpace();
            }
            int start = p.at;
            p.value();
            members.add(new java.util.AbstractMap.SimpleImmutableEntry<>(key, text.substring(start, p.at)));
            p.skipSpace();
            if (p.at < text.length() && text.charAt(p.at) == ',') {
                p.at++;
                p.skipSpace();
            }
        }
        return members;
    }

    /**
     * The text of one member of the json value {@code text}, as written there: the value of the
     * last member named {@code step} (a String) of an object, or element {@code step} (an Integer,
     * negative counting from the end) of an array. Null when there is none.
     */
    public static String jsonMember(String text, Object step) {
        List<Map.Entry<String, String>> members = jsonMembers(text);
        if (members == null || members.isEmpty() || (members.get(0).getKey() == null) != (step instanceof Integer)) {
            return null;
        }
        if (step instanceof Integer index) {
            int i = index < 0 ? members.size() + index : index;
            return i >= 0 && i < members.size() ? members.get(i).getValue() : null;
        }
        String found = null;
        for (Map.Entry<String, String> m : members) {
            if (m.getKey().equals(step)) {
                found = m.getValue();
            }
        }
        return found;
    }

    /** {@code text} as jsonb prints it. */
    public static String jsonb(String text) {
        return write(parse(text));
    }

    /** A value as jsonb prints it: {@code {"a": 1, "b": [true, null]}}. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(Object value, StringBuilder sb) {
        if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                quote((String) e.getKey(), sb);
                sb.append(": ");
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (value instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                write(list.get(i), sb);
            }
            sb.append(']');
        } else if (value instanceof String s) {
            quote(s, sb);
        } else if (value instanceof BigDecimal d) {
            sb.append(d.toPlainString());
        } else {
            sb.append(value);
        }
    }

    /** A string as a JSON string literal. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder();
        quote(s, sb);
        return sb.toString();
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A new empty object with jsonb's key order. */
    public static Map<String, Object> newObject() {
        return new TreeMap<>(KEY_ORDER);
    }

    /** jsonb's name for a value's kind: object, array, string, number, boolean or null. */
    public static String typeOf(Object value) {
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof BigDecimal) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return "null";
    }

    /** Whether {@code a} contains {@code b} as jsonb's {@code @>} decides. */
    public static boolean contains(Object a, Object b) {
        if (a instanceof Map<?, ?> ma) {
            if (!(b instanceof Map<?, ?> mb)) {
                return false;
            }
            for (Map.Entry<?, ?> e : mb.entrySet()) {
                if (!ma.containsKey(e.getKey()) || !contains(ma.get(e.getKey()), e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la) {
            // An array contains a scalar it holds, and an array whose every element it contains.
            List<?> wanted = b instanceof List<?> lb ? lb : b instanceof Map<?, ?> ? null : List.of(b);
            if (wanted == null) {
                return false;
            }
            for (Object w : wanted) {
                boolean found = false;
                for (Object x : la) {
                    if (!(x instanceof List<?>) || w instanceof List<?>) {
                        if (contains(x, w)) {
                            found = true;
                            break;
                        }
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
        return scalarEquals(a, b);
    }

    private static boolean scalarEquals(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a.equals(b);
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    /** A recursive-descent reader of one JSON text. */
    private static final class Parser {
        private final String text;
        private final String typeName;
        private int at;
        private int depth;

        Parser(String text, String typeName) {
            this.text = text;
            this.typeName = typeName;
        }

        MillraceException error(String detail) {
            return new MillraceException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type " + typeName, 0, detail, null, null);
        }

        String token() {
            int end = at;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && ",:]}".indexOf(text.charAt(end)) < 0
                    || end == at && end < text.length()) {
                end++;
            }
            return text.substring(at, end);
        }

        void skipSpace() {
            while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        Object value() {
            if (at >= text.length()) {
                throw error("The input string ended unexpectedly.");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                default:
                    break;
            }
            if (c == '-' || c >= '0' && c <= '9') {
                return number();
            }
            for (String word : List.of("true", "false", "null")) {
                if (text.startsWith(word, at) && (at + word.length() == text.length()
                        || !Character.isLetterOrDigit(text.charAt(at + word.length())))) {
                    at += word.length();
                    return word.equals("null") ? NULL : Boolean.valueOf(word);
                }
            }
            throw error("Token \"" + token() + "\" is invalid.");
        }

        private void enter() {
            if (++depth > 6400) {
                throw new MillraceException(SqlState.PROGRAM_LIMIT_EXCEEDED, "stack depth limit exceeded");
            }
        }

        private Object object() {
            enter();
            at++;
            Map<String, Object> map = typeName.equals("jsonb") ? newObject() : new LinkedHashMap<>();
            skipSpace();
            if (at < text.length() && text.charAt(at) == '}') {
                at++;
                depth--;
                return map;
            }
            while (true) {
                skipSpace();
                if (at >= text.length() || text.charAt(at) != '"') {
                    throw error(at >= text.length() ? "The input string ended unexpectedly."
                            : "Expected string or \"}\", but found \"" + token() + "\".");
                }
                String key = string();
                skipSpace();
                if (at >= text.length() || text.charAt(at) != ':') {
                    throw error(at >= text.length() ? "The input string ended unexpectedly."
                            : "Expected \":\", but found \"" + token() + "\".");
                }
                at++;
                skipSpace();
                map.put(key, value());
                skipSpace();
                if (at < text.length() && text.charAt(at) == ',') {
                    at++;
                    continue;
                }
                if (at < text.length() && text.charAt(at) == '}') {
                    at++;
                    depth--;
                    return map;
                }
                throw error(at >= text.length() ? "The input string ended unexpectedly."
                        : "Expected \",\" or \"}\", but found \"" + token() + "\".");
            }
        }

        private Object array() {
            enter();
            at++;
            List<Object> list = new ArrayList<>();
            skipSpace();
            if (at < text.length() && text.charAt(at) == ']') {
                at++;
                depth--;
                return list;
            }
            while (true) {
                skipSpace();
                list.add(value());
                skipSpace();
                if (at < text.length() && text.charAt(at) == ',') {
                    at++;
                    continue;
                }
                if (at < text.length() && text.charAt(at) == ']') {
                    at++;
                    depth--;
                    return list;
                }
                throw error(at >= text.length() ? "The input string ended unexpectedly."
                        : "Expected \",\" or \"]\", but found \"" + token() + "\".");
            }
        }

        private String string() {
            at++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw error("The input string ended unexpectedly.");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("Character with value 0x" + String.format("%02x", (int) c) + " must be escaped.");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    throw error("The input string ended unexpectedly.");
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length() || !text.substring(at, at + 4).matches("[0-9a-fA-F]{4}")) {
                            throw error("\"\\u\" must be followed by four hexadecimal digits.");
                        }
                        char u = (char) Integer.parseInt(text.substring(at, at + 4), 16);
                        if (u == 0 && typeName.equals("jsonb")) {
                            throw new MillraceException(SqlState.UNTRANSLATABLE_CHARACTER,
                                    "unsupported Unicode escape sequence", 0,
                                    "\\u0000 cannot be converted to text.", null, null);
                        }
                        sb.append(u);
                        at += 4;
                    }
                    default -> throw error("Escape sequence \"\\" + e + "\" is invalid.");
                }
            }
        }

        private Object number() {
            int start = at;
            if (text.charAt(at) == '-') {
                at++;
            }
            int digits = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            boolean ok = at > digits && !(text.charAt(digits) == '0' && at - digits > 1);
            if (ok && at < text.length() && text.charAt(at) == '.') {
                at++;
                int frac = at;
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                ok = at > frac;
            }
            if (ok && at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
                at++;
                if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                    at++;
                }
                int exp = at;
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                ok = at > exp;
            }
            if (!ok || at < text.length() && Character.isLetterOrDigit(text.charAt(at))) {
                at = start;
                throw error("Token \"" + token() + "\" is invalid.");
            }
            BigDecimal d = new BigDecimal(text.substring(start, at));
            // jsonb keeps a number as numeric does: exponents written out, no negative zero.
            return d.signum() == 0 ? d.abs() : d.scale() < 0 ? d.setScale(0) : d;
        }
    }
}
