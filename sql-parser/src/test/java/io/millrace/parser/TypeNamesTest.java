package io.millrace.parser;

import static io.millrace.parser.ParserAssertions.assertError;
import static io.millrace.parser.ParserAssertions.assertSyntaxError;
import static io.millrace.parser.ParserAssertions.parseOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.millrace.common.SqlState;
import io.millrace.parser.ddl.SqlColumnDefinition;
import io.millrace.parser.ddl.SqlCreateTable;
import java.util.List;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** PostgreSQL type names and aliases, as Calcite types and as PostgreSQL shows them. */
class TypeNamesTest {
    private static SqlDataTypeSpec columnType(String type) {
        final SqlCreateTable table = parseOne("CREATE TABLE t (c " + type + ")", SqlCreateTable.class);
        return table.columns().get(0).type();
    }

    /** The Calcite type a spec derives, read without a validator. */
    private static SqlTypeName sqlTypeName(SqlDataTypeSpec spec) {
        final SqlTypeNameSpec nameSpec = spec.getTypeNameSpec();
        if (nameSpec instanceof PgTypeNameSpec pg) {
            return pg.sqlTypeName();
        }
        return SqlTypeName.get(assertInstanceOf(SqlBasicTypeNameSpec.class, nameSpec).getTypeName().getSimple());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            boolean                     | BOOLEAN                        | boolean
            bool                        | BOOLEAN                        | boolean
            smallint                    | SMALLINT                       | smallint
            int2                        | SMALLINT                       | smallint
            integer                     | INTEGER                        | integer
            int                         | INTEGER                        | integer
            int4                        | INTEGER                        | integer
            bigint                      | BIGINT                         | bigint
            int8                        | BIGINT                         | bigint
            real                        | REAL                           | real
            float4                      | REAL                           | real
            double precision            | DOUBLE                         | double precision
            float8                      | DOUBLE                         | double precision
            float                       | DOUBLE                         | double precision
            float(24)                   | REAL                           | real
            float(25)                   | DOUBLE                         | double precision
            numeric                     | DECIMAL                        | numeric
            numeric(10)                 | DECIMAL                        | numeric(10,0)
            numeric(10, 2)              | DECIMAL                        | numeric(10,2)
            decimal(5,1)                | DECIMAL                        | numeric(5,1)
            text                        | VARCHAR                        | text
            TEXT                        | VARCHAR                        | text
            varchar                     | VARCHAR                        | character varying
            varchar(10)                 | VARCHAR                        | character varying(10)
            character varying(7)        | VARCHAR                        | character varying(7)
            char(3)                     | CHAR                           | character(3)
            character(2)                | CHAR                           | character(2)
            bpchar(4)                   | CHAR                           | character(4)
            bytea                       | VARBINARY                      | bytea
            date                        | DATE                           | date
            time                        | TIME                           | time without time zone
            time without time zone      | TIME                           | time without time zone
            timestamp                   | TIMESTAMP                      | timestamp without time zone
            timestamp(3)                | TIMESTAMP                      | timestamp(3) without time zone
            timestamp without time zone | TIMESTAMP                      | timestamp without time zone
            timestamp with time zone    | TIMESTAMP_WITH_LOCAL_TIME_ZONE | timestamp with time zone
            timestamptz                 | TIMESTAMP_WITH_LOCAL_TIME_ZONE | timestamp with time zone
            timestamptz(3)              | TIMESTAMP_WITH_LOCAL_TIME_ZONE | timestamp(3) with time zone
            timestamp(6) with time zone | TIMESTAMP_WITH_LOCAL_TIME_ZONE | timestamp(6) with time zone
            """)
    void typeNameMapsToCalciteTypeAndPostgresqlName(String type, SqlTypeName expected, String pgName) {
        final SqlDataTypeSpec spec = columnType(type);
        assertEquals(expected, sqlTypeName(spec), type);
        assertEquals(pgName, PgTypeNames.displayName(spec), type);
    }

    @Test
    void aliasesComeThroughAsPgTypeNameSpecs() {
        final PgTypeNameSpec text = assertInstanceOf(PgTypeNameSpec.class, columnType("text").getTypeNameSpec());
        assertEquals(SqlTypeName.VARCHAR, text.sqlTypeName());
        assertEquals("text", text.pgTypeName());
        assertEquals(SqlTypeName.VARCHAR.name(), text.getTypeName().getSimple());
        final PgTypeNameSpec tz = assertInstanceOf(PgTypeNameSpec.class, columnType("timestamptz(3)").getTypeNameSpec());
        assertEquals(3, tz.getPrecision());
        // Calcite's own names stay Calcite's basic specs
        assertInstanceOf(SqlBasicTypeNameSpec.class, columnType("varchar(3)").getTypeNameSpec());
    }

    @Test
    void unknownTypeNamesAreUserDefinedTypes() {
        final SqlDataTypeSpec spec = columnType("tsvector");
        assertInstanceOf(SqlUserDefinedTypeNameSpec.class, spec.getTypeNameSpec());
        assertEquals("tsvector", PgTypeNames.displayName(spec));
    }

    @Test
    void typesUnparseAsPostgresqlSpellsThem() {
        final SqlCreateTable table = parseOne(
                "CREATE TABLE t (a int4, b text, c timestamptz, d timestamp(3) with time zone, e float8, f bpchar(2))",
                SqlCreateTable.class);
        assertEquals("CREATE TABLE t (a INTEGER, b TEXT, c TIMESTAMP WITH TIME ZONE, "
                + "d TIMESTAMP(3) WITH TIME ZONE, e DOUBLE PRECISION, f CHARACTER(2))", MillraceParser.unparse(table));
        final List<SqlColumnDefinition> again = parseOne(MillraceParser.unparse(table), SqlCreateTable.class).columns();
        for (int i = 0; i < again.size(); i++) {
            assertEquals(PgTypeNames.displayName(table.columns().get(i).type()), PgTypeNames.displayName(again.get(i).type()));
        }
    }

    @Test
    void typeModifiersAreCheckedForAliases() {
        assertSyntaxError("CREATE TABLE t (a text(3))", "type modifier is not allowed for type \"text\"", 19);
        assertError("SELECT 1::float(0)", SqlState.INVALID_PARAMETER_VALUE,
                "precision for type float must be at least 1 bit", 11);
        assertError("SELECT 1::float(54)", SqlState.INVALID_PARAMETER_VALUE,
                "precision for type float must be less than 54 bits", 11);
    }
}
