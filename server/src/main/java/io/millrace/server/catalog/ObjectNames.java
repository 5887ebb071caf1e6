package io.millrace.server.catalog;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * The names PostgreSQL gives the indexes and constraints a statement does not name
 * ({@code ChooseRelationName}): {@code t_a_b_key} for a UNIQUE constraint on {@code t (a, b)},
 * {@code t_a_idx} for an index, made at most 63 bytes long (NAMEDATALEN - 1) by shortening the
 * longer of table and columns part, and numbered ({@code t_a_key1}, ...) while the name is taken.
 */
public final class ObjectNames {
    private static final int MAX_NAME_BYTES = 63;

    private ObjectNames() {
    }

    /**
     * The name for an object of {@code table} over {@code columns}, ending in {@code label}
     * ("key", "idx"), that {@code taken} does not refuse.
     */
    public static String choose(String table, List<String> columns, String label, Predicate<String> taken) {
        String columnsPart = columnsPart(columns);
        String name = objectName(table, columnsPart, label);
        for (int pass = 1; taken.test(name); pass++) {
            name = objectName(table, columnsPart, label + pass);
        }
        return name;
    }

    /** The column names joined by "_", stopping once the join is a name long (ChooseIndexNameAddition). */
    private static String columnsPart(List<String> columns) {
        StringBuilder sb = new StringBuilder();
        for (String column : columns) {
            if (sb.length() > 0) {
                sb.append('_');
            }
            sb.append(clip(column, MAX_NAME_BYTES));
            if (bytes(sb.toString()) > MAX_NAME_BYTES) {
                break;
            }
        }
        return sb.toString();
    }

    /** {@code name1_name2_label}, the longer of the names shortened first to fit (makeObjectName). */
    private static String objectName(String name1, String name2, String label) {
        int available = MAX_NAME_BYTES - 2 - bytes(label);
        int length1 = bytes(name1);
        int length2 = bytes(name2);
        while (length1 + length2 > available) {
            if (length1 > length2) {
                length1--;
            } else {
                length2--;
            }
        }
        return clip(name1, length1) + "_" + clip(name2, length2) + "_" + label;
    }

    /** The longest prefix of whole characters of {@code s} that is at most {@code maxBytes} in UTF-8. */
    private static String clip(String s, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
