package io.millrace.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
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

    /** Version 2 is version 3 without the uniqueness at the end; it enforced none. */
    @Test
    void anEntryOfVersion2IsAnIndexWithoutUniqueness() {
        byte[] v3 = CatalogCodec.encode(index(Uniqueness.UNIQUE_CONSTRAINT));
        int uniqueness = new OrderedBytes().writeString(Uniqueness.UNIQUE_CONSTRAINT.name()).toArray().length;
        byte[] v2 = Arrays.copyOf(v3, v3.length - uniqueness);
        v2[0] = 2;
        assertEquals(index(Uniqueness.NONE), CatalogCodec.decode(v2));
    }
}
