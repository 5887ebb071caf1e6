package io.millrace.parser.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;

/** Small pieces shared by the unparse methods of this package. */
final class Unparsing {
    private Unparsing() {}

    /** {@code (a, b, c)}. */
    static void parenthesizedList(SqlWriter writer, List<? extends SqlNode> nodes) {
        final SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode node : nodes) {
            writer.sep(",");
            node.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }

    /** {@code a, b, c}. */
    static void commaList(SqlWriter writer, List<? extends SqlNode> nodes) {
        final SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.SIMPLE);
        for (SqlNode node : nodes) {
            writer.sep(",");
            node.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }

    /**
     * A query inside a statement, parenthesized: {@code (SELECT ...)}. The frame is a query frame
     * (WITH_BODY), so a SELECT inside does not add a second pair of parentheses.
     */
    static void parenthesizedQuery(SqlWriter writer, SqlNode query) {
        final SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.WITH_BODY, "(", ")");
        query.unparse(writer, 0, 0);
        writer.endList(frame);
    }
}
