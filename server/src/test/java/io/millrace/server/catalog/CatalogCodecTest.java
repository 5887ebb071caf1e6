package io.millrace.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import io.millrace.parser.ddl.IdentityGeneration;
import io.millrace.planner.ColumnDefault;
import io.millrace.storage.OrderedBytes;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Catalog entries read back as written, and entries older versions wrote still read. */
class CatalogCodecTest {
    private static CatalogEntry index(Uniqueness uniqueness) {
        return new CatalogEntry(7, ObjectKind.INDEX, "public", "t_a_key", new RowSchema(List.of(new Field("a",
                DataType.INTEGER, true))), List.of(), "CREATE UNIQUE INDEX t_a_key ON public.t USING btree (a)", null,
                Set.of(3L), 3, null, List.of(), uniqueness);
    }

    @Test
    void anIndexKeepsItsUniqueness() {
        for (Uniqueness u : Uniqueness.values()) {
            assertEquals(index(u), CatalogCodec.decode(CatalogCodec.encode(index(u))));
        }
    }

    private static CatalogEntry tableWithDefaults() {
        return new CatalogEntry(3, ObjectKind.TABLE, "public", "t", new RowSchema(List.of(
                new Field("id", DataType.INTEGER, false), new Field("n", DataType.INTEGER, true),
                new Field("s", DataType.TEXT, true))), List.of(0), "CREATE TABLE t (...)", null, Set.of(4L), 0, null,
                List.of(), Uniqueness.NONE, List.of(new ColumnDefault("nextval('16388'::regclass)",
                        IdentityGeneration.ALWAYS), new ColumnDefault("0", null), ColumnDefault.NONE), null);
    }

    private static CatalogEntry sequence() {
        return new CatalogEntry(4, ObjectKind.SEQUENCE, "public", "t_id_seq", new RowSchema(List.of()), List.of(),
                "CREATE SEQUENCE public.t_id_seq", null, Set.of(), 3, null, List.of(), Uniqueness.NONE, List.of(),
                new SequenceDefinition(DataType.INTEGER, 10, -2, -100, 10, 20, true, 0));
    }

    @Test
    void defaultsAndSequencesReadBackAsWritten() {
        assertEquals(tableWithDefaults(), CatalogCodec.decode(CatalogCodec.encode(tableWithDefaults())));
        assertEquals(sequence(), CatalogCodec.decode(CatalogCodec.encode(sequence())));
    }

    /** Version 3 is version 4 without the defaults and the sequence at the end; it had neither. */
    @Test
    void anEntryOfVersion3HasNoDefaults() {
        CatalogEntry plain = index(Uniqueness.UNIQUE_INDEX);
        byte[] v4 = CatalogCodec.encode(plain);
        int tail = new OrderedBytes().writeLong(0).writeNull().toArray().length;
        byte[] v3 = Arrays.copyOf(v4, v4.length - tail);
        v3[0] = 3;
        assertEquals(plain, CatalogCodec.decode(v3));
    }

    /** Version 2 is version 3 without the uniqueness at the end; it enforced none. */
    @Test
    void anEntryOfVersion2IsAnIndexWithoutUniqueness() {
        byte[] v4 = CatalogCodec.encode(index(Uniqueness.UNIQUE_CONSTRAINT));
        int tail = new OrderedBytes().writeString(Uniqueness.UNIQUE_CONSTRAINT.name()).writeLong(0).writeNull()
                .toArray().length;
        byte[] v2 = Arrays.copyOf(v4, v4.length - tail);
        v2[0] = 2;
        assertEquals(index(Uniqueness.NONE), CatalogCodec.decode(v2));
    }
}
