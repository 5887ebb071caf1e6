package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What GUI tools send on connect and while browsing: DBeaver's and DataGrip's metadata queries
 * (src/test/resources/gui/, as server logs record them) run through pgjdbc with their parameters
 * bound as the tools bind them, against a schema with a table (with a serial column and a
 * default), an index, a view and a materialized view; none may fail, and the answers name those
 * objects.
 */
class GuiToolsTest {
    private static TestServer server;
    private static Connection conn;

    @BeforeAll
    static void start() throws SQLException {
        server = TestServer.startTemporary();
        conn = server.connect();
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) DEFAULT 0)");
            s.execute("CREATE INDEX orders_customer ON orders (customer)");
            s.execute("CREATE VIEW big AS SELECT id, amount FROM orders WHERE amount > 100");
            s.execute("CREATE MATERIALIZED VIEW per_customer AS SELECT customer, count(*) AS n FROM orders GROUP BY customer");
            s.execute("INSERT INTO orders SELECT n, 'c' || (n % 7), n FROM generate_series(1, 500) AS n");
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        conn.close();
        server.close();
    }

    private record Query(String purpose, List<String> parameters, String sql) {
    }

    private static List<Query> queries(String resource) throws IOException {
        String text;
        try (InputStream in = GuiToolsTest.class.getResourceAsStream(resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Query> out = new ArrayList<>();
        for (String block : text.split("(?m)^-- query: ")) {
            if (block.startsWith("--") || block.isBlank()) {
                continue;
            }
            int eol = block.indexOf('\n');
            String[] head = block.substring(0, eol).split("\\|", -1);
            List<String> params = head[1].isBlank() ? List.of() : List.of(head[1].strip().split(","));
            out.add(new Query(head[0].strip(), params, block.substring(eol + 1).strip()));
        }
        return out;
    }

    /** Runs each query of a resource, binding its parameters by kind; the rows of each purpose, as "label=value" lists. */
    private static Map<String, List<List<String>>> replay(String resource, long tableOid) throws Exception {
        Map<String, List<List<String>>> answers = new LinkedHashMap<>();
        for (Query q : queries(resource)) {
            try (PreparedStatement ps = conn.prepareStatement(q.sql())) {
                for (int i = 0; i < q.parameters().size(); i++) {
                    String kind = q.parameters().get(i);
                    switch (kind) {
                        case "type_oid" -> ps.setLong(i + 1, 1034);
                        case "schema_oid" -> ps.setLong(i + 1, 2200);
                        case "table_oid" -> ps.setLong(i + 1, tableOid);
                        case "database" -> ps.setString(i + 1, "millrace");
                        case "setting" -> ps.setString(i + 1, "standard_conforming_strings");
                        case "schema_name" -> ps.setString(i + 1, "public");
                        case "table_name" -> ps.setString(i + 1, "orders");
                        default -> {
                            if (!kind.startsWith("xid:")) {
                                throw new AssertionError("parameter kind " + kind);
                            }
                            ps.setLong(i + 1, Long.parseLong(kind.substring(4)));
                        }
                    }
                }
                List<List<String>> rows = new ArrayList<>();
                if (ps.execute()) {
                    try (ResultSet rs = ps.getResultSet()) {
                        while (rs.next()) {
                            List<String> row = new ArrayList<>();
                            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                                row.add(rs.getMetaData().getColumnLabel(c) + "=" + rs.getString(c));
                            }
                            rows.add(row);
                        }
                    }
                }
                answers.merge(q.purpose(), rows, (a, b) -> {
                    List<List<String>> all = new ArrayList<>(a);
                    all.addAll(b);
                    return all;
                });
            } catch (SQLException e) {
                throw new AssertionError(q.purpose() + ": " + e.getMessage() + "\n" + q.sql(), e);
            }
        }
        return answers;
    }

    private static long ordersOid() throws SQLException {
        return Long.parseLong(TestServer.rows(conn, "SELECT 'orders'::regclass::int8").get(0).get(0));
    }

    @Test
    void dbeaverBrowsesTheSchemaAndATable() throws Exception {
        long tableOid = ordersOid();
        assertEquals(36, queries("/gui/dbeaver.sql").size());
        Map<String, List<List<String>>> answers = replay("/gui/dbeaver.sql", tableOid);
        assertTrue(answers.get("List schemas").toString().contains("nspname=public"), answers.get("List schemas").toString());
        String tables = answers.get("List tables, views, materialized views, sequences, foreign and partitioned tables "
                + "of a schema").toString();
        assertTrue(tables.contains("relname=orders") && tables.contains("relname=big")
                && tables.contains("relname=per_customer"), tables);
        assertTrue(tables.contains("relname=orders_id_seq"), tables);
        String columns = answers.get("Columns of a table").toString();
        assertTrue(columns.contains("attname=id") && columns.contains("attname=customer")
                && columns.contains("attname=amount"), columns);
        assertTrue(columns.contains("def_value=nextval('orders_id_seq'::regclass)") && columns.contains("def_value=0"),
                columns);
        String indexes = answers.get("Indexes of a table").toString();
        assertTrue(indexes.contains("relname=orders_pkey") && indexes.contains("relname=orders_customer"), indexes);
        assertTrue(answers.get("Constraints (PK/UK/FK/CHECK/EXCLUDE) of a table").toString().contains("orders_pkey"));
        // Sizes are the storage's estimate: the table holds its 500 rows somewhere.
        List<String> ordersSize = answers.get("Relation sizes for the whole schema").stream()
                .filter(r -> r.get(0).equals("oid=" + tableOid)).findFirst().orElseThrow();
        assertTrue(Long.parseLong(ordersSize.get(1).substring("total_rel_size=".length())) > 0, ordersSize.toString());
        String keywords = answers.get("SQL keywords").toString();
        assertTrue(keywords.contains("select") || keywords.contains("materialized"), keywords);
    }

    /** DataGrip's introspection: the 32 queries it sends. */
    @Test
    void dataGripIntrospectsTheSchema() throws Exception {
        assertEquals(32, queries("/gui/datagrip.sql").size());
        long ordersOid = ordersOid();
        Map<String, List<List<String>>> answers = replay("/gui/datagrip.sql", ordersOid);
        assertTrue(answers.get("List schemas").toString().contains("name=public"), answers.get("List schemas").toString());
        String tables = answers.get("List tables, views, materialized views, foreign and partitioned tables of a schema")
                .toString();
        // The ids of the schema's relations, the relations, then the views' definitions.
        assertTrue(tables.contains("oid=" + ordersOid) && tables.contains("table_name=orders")
                && tables.contains("view_kind=m") && tables.contains("GROUP BY customer"), tables);
        String indexes = answers.get("Indexes of all tables in a schema").toString();
        assertTrue(indexes.contains("index_name=orders_customer"), indexes);
        // Index columns by position: DataGrip reads indkey[k-1], an int2vector counted from 0.
        assertTrue(indexes.contains("col_idx=1, in_key=t, column_position=2"), indexes);
        String columns = answers.get("Columns of all tables in a schema").toString();
        assertTrue(columns.contains("column_name=customer") && columns.contains("column_name=amount"), columns);
        assertTrue(columns.contains("column_default_expression=nextval('orders_id_seq'::regclass)"), columns);
        String sequences = answers.get("Other per-schema objects: sequences, types and triggers").toString();
        assertTrue(sequences.contains("sequence_name=orders_id_seq, data_type=integer, start_value=1"), sequences);
        String constraints = answers.get("Constraints (PK/UK/FK/CHECK/EXCLUDE) of all tables in a schema").toString();
        assertTrue(constraints.contains("con_name=orders_pkey, con_kind=p, con_columns={1}")
                && constraints.contains("excl_operators_str={}"), constraints);
        // Every object has changed since transaction 0: the change detection says so.
        assertTrue(answers.get("Schema change detection (decides whether to re-introspect a schema)").toString()
                .contains("has_changes=t"), answers.toString());
    }
}
