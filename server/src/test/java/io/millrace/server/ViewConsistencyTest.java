package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A mixed workload of INSERT, UPDATE and DELETE, some in transactions; after every statement each
 * materialized view must hold exactly what its query returns when run ad hoc.
 */
class ViewConsistencyTest {
    private static final Map<String, String> VIEWS = new LinkedHashMap<>();

    static {
        VIEWS.put("v_filter", "SELECT id, amount FROM orders WHERE status = 'open' AND amount > 50");
        VIEWS.put("v_join", "SELECT o.id, c.name, o.amount FROM orders o JOIN customers c ON o.customer = c.id");
        VIEWS.put("v_agg", "SELECT customer, count(*) AS n, sum(amount) AS total, min(amount) AS lo, "
                + "max(amount) AS hi, avg(amount) AS mean, count(DISTINCT status) AS statuses FROM orders GROUP BY customer");
        VIEWS.put("v_global", "SELECT count(*) AS n, sum(amount) AS total, count(DISTINCT customer) AS customers, "
                + "min(status) AS first_status FROM orders");
        VIEWS.put("v_left", "SELECT c.region, count(o.id) AS n, sum(o.amount) AS total FROM customers c "
                + "LEFT JOIN orders o ON o.customer = c.id GROUP BY c.region");
        VIEWS.put("v_distinct", "SELECT DISTINCT status, customer FROM orders");
        VIEWS.put("v_top", "SELECT id, amount FROM orders ORDER BY amount DESC, id LIMIT 5");
        VIEWS.put("v_on_view", "SELECT name, sum(amount) AS total FROM v_join GROUP BY name HAVING sum(amount) > 100");
        VIEWS.put("v_not_in", "SELECT id FROM customers WHERE id NOT IN (SELECT customer FROM orders WHERE status = 'open')");
        VIEWS.put("v_exists", "SELECT c.name FROM customers c WHERE EXISTS "
                + "(SELECT 1 FROM orders o WHERE o.customer = c.id AND o.amount > 80)");
        VIEWS.put("v_union", "SELECT customer AS k FROM orders UNION ALL SELECT id FROM customers");
        VIEWS.put("v_self", "SELECT a.id AS a, b.id AS b FROM orders a JOIN orders b ON a.customer = b.customer AND a.id < b.id");
        VIEWS.put("v_three", "SELECT c.region, o.status, count(*) AS n FROM orders o JOIN customers c ON o.customer = c.id "
                + "JOIN regions r ON r.name = c.region WHERE r.active GROUP BY c.region, o.status");
        VIEWS.put("v_scalar", "SELECT c.id, (SELECT max(amount) FROM orders o WHERE o.customer = c.id) AS best FROM customers c");
    }

    @Test
    void everyViewEqualsItsQueryAfterEveryStatement() throws SQLException {
        Random rnd = new Random(7);
        try (TestServer server = TestServer.startTemporary(); Connection c = server.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id int PRIMARY KEY, name text, region text)");
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, customer int, amount numeric(10,2), status text)");
            s.execute("CREATE TABLE regions (name text, active boolean)");
            s.execute("INSERT INTO regions VALUES ('north', true), ('south', true), ('east', false)");
            for (int i = 0; i < 6; i++) {
                s.execute("INSERT INTO customers VALUES (" + i + ", 'c" + i + "', '" + region(rnd) + "')");
            }
            for (Map.Entry<String, String> v : VIEWS.entrySet()) {
                s.execute("CREATE MATERIALIZED VIEW " + v.getKey() + " AS " + v.getValue());
            }
            int nextOrder = 0;
            for (int step = 0; step < 250; step++) {
                boolean txn = rnd.nextInt(10) == 0;
                if (txn) {
                    s.execute("BEGIN");
                }
                int statements = txn ? 2 + rnd.nextInt(3) : 1;
                String last = null;
                for (int k = 0; k < statements; k++) {
                    last = randomStatement(rnd, nextOrder);
                    if (last.startsWith("INSERT INTO orders")) {
                        nextOrder += 3;
                    }
                    s.execute(last);
                }
                if (txn) {
                    s.execute("COMMIT");
                }
                for (Map.Entry<String, String> v : VIEWS.entrySet()) {
                    assertEquals(TestServer.sortedRows(c, v.getValue()),
                            TestServer.sortedRows(c, "SELECT * FROM " + v.getKey()),
                            "view " + v.getKey() + " after step " + step + " (" + last + ")");
                }
            }
        }
    }

    private static String region(Random rnd) {
        return List.of("north", "south", "east").get(rnd.nextInt(3));
    }

    private static String amount(Random rnd) {
        return rnd.nextInt(5) == 0 ? "NULL" : rnd.nextInt(150) + "." + rnd.nextInt(10);
    }

    private static String status(Random rnd) {
        return List.of("'open'", "'paid'", "'void'").get(rnd.nextInt(3));
    }

    private static String customer(Random rnd) {
        return rnd.nextInt(8) == 0 ? "NULL" : Integer.toString(rnd.nextInt(8));
    }

    private static String randomStatement(Random rnd, int nextOrder) {
        switch (rnd.nextInt(12)) {
            case 0, 1, 2, 3: {
                StringBuilder sb = new StringBuilder("INSERT INTO orders VALUES ");
                int rows = 1 + rnd.nextInt(3);
                for (int i = 0; i < rows; i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append('(').append(nextOrder + i).append(", ").append(customer(rnd)).append(", ")
                            .append(amount(rnd)).append(", ").append(status(rnd)).append(')');
                }
                return sb.toString();
            }
            case 4:
                return "UPDATE orders SET amount = amount + 10 WHERE customer = " + rnd.nextInt(8);
            case 5:
                return "UPDATE orders SET status = " + status(rnd) + " WHERE id % 4 = " + rnd.nextInt(4);
            case 6:
                return "UPDATE orders SET customer = " + customer(rnd) + " WHERE id = " + rnd.nextInt(nextOrder + 1);
            case 7:
                return "DELETE FROM orders WHERE id = " + rnd.nextInt(nextOrder + 1);
            case 8:
                return "DELETE FROM orders WHERE amount < " + rnd.nextInt(40);
            case 9:
                return "UPDATE customers SET region = '" + region(rnd) + "' WHERE id = " + rnd.nextInt(8);
            case 10:
                return rnd.nextBoolean() ? "DELETE FROM customers WHERE id = " + rnd.nextInt(8)
                        : "INSERT INTO customers SELECT " + (6 + rnd.nextInt(1000)) + ", 'n', 'north' "
                                + "FROM regions WHERE name = 'north'";
            default:
                return "UPDATE regions SET active = NOT active WHERE name = '" + region(rnd) + "'";
        }
    }
}
