package io.millrace.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DdlTest {
    private static Ddl one(String sql) {
        List<Ddl> all = Ddl.classifyAll(sql);
        assertEquals(1, all.size());
        return all.get(0);
    }

    @Test
    void creates() {
        Ddl t = one("CREATE TABLE T1 (a INT)");
        assertEquals(Ddl.Action.CREATE, t.action());
        assertEquals("TABLE", t.kind());
        assertEquals(List.of("t1"), t.names());
        assertEquals("VIEW", one("create or replace view public.v as select 1").kind());
        assertTrue(one("create or replace view public.v as select 1").orReplace());
        assertEquals(List.of("v"), one("create or replace view public.v as select 1").names());
        assertEquals("MATERIALIZED VIEW", one("CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT 1").kind());
        assertEquals(List.of("mv"), one("CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT 1").names());
        assertEquals(List.of("tmp"), one("CREATE TEMPORARY TABLE tmp (a int)").names());
        assertEquals(List.of("Quoted"), one("CREATE TABLE \"Quoted\" (a int)").names());
        assertEquals("SOURCE", one("CREATE SOURCE s (a int) WITH (connector = 'datagen')").kind());
        assertEquals("SEQUENCE", one("CREATE SEQUENCE IF NOT EXISTS s START 10").kind());
        assertEquals(List.of("s"), one("DROP SEQUENCE s CASCADE").names());
        assertEquals(Ddl.Action.OTHER, one("CREATE INDEX i ON t(a)").action());
    }

    @Test
    void dropsAndAlters() {
        Ddl d = one("DROP TABLE IF EXISTS a, b.c CASCADE");
        assertEquals(Ddl.Action.DROP, d.action());
        assertEquals(List.of("a", "c"), d.names());
        assertEquals("MATERIALIZED VIEW", one("drop materialized view mv").kind());
        assertEquals(Ddl.Action.OTHER, one("DROP INDEX i").action());
        Ddl a = one("ALTER TABLE ONLY t ADD COLUMN c INT");
        assertEquals(Ddl.Action.ALTER, a.action());
        assertEquals(List.of("t"), a.names());
    }

    @Test
    void splitsStatementsOnSemicolons() {
        List<Ddl> all = Ddl.classifyAll("DROP VIEW v; CREATE VIEW v AS SELECT ';' FROM t; INSERT INTO t VALUES (1)");
        assertEquals(3, all.size());
        assertEquals(Ddl.Action.DROP, all.get(0).action());
        assertEquals(Ddl.Action.CREATE, all.get(1).action());
        assertTrue(all.get(1).identifiers().contains("t"));
        assertEquals(Ddl.Action.OTHER, all.get(2).action());
    }
}
