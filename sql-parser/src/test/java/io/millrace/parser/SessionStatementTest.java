package io.millrace.parser;

import static io.millrace.parser.ParserAssertions.assertSyntaxError;
import static io.millrace.parser.ParserAssertions.parseOne;
import static io.millrace.parser.ParserAssertions.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.millrace.parser.ddl.SqlDeallocate;
import io.millrace.parser.ddl.SqlResetVariable;
import io.millrace.parser.ddl.SqlSetVariable;
import io.millrace.parser.ddl.SqlShow;
import io.millrace.parser.ddl.SqlTransactionStatement;
import io.millrace.parser.ddl.StatementKind;
import io.millrace.parser.ddl.TransactionModes;
import io.millrace.parser.ddl.TransactionModes.IsolationLevel;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SHOW, SET, RESET and transaction control. */
class SessionStatementTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SHOW TABLES                         | TABLES
            show views                          | VIEWS
            SHOW MATERIALIZED VIEWS             | MATERIALIZED_VIEWS
            SHOW SOURCES                        | SOURCES
            SHOW SINKS                          | SINKS
            SHOW INDEXES                        | INDEXES
            SHOW ALL                            | ALL
            """)
    void showLists(String sql, SqlShow.Kind kind) {
        final SqlShow show = parseOne(sql, SqlShow.class);
        assertEquals(StatementKind.SHOW, show.statementKind());
        assertEquals(kind, show.what());
        assertNull(show.target());
        assertNull(show.settingName());
        roundTrip(sql);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SHOW COLUMNS FROM s.t                  | COLUMNS                  | s.t
            SHOW COLUMNS IN t                      | COLUMNS                  | t
            SHOW INDEXES FROM t                    | INDEXES                  | t
            SHOW CREATE TABLE t                    | CREATE_TABLE             | t
            SHOW CREATE VIEW "V"                   | CREATE_VIEW              | V
            SHOW CREATE MATERIALIZED VIEW s.mv     | CREATE_MATERIALIZED_VIEW | s.mv
            """)
    void showWithATarget(String sql, SqlShow.Kind kind, String target) {
        final SqlShow show = parseOne(sql, SqlShow.class);
        assertEquals(kind, show.what());
        assertEquals(target, show.target().toString());
        roundTrip(sql);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SHOW TimeZone                       | timezone
            SHOW "TimeZone"                     | timezone
            SHOW TIME ZONE                      | timezone
            SHOW search_path                    | search_path
            SHOW transaction isolation level    | transaction_isolation
            SHOW transaction_isolation          | transaction_isolation
            SHOW server_version;                | server_version
            SHOW my.custom_setting              | my.custom_setting
            """)
    void showSetting(String sql, String setting) {
        final SqlShow show = parseOne(sql, SqlShow.class);
        assertEquals(SqlShow.Kind.SETTING, show.what());
        assertEquals(setting, show.settingName());
    }

    @Test
    void setWithToOrEquals() {
        final SqlSetVariable set = parseOne("SET search_path TO public, \"$user\", 'x'", SqlSetVariable.class);
        assertEquals(StatementKind.SET_VARIABLE, set.statementKind());
        assertEquals("search_path", set.name());
        assertEquals(List.of("public", "$user", "x"), set.valueTexts());
        assertInstanceOf(SqlIdentifier.class, set.values().get(0));
        assertInstanceOf(SqlLiteral.class, set.values().get(2));
        assertFalse(set.local());
        assertFalse(set.isDefault());

        final SqlSetVariable eq = parseOne("SET extra_float_digits = -3", SqlSetVariable.class);
        assertEquals(List.of("-3"), eq.valueTexts());
        assertEquals(List.of("on"), parseOne("set standard_conforming_strings = on", SqlSetVariable.class).valueTexts());
        assertEquals(List.of("warning"), parseOne("SET client_min_messages TO WARNING", SqlSetVariable.class).valueTexts());
        assertEquals(List.of("true"), parseOne("SET x = true", SqlSetVariable.class).valueTexts());
        assertEquals("datestyle", parseOne("SET DateStyle TO ISO, MDY", SqlSetVariable.class).name());
    }

    @Test
    void setSessionLocalAndDefault() {
        final SqlSetVariable local = parseOne("SET LOCAL statement_timeout = 0", SqlSetVariable.class);
        assertTrue(local.local());
        final SqlSetVariable session = parseOne("SET SESSION application_name = 'psql'", SqlSetVariable.class);
        assertFalse(session.local());
        assertEquals(List.of("psql"), session.valueTexts());
        final SqlSetVariable dflt = parseOne("SET application_name TO DEFAULT", SqlSetVariable.class);
        assertTrue(dflt.isDefault());
        assertEquals(List.of(), dflt.valueTexts());
        // a setting that is itself called "local" or "session"
        assertEquals("session", parseOne("SET session = 1", SqlSetVariable.class).name());
    }

    @Test
    void setTimeZone() {
        final SqlSetVariable tz = parseOne("SET TIME ZONE 'Europe/Paris'", SqlSetVariable.class);
        assertEquals("timezone", tz.name());
        assertEquals(List.of("Europe/Paris"), tz.valueTexts());
        assertTrue(parseOne("SET TIME ZONE LOCAL", SqlSetVariable.class).isDefault());
        assertTrue(parseOne("SET TIME ZONE DEFAULT", SqlSetVariable.class).isDefault());
        assertEquals(List.of("UTC"), parseOne("SET TimeZone = 'UTC'", SqlSetVariable.class).valueTexts());
        assertTrue(parseOne("SET LOCAL TIME ZONE 0", SqlSetVariable.class).local());
    }

    @Test
    void setRoundTrips() {
        assertEquals("SET LOCAL search_path TO public, 'x'", roundTrip("set local search_path = public, 'x'"));
        assertEquals("SET timezone TO DEFAULT", roundTrip("set time zone default"));
    }

    @Test
    void calcitesAlterSessionSetComesOutAsSet() {
        final SqlSetVariable set = parseOne("ALTER SESSION SET x = 1", SqlSetVariable.class);
        assertEquals("x", set.name());
        assertEquals("SESSION", set.getScope());
    }

    @Test
    void reset() {
        final SqlResetVariable reset = parseOne("RESET search_path", SqlResetVariable.class);
        assertEquals(StatementKind.RESET_VARIABLE, reset.statementKind());
        assertEquals("search_path", reset.name());
        assertFalse(reset.all());
        assertTrue(parseOne("RESET ALL", SqlResetVariable.class).all());
        assertNull(parseOne("RESET ALL", SqlResetVariable.class).name());
        assertEquals("timezone", parseOne("RESET TIME ZONE", SqlResetVariable.class).name());
        assertEquals("timezone", parseOne("RESET TimeZone", SqlResetVariable.class).name());
        assertEquals("RESET ALL", roundTrip("reset all"));
    }

    @Test
    void setErrors() {
        assertSyntaxError("SET x", "syntax error at end of input", 6);
        assertSyntaxError("SET x = ", "syntax error at end of input", 9);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            BEGIN                    | BEGIN
            begin work               | BEGIN
            BEGIN TRANSACTION        | BEGIN
            START TRANSACTION        | BEGIN
            COMMIT                   | COMMIT
            COMMIT WORK              | COMMIT
            commit transaction       | COMMIT
            END                      | COMMIT
            END TRANSACTION          | COMMIT
            ROLLBACK                 | ROLLBACK
            ROLLBACK WORK            | ROLLBACK
            ABORT                    | ROLLBACK
            abort transaction        | ROLLBACK
            """)
    void transactionStatements(String sql, SqlTransactionStatement.Kind kind) {
        final SqlTransactionStatement statement = parseOne(sql, SqlTransactionStatement.class);
        assertEquals(StatementKind.TRANSACTION, statement.statementKind());
        assertEquals(kind, statement.kind());
        assertEquals(TransactionModes.NONE, statement.modes());
        assertFalse(statement.chain());
        assertEquals(kind.name(), roundTrip(sql));
    }

    @Test
    void transactionModes() {
        final SqlTransactionStatement begin = parseOne(
                "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY NOT DEFERRABLE", SqlTransactionStatement.class);
        assertEquals(new TransactionModes(IsolationLevel.REPEATABLE_READ, true, false), begin.modes());
        assertEquals(IsolationLevel.SERIALIZABLE, parseOne("START TRANSACTION ISOLATION LEVEL SERIALIZABLE",
                SqlTransactionStatement.class).modes().isolationLevel());
        assertEquals(IsolationLevel.READ_COMMITTED, parseOne("BEGIN WORK ISOLATION LEVEL READ COMMITTED",
                SqlTransactionStatement.class).modes().isolationLevel());
        assertEquals(IsolationLevel.READ_UNCOMMITTED, parseOne("BEGIN ISOLATION LEVEL READ UNCOMMITTED",
                SqlTransactionStatement.class).modes().isolationLevel());
        assertEquals(false, parseOne("BEGIN READ WRITE", SqlTransactionStatement.class).modes().readOnly());
        assertEquals(true, parseOne("BEGIN DEFERRABLE", SqlTransactionStatement.class).modes().deferrable());
        assertEquals("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY NOT DEFERRABLE",
                roundTrip("begin isolation level repeatable read, read only, not deferrable"));
    }

    @Test
    void commitAndRollbackAndChain() {
        assertTrue(parseOne("COMMIT AND CHAIN", SqlTransactionStatement.class).chain());
        assertFalse(parseOne("COMMIT AND NO CHAIN", SqlTransactionStatement.class).chain());
        assertTrue(parseOne("ROLLBACK WORK AND CHAIN", SqlTransactionStatement.class).chain());
        assertSyntaxError("COMMIT READ ONLY", "syntax error at or near \"READ\"", 8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SAVEPOINT a                         | SAVEPOINT             | a   | SAVEPOINT a
            savepoint "Mixed Case"              | SAVEPOINT             | Mixed Case | SAVEPOINT "Mixed Case"
            SAVEPOINT PGJDBC_AUTOSAVE           | SAVEPOINT             | pgjdbc_autosave | SAVEPOINT pgjdbc_autosave
            RELEASE a                           | RELEASE_SAVEPOINT     | a   | RELEASE SAVEPOINT a
            RELEASE SAVEPOINT A                 | RELEASE_SAVEPOINT     | a   | RELEASE SAVEPOINT a
            ROLLBACK TO a                       | ROLLBACK_TO_SAVEPOINT | a   | ROLLBACK TO SAVEPOINT a
            ROLLBACK TO SAVEPOINT a             | ROLLBACK_TO_SAVEPOINT | a   | ROLLBACK TO SAVEPOINT a
            rollback work to savepoint a        | ROLLBACK_TO_SAVEPOINT | a   | ROLLBACK TO SAVEPOINT a
            ROLLBACK TRANSACTION TO a           | ROLLBACK_TO_SAVEPOINT | a   | ROLLBACK TO SAVEPOINT a
            SAVEPOINT savepoint                 | SAVEPOINT             | savepoint | SAVEPOINT savepoint
            RELEASE savepoint                   | RELEASE_SAVEPOINT     | savepoint | RELEASE SAVEPOINT savepoint
            RELEASE SAVEPOINT                   | RELEASE_SAVEPOINT     | savepoint | RELEASE SAVEPOINT savepoint
            ROLLBACK TO SAVEPOINT savepoint     | ROLLBACK_TO_SAVEPOINT | savepoint | ROLLBACK TO SAVEPOINT savepoint
            ROLLBACK TO work                    | ROLLBACK_TO_SAVEPOINT | work | ROLLBACK TO SAVEPOINT work
            SAVEPOINT release                   | SAVEPOINT             | release | SAVEPOINT release
            """)
    void savepointStatements(String sql, SqlTransactionStatement.Kind kind, String name, String unparsed) {
        final SqlTransactionStatement statement = parseOne(sql, SqlTransactionStatement.class);
        assertEquals(StatementKind.TRANSACTION, statement.statementKind());
        assertEquals(kind, statement.kind());
        assertEquals(name, statement.savepointName());
        assertFalse(statement.chain());
        assertEquals(unparsed, roundTrip(sql));
    }

    @Test
    void savepointErrors() {
        assertNull(parseOne("ROLLBACK", SqlTransactionStatement.class).savepointName());
        // As in PostgreSQL, ABORT has no TO form, and a savepoint's name is one identifier.
        assertSyntaxError("ABORT TO a", "syntax error at or near \"TO\"", 7);
        // Alone they are names (not reserved), so the error is at the name; PostgreSQL says "at end of input".
        assertSyntaxError("SAVEPOINT", "syntax error at or near \"SAVEPOINT\"", 1);
        assertSyntaxError("RELEASE", "syntax error at or near \"RELEASE\"", 1);
        assertSyntaxError("ROLLBACK TO", "syntax error at end of input", 12);
        assertSyntaxError("SAVEPOINT a.b", "syntax error at or near \".\"", 12);
        assertSyntaxError("ROLLBACK TO a AND CHAIN", "syntax error at or near \"AND\"", 15);
    }

    @Test
    void deallocate() {
        final SqlDeallocate named = parseOne("DEALLOCATE _pg3_0", SqlDeallocate.class);
        assertEquals(StatementKind.DEALLOCATE, named.statementKind());
        assertEquals("_pg3_0", named.statementName());
        assertFalse(named.all());
        assertEquals("S1", parseOne("deallocate prepare \"S1\"", SqlDeallocate.class).statementName());
        assertTrue(parseOne("DEALLOCATE ALL", SqlDeallocate.class).all());
        assertTrue(parseOne("DEALLOCATE PREPARE ALL", SqlDeallocate.class).all());
        assertEquals("DEALLOCATE ALL", roundTrip("deallocate all"));
        assertEquals("DEALLOCATE p", roundTrip("DEALLOCATE P"));
        assertSyntaxError("DEALLOCATE", "syntax error at end of input", 11);
    }
}
