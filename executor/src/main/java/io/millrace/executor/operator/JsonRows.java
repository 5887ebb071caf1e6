package io.millrace.executor.operator;

import io.millrace.common.MillraceException;
import io.millrace.common.PgJson;
import io.millrace.common.SqlState;
import io.millrace.executor.plan.TableFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows of the set-returning json functions for one value: its array's elements, or its
 * object's keys or members. A json value's parts keep their text as written; a jsonb's print as jsonb.
 */
final class JsonRows {
    private JsonRows() {
    }

    static List<Object[]> of(TableFunction.Kind function, String text, boolean json) {
        String name = (json ? "json" : "jsonb") + "_" + function.name().substring("JSON_".length()).toLowerCase();
        List<Map.Entry<String, String>> members = json ? PgJson.jsonMembers(text) : jsonbMembers(PgJson.parse(text));
        boolean array = members != null && (members.isEmpty() ? text.strip().startsWith("[") : members.get(0).getKey() == null);
        boolean wantsArray = function == TableFunction.Kind.JSON_ARRAY_ELEMENTS
                || function == TableFunction.Kind.JSON_ARRAY_ELEMENTS_TEXT;
        if (members == null || array != wantsArray) {
            String kind = members == null ? "a scalar" : array ? "an array" : "an object";
            throw new MillraceException(SqlState.INVALID_PARAMETER_VALUE, wantsArray
                    ? "cannot extract elements from " + (members == null ? "a scalar" : "an object")
                    : "cannot call " + name + " on " + (function == TableFunction.Kind.JSON_OBJECT_KEYS ? kind
                            : "a non-object"));
        }
        boolean asText = function == TableFunction.Kind.JSON_ARRAY_ELEMENTS_TEXT
                || function == TableFunction.Kind.JSON_EACH_TEXT;
        List<Object[]> rows = new ArrayList<>(members.size());
        for (Map.Entry<String, String> m : members) {
            Object value = asText ? text(m.getValue()) : m.getValue();
            rows.add(switch (function) {
                case JSON_OBJECT_KEYS -> new Object[] {m.getKey()};
                case JSON_EACH, JSON_EACH_TEXT -> new Object[] {m.getKey(), value};
                default -> new Object[] {value};
            });
        }
        return rows;
    }

    /** A jsonb value's members as (key, value as jsonb prints it); an array's with null keys; null for a scalar. */
    private static List<Map.Entry<String, String>> jsonbMembers(Object v) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (v instanceof Map<?, ?> map) {
            map.forEach((k, x) -> out.add(new java.util.AbstractMap.SimpleImmutableEntry<>((String) k, PgJson.write(x))));
            return out;
        }
        if (v instanceof List<?> list) {
            list.forEach(x -> out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(null, PgJson.write(x))));
            return out;
        }
        return null;
    }

    /** A member as text: a string's contents, null's SQL NULL, anything else its JSON text. */
    private static String text(String member) {
        Object v = PgJson.parse(member);
        return v == PgJson.NULL ? null : v instanceof String s ? s : member.strip();
    }
}
