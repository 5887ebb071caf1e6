package io.millrace.pgwire;

import java.time.ZoneId;
import java.util.List;

/**
 * Writes rows as lines of COPY TO text or CSV, as PostgreSQL's CopyAttributeOutText and
 * CopyAttributeOutCSV do. Each line ends with a newline.
 */
final class CopyEncoder {
    private final PgResult.CopyFormat format;
    private final List<ResultColumn> columns;
    private final ZoneId zone;
    private final StringBuilder line = new StringBuilder(256);

    CopyEncoder(PgResult.CopyFormat format, List<ResultColumn> columns, ZoneId zone) {
        this.format = format;
        this.columns = columns;
        this.zone = zone;
    }

    /** The header line of column names. */
    String header() {
        line.setLength(0);
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                line.append(format.delimiter());
            }
            appendValue(columns.get(i).name());
        }
        return line.append('\n').toString();
    }

    String encode(Object[] row) {
        line.setLength(0);
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                line.append(format.delimiter());
            }
            Object value = row[i];
            if (value == null) {
                line.append(format.nullString());
            } else {
                PgType type = i < columns.size() ? columns.get(i).type() : PgType.TEXT;
                appendValue(PgValueCodec.encodeText(type, value, zone));
            }
        }
        return line.append('\n').toString();
    }

    private void appendValue(String s) {
        if (format.csv()) {
            appendCsv(s);
        } else {
            appendText(s);
        }
    }

    private void appendText(String s) {
        char delimiter = format.delimiter();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\b' -> line.append("\\b");
                case '\f' -> line.append("\\f");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                case 0x0B -> line.append("\\v");
                case '\\' -> line.append("\\\\");
                default -> {
                    if (c == delimiter) {
                        line.append('\\');
                    }
                    line.append(c);
                }
            }
        }
    }

    private void appendCsv(String s) {
        char quote = format.quote();
        char escape = format.escape();
        boolean needsQuote = s.equals(format.nullString()) || columns.size() == 1 && s.equals("\\.");
        for (int i = 0; i < s.length() && !needsQuote; i++) {
            char c = s.charAt(i);
            needsQuote = c == format.delimiter() || c == quote || c == '\n' || c == '\r';
        }
        if (!needsQuote) {
            line.append(s);
            return;
        }
        line.append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == escape) {
                line.append(escape);
            }
            line.append(c);
        }
        line.append(quote);
    }
}
