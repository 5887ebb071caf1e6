package io.millrace.executor.expr;

import io.millrace.common.MillraceException;
import io.millrace.common.PgJson;
import io.millrace.common.SqlState;
import io.millrace.executor.batch.Column;
import io.millrace.executor.batch.ColumnBuilder;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.TypeKind;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's json and jsonb operators and functions. Values are held as text (json as written,
 * jsonb as it prints); each function parses what it reads ({@link PgJson}). A json result taken
 * out of a json value keeps the text it had there, as in PostgreSQL.
 */
final class JsonFunctions {
    private JsonFunctions() {
    }

    /** The body of a strict json function (no argument is NULL). */
    static ScalarFunctions.Body body(Function fn, List<Expr> args, DataType type, ZoneId zone) {
        boolean json = !args.isEmpty() && args.get(0).type().kind() == TypeKind.JSON;
        return switch (fn) {
            case JSON_GET -> a -> get(json, (String) a[0], step(a[1], args.get(1).type()), false);
            case JSON_GET_TEXT -> a -> get(json, (String) a[0], step(a[1], args.get(1).type()), true);
            case JSON_PATH, JSON_PATH_TEXT -> a -> {
                String member = json ? jsonPath((String) a[0], (List<?>) a[1])
                        : jsonbPath(PgJson.parse((String) a[0]), (List<?>) a[1]);
                return member == null || fn == Function.JSON_PATH ? member : asText(json, member);
            };
            case JSON_CONTAINS -> a -> PgJson.contains(PgJson.parse((String) a[0]), PgJson.parse((String) a[1]));
            case JSON_CONTAINED -> a -> PgJson.contains(PgJson.parse((String) a[1]), PgJson.parse((String) a[0]));
            case JSON_EXISTS -> a -> {
                Object v = PgJson.parse((String) a[0]);
                String key = (String) a[1];
                return v instanceof Map<?, ?> map ? map.containsKey(key)
                        : v instanceof List<?> list ? list.contains(key) : key.equals(v);
            };
            case JSON_CONCAT -> a -> PgJson.write(concat(PgJson.parse((String) a[0]), PgJson.parse((String) a[1])));
            case JSON_DELETE -> a -> PgJson.write(delete(PgJson.parse((String) a[0]), a[1]));
            case JSON_TYPEOF -> a -> PgJson.typeOf(PgJson.parse((String) a[0]));
            case JSON_ARRAY_LENGTH -> a -> {
                Object v = PgJson.parse((String) a[0]);
                if (!(v instanceof List<?> list)) {
                    throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "cannot get array length of a "
                            + (v instanceof Map<?, ?> ? "non-array" : "scalar"));
                }
                return (long) list.size();
            };
            case TO_JSON -> {
                java.util.function.Function<Object, Object> convert = toJson(args.get(0).type(), zone);
                yield type.kind() == TypeKind.JSONB ? a -> PgJson.write(convert.apply(a[0]))
                        : args.get(0).type().kind() == TypeKind.JSON ? a -> a[0]
                        : a -> compact(convert.apply(a[0]));
            }
            case JSON_SET -> a -> PgJson.write(set(PgJson.parse((String) a[0]), (List<?>) a[1], 0,
                    PgJson.parse((String) a[2]), a.length < 4 || (Boolean) a[3]));
            case JSON_PRETTY -> a -> {
                StringBuilder sb = new StringBuilder();
                pretty(PgJson.parse((String) a[0]), 0, sb);
                return sb.toString();
            };
            case JSON_STRIP_NULLS -> a -> PgJson.write(stripNulls(PgJson.parse((String) a[0])));
            default -> throw new IllegalStateException("not a strict json function: " + fn);
        };
    }

    /** json_build_object and json_build_array (and the jsonb ones), whose NULL arguments are JSON nulls. */
    static Kernel build(Function fn, List<Kernel> args, List<Expr> argExprs, DataType type, ZoneId zone) {
        boolean object = fn == Function.JSON_BUILD_OBJECT;
        if (object && args.size() % 2 != 0) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE,
                    "argument list must have even number of elements", 0, null,
                    "The arguments of " + type + "_build_object() must consist of alternating keys and values.", null);
        }
        List<java.util.function.Function<Object, Object>> converts = new ArrayList<>();
        for (Expr e : argExprs) {
            converts.add(toJson(e.type(), zone));
        }
        boolean binary = type.kind() == TypeKind.JSONB;
        return in -> {
            int n = in.rowCount();
            Column[] cols = Kernel.evalAll(args, in);
            ColumnBuilder out = new ColumnBuilder(type, n);
            for (int i = 0; i < n; i++) {
                // jsonb normalises the members; json writes them as given, " : " between key and value.
                StringBuilder json = binary ? null : new StringBuilder(object ? "{" : "[");
                Map<String, Object> members = binary && object ? PgJson.newObject() : null;
                List<Object> elements = binary && !object ? new ArrayList<>() : null;
                for (int a = 0; a < cols.length; a++) {
                    Object v = cols[a].get(i);
                    Object value = v == null ? PgJson.NULL : converts.get(a).apply(v);
                    if (object && a % 2 == 0) {
                        if (v == null) {
                            throw new MillraceException(SqlState.NULL_VALUE_NOT_ALLOWED,
                                    "argument " + (a + 1) + ": key must not be null");
                        }
                        String key = value instanceof String s ? s : compact(value);
                        Object member = cols[a + 1].get(i) == null ? PgJson.NULL
                                : converts.get(a + 1).apply(cols[a + 1].get(i));
                        if (binary) {
                            members.put(key, member);
                        } else {
                            json.append(a == 0 ? "" : ", ").append(PgJson.quote(key)).append(" : ").append(compact(member));
                        }
                        a++;
                    } else if (!object) {
                        if (binary) {
                            elements.add(value);
                        } else {
                            json.append(a == 0 ? "" : ", ").append(compact(value));
                        }
                    }
                }
                out.append(binary ? PgJson.write(object ? members : elements) : json.append(object ? "}" : "]").toString());
            }
            return out.build();
        };
    }

    /** A JSON value written without spaces, as to_json writes arrays. */
    private static String compact(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(sb.length() == 1 ? "" : ",").append(PgJson.quote((String) e.getKey())).append(':')
                        .append(compact(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (Object e : list) {
                sb.append(sb.length() == 1 ? "" : ",").append(compact(e));
            }
            return sb.append(']').toString();
        }
        return PgJson.write(value);
    }

    /** How to_json reads a value of {@code type}: numbers stay numbers, text and times become strings. */
    static java.util.function.Function<Object, Object> toJson(DataType type, ZoneId zone) {
        return switch (type.kind()) {
            case BOOLEAN -> v -> v;
            case SMALLINT, INTEGER, BIGINT -> v -> BigDecimal.valueOf((Long) v);
            case NUMERIC -> v -> v;
            case REAL, DOUBLE -> {
                Casts.Converter text = Casts.toText(type, zone);
                // A finite float is a JSON number as it prints; NaN and infinities are strings.
                yield v -> Double.isFinite((Double) v) ? new BigDecimal(text.convert(v).toString()) : text.convert(v);
            }
            case JSON, JSONB -> v -> PgJson.parse((String) v);
            case TIMESTAMP, TIMESTAMPTZ -> {
                Casts.Converter text = Casts.toText(type, zone);
                yield v -> {
                    // ISO 8601 as JSON writes times: a T between date and time, a full zone offset.
                    String s = text.convert(v).toString().replace(' ', 'T');
                    return type.kind() == TypeKind.TIMESTAMPTZ && s.matches(".*[+-]\\d\\d$") ? s + ":00" : s;
                };
            }
            case ARRAY -> {
                java.util.function.Function<Object, Object> element = toJson(type.element(), zone);
                yield v -> {
                    List<Object> out = new ArrayList<>();
                    for (Object e : (List<?>) v) {
                        out.add(e == null ? PgJson.NULL : element.apply(e));
                    }
                    return out;
                };
            }
            default -> {
                Casts.Converter text = Casts.toText(type, zone);
                yield v -> text.convert(v).toString();
            }
        };
    }

    /** The key or index an operand of -> names. */
    private static Object step(Object operand, DataType type) {
        return type.kind().isInteger() ? (Object) (int) (long) (Long) operand : operand;
    }

    /** #> over json: each step reads the member's text where it is written. */
    private static String jsonPath(String text, List<?> path) {
        String current = text;
        for (Object key : path) {
            if (current == null || key == null) {
                return null;
            }
            current = get(true, current, current.stripLeading().startsWith("[") ? index((String) key) : key, false);
        }
        return current;
    }

    /** #> over jsonb: one walk down the parsed value, written out once at the end. */
    private static String jsonbPath(Object value, List<?> path) {
        Object current = value;
        for (Object key : path) {
            if (key == null) {
                return null;
            }
            if (current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else if (current instanceof List<?> list && index((String) key) != null) {
                int index = index((String) key);
                int i = index < 0 ? list.size() + index : index;
                current = i >= 0 && i < list.size() ? list.get(i) : null;
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return PgJson.write(current);
    }

    /** A path element read as an array index, or null when it is not a number. */
    private static Integer index(String key) {
        try {
            return Integer.parseInt(key.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The member {@code step} of a json or jsonb value, as json text, or as text with {@code asText}. */
    private static String get(boolean json, String text, Object step, boolean asText) {
        if (step == null) {
            return null;
        }
        String member;
        if (json) {
            member = PgJson.jsonMember(text, step);
        } else {
            Object v = PgJson.parse(text);
            Object m = null;
            if (v instanceof Map<?, ?> map && step instanceof String key) {
                m = map.get(key);
            } else if (v instanceof List<?> list && step instanceof Integer index) {
                int i = index < 0 ? list.size() + index : index;
                m = i >= 0 && i < list.size() ? list.get(i) : null;
            }
            member = m == null ? null : PgJson.write(m);
        }
        return member == null || !asText ? member : asText(json, member);
    }

    /** ->> and #>>: a string's contents, null's SQL NULL, anything else its JSON text. */
    private static String asText(boolean json, String member) {
        Object v = PgJson.parse(member);
        if (v == PgJson.NULL) {
            return null;
        }
        return v instanceof String s ? s : json ? member.strip() : member;
    }

    /** jsonb ||: two objects merge (the right one's keys win); otherwise arrays concatenate, scalars as one-element arrays. */
    private static Object concat(Object a, Object b) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Map<String, Object> out = PgJson.newObject();
            ma.forEach((k, v) -> out.put((String) k, v));
            mb.forEach((k, v) -> out.put((String) k, v));
            return out;
        }
        List<Object> out = new ArrayList<>();
        addAll(out, a);
        addAll(out, b);
        return out;
    }

    private static void addAll(List<Object> out, Object v) {
        if (v instanceof List<?> list) {
            out.addAll(list);
        } else {
            out.add(v);
        }
    }

    /** jsonb - key (from an object, or matching strings from an array) and jsonb - index (from an array). */
    private static Object delete(Object v, Object what) {
        if (what instanceof String key) {
            if (v instanceof Map<?, ?> map) {
                Map<String, Object> out = PgJson.newObject();
                map.forEach((k, x) -> {
                    if (!k.equals(key)) {
                        out.put((String) k, x);
                    }
                });
                return out;
            }
            if (v instanceof List<?> list) {
                return list.stream().filter(x -> !key.equals(x)).toList();
            }
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
        }
        if (!(v instanceof List<?> list)) {
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, v instanceof Map<?, ?>
                    ? "cannot delete from object using integer index" : "cannot delete from scalar");
        }
        int index = (int) (long) (Long) what;
        int i = index < 0 ? list.size() + index : index;
        List<Object> out = new ArrayList<>(list);
        if (i >= 0 && i < out.size()) {
            out.remove(i);
        }
        return out;
    }

    /** jsonb_set: the value at {@code path} replaced (or, with {@code create}, added where its parent exists). */
    private static Object set(Object v, List<?> path, int depth, Object replacement, boolean create) {
        if (depth == path.size()) {
            return replacement;
        }
        String key = (String) path.get(depth);
        if (key == null) {
            throw new MillraceException(SqlState.NULL_VALUE_NOT_ALLOWED, "path element at position " + (depth + 1)
                    + " is null");
        }
        if (v instanceof Map<?, ?> map) {
            if (!map.containsKey(key) && (!create || depth < path.size() - 1)) {
                return v;
            }
            Map<String, Object> out = PgJson.newObject();
            map.forEach((k, x) -> out.put((String) k, x));
            out.put(key, map.containsKey(key) ? set(map.get(key), path, depth + 1, replacement, create) : replacement);
            return out;
        }
        if (v instanceof List<?> list) {
            int index;
            try {
                index = Integer.parseInt(key.strip());
            } catch (NumberFormatException e) {
                throw new MillraceException(SqlState.INVALID_TEXT_REPRESENTATION, "path element at position "
                        + (depth + 1) + " is not an integer: \"" + key + "\"");
            }
            List<Object> out = new ArrayList<>(list);
            int i = index < 0 ? list.size() + index : index;
            if (i >= 0 && i < list.size()) {
                out.set(i, set(list.get(i), path, depth + 1, replacement, create));
            } else if (create && depth == path.size() - 1) {
                if (i < 0) {
                    out.add(0, replacement);
                } else {
                    out.add(replacement);
                }
            }
            return out;
        }
        return v;
    }

    private static Object stripNulls(Object v) {
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = PgJson.newObject();
            map.forEach((k, x) -> {
                if (x != PgJson.NULL) {
                    out.put((String) k, stripNulls(x));
                }
            });
            return out;
        }
        if (v instanceof List<?> list) {
            return list.stream().map(JsonFunctions::stripNulls).toList();
        }
        return v;
    }

    /** jsonb_pretty: one member per line, indented four spaces a level. */
    private static void pretty(Object v, int depth, StringBuilder sb) {
        String indent = "    ".repeat(depth + 1);
        if (v instanceof Map<?, ?> map && !map.isEmpty()) {
            sb.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(indent).append(PgJson.quote((String) e.getKey())).append(": ");
                pretty(e.getValue(), depth + 1, sb);
                sb.append(++i < map.size() ? ",\n" : "\n");
            }
            sb.append("    ".repeat(depth)).append('}');
        } else if (v instanceof List<?> list && !list.isEmpty()) {
            sb.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                sb.append(indent);
                pretty(list.get(i), depth + 1, sb);
                sb.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            sb.append("    ".repeat(depth)).append(']');
        } else {
            sb.append(PgJson.write(v));
        }
    }
}
