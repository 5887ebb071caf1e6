package io.millrace.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * PostgreSQL's text form of one-dimensional arrays, {@code {1,2,NULL}} and {@code {"a b",c}}, over
 * the elements' own text forms.
 */
public final class PgArrayText {
    private PgArrayText() {
    }

    /** The text PostgreSQL's array output function gives; a null element is NULL. */
    public static String format(List<String> elements) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String e = elements.get(i);
            if (e == null) {
                sb.append("NULL");
            } else {
                appendElement(sb, e);
            }
        }
        return sb.append('}').toString();
    }

    private static void appendElement(StringBuilder sb, String s) {
        if (!needsQuotes(s)) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    private static boolean needsQuotes(String s) {
        if (s.isEmpty() || s.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }

    /** Splits {@code {...}} into its elements' text forms (null for NULL), unquoted and unescaped. */
    public static List<String> parse(String text) {
        String s = text.strip();
        if (s.length() < 2 || s.charAt(0) != '{' || s.charAt(s.length() - 1) != '}') {
            throw malformed(text, s.startsWith("[") ? "Dimension decorations are not supported."
                    : "Array value must start with \"{\" or dimension information.");
        }
        List<String> out = new ArrayList<>();
        int i = 1;
        int end = s.length() - 1;
        i = skipSpace(s, i, end);
        if (i == end) {
            return Collections.unmodifiableList(out);
        }
        while (true) {
            i = skipSpace(s, i, end);
            if (i >= end) {
                throw malformed(text, "Unexpected end of input.");
            }
            char c = s.charAt(i);
            if (c == '{') {
                throw new MillraceException(SqlState.FEATURE_NOT_SUPPORTED,
                        "multidimensional arrays are not supported yet");
            }
            StringBuilder element = new StringBuilder();
            boolean quoted = false;
            if (c == '"') {
                quoted = true;
                i++;
                while (i < end && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < end) {
                        i++;
                    }
                    element.append(s.charAt(i++));
                }
                if (i >= end) {
                    throw malformed(text, "Unexpected end of input.");
                }
                i++;
            } else {
                while (i < end && s.charAt(i) != ',') {
                    char ch = s.charAt(i);
                    if (ch == '{' || ch == '}' || ch == '"') {
                        throw malformed(text, "Unexpected \"" + ch + "\" character.");
                    }
                    if (ch == '\\' && i + 1 < end) {
                        i++;
                    }
                    element.append(s.charAt(i++));
                }
            }
            String value = quoted ? element.toString() : element.toString().strip();
            if (!quoted && value.isEmpty()) {
                throw malformed(text, "Unexpected \",\" character.");
            }
            out.add(!quoted && value.equalsIgnoreCase("NULL") ? null : value);
            i = skipSpace(s, i, end);
            if (i == end) {
                return Collections.unmodifiableList(out);
            }
            if (s.charAt(i) != ',') {
                throw malformed(text, "Expected \",\" character.");
            }
            i++;
        }
    }

    private static int skipSpace(String s, int i, int end) {
        while (i < end && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static MillraceException malformed(String text, String detail) {
        return new MillraceException(SqlState.INVALID_TEXT_REPRESENTATION,
                "malformed array literal: \"" + text + "\"", 0, detail, null, null);
    }
}
