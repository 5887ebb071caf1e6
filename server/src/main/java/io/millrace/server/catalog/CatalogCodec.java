package io.millrace.server.catalog;

import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import io.millrace.executor.type.TypeKind;
import io.millrace.parser.ddl.IdentityGeneration;
import io.millrace.planner.ColumnDefault;
import io.millrace.storage.OrderedBytes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The stored form of a catalog entry. A version byte leads, so the format can evolve. */
final class CatalogCodec {
    /**
     * 2 added the search path; version 1 entries are read with search path public (all there was).
     * 3 added an index's uniqueness; earlier indexes enforced nothing, so they are read as NONE.
     * 4 added column defaults and sequences; earlier tables had no defaults, and there were no sequences.
     */
    private static final int VERSION = 4;

    private CatalogCodec() {
    }

    static byte[] encode(CatalogEntry e) {
        OrderedBytes b = new OrderedBytes(256);
        b.writeByte(VERSION);
        b.writeLong(e.id());
        b.writeString(e.kind().name());
        b.writeString(e.schemaName());
        b.writeString(e.name());
        b.writeLong(e.columns().size());
        for (Field f : e.columns().fields()) {
            b.writeString(f.name());
            // An array column is written as its element type with "[]" after the kind's name.
            DataType t = f.type().kind() == TypeKind.ARRAY ? f.type().element() : f.type();
            b.writeString(t.kind().name() + (t == f.type() ? "" : "[]"));
            b.writeLong(t.precision());
            b.writeLong(t.scale());
            b.writeBoolean(f.nullable());
        }
        b.writeLong(e.primaryKey().size());
        for (int k : e.primaryKey()) {
            b.writeLong(k);
        }
        b.writeString(e.createSql());
        if (e.querySql() == null) {
            b.writeNull();
        } else {
            b.writeString(e.querySql());
        }
        b.writeLong(e.dependencies().size());
        for (long d : e.dependencies()) {
            b.writeLong(d);
        }
        b.writeLong(e.onRelation());
        b.writeString(e.planFingerprint());
        b.writeLong(e.searchPath().size());
        for (String schema : e.searchPath()) {
            b.writeString(schema);
        }
        b.writeString(e.uniqueness().name());
        b.writeLong(e.defaults().size());
        for (ColumnDefault d : e.defaults()) {
            writeNullable(b, d.expression());
            writeNullable(b, d.identity() == null ? null : d.identity().name());
        }
        SequenceDefinition s = e.sequence();
        if (s == null) {
            b.writeNull();
        } else {
            b.writeString(s.type().kind().name());
            b.writeLong(s.start());
            b.writeLong(s.increment());
            b.writeLong(s.minValue());
            b.writeLong(s.maxValue());
            b.writeLong(s.cache());
            b.writeBoolean(s.cycle());
            b.writeLong(s.ownedColumn());
        }
        return b.toArray();
    }

    static CatalogEntry decode(byte[] bytes) {
        OrderedBytes.Reader r = new OrderedBytes.Reader(bytes);
        int version = r.readByte();
        if (version < 1 || version > VERSION) {
            throw new IllegalStateException("unknown catalog entry version " + version);
        }
        long id = readLong(r);
        ObjectKind kind = ObjectKind.valueOf(readString(r));
        String schema = readString(r);
        String name = readString(r);
        long n = readLong(r);
        List<Field> fields = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            String fname = readString(r);
            String kindName = readString(r);
            boolean array = kindName.endsWith("[]");
            TypeKind tk = TypeKind.valueOf(array ? kindName.substring(0, kindName.length() - 2) : kindName);
            int precision = (int) readLong(r);
            int scale = (int) readLong(r);
            r.readNullTag();
            boolean nullable = r.readBoolean();
            DataType type = new DataType(tk, precision, scale);
            fields.add(new Field(fname, array ? DataType.array(type) : type, nullable));
        }
        long pk = readLong(r);
        List<Integer> primaryKey = new ArrayList<>();
        for (long i = 0; i < pk; i++) {
            primaryKey.add((int) readLong(r));
        }
        String createSql = readString(r);
        String querySql = r.readNullTag() ? null : r.readString();
        long deps = readLong(r);
        Set<Long> dependencies = new LinkedHashSet<>();
        for (long i = 0; i < deps; i++) {
            dependencies.add(readLong(r));
        }
        long onRelation = readLong(r);
        String fingerprint = readString(r);
        List<String> searchPath = new ArrayList<>();
        if (version == 1) {
            if (querySql != null) {
                searchPath.add(Catalog.DEFAULT_SCHEMA);
            }
        } else {
            for (long i = readLong(r); i > 0; i--) {
                searchPath.add(readString(r));
            }
        }
        Uniqueness uniqueness = version < 3 ? Uniqueness.NONE : Uniqueness.valueOf(readString(r));
        List<ColumnDefault> defaults = new ArrayList<>();
        SequenceDefinition sequence = null;
        if (version >= 4) {
            for (long i = readLong(r); i > 0; i--) {
                String expression = readNullable(r);
                String identity = readNullable(r);
                defaults.add(new ColumnDefault(expression, identity == null ? null : IdentityGeneration.valueOf(identity)));
            }
            if (!r.readNullTag()) {
                TypeKind type = TypeKind.valueOf(r.readString());
                sequence = new SequenceDefinition(DataType.of(type),
                        readLong(r), readLong(r), readLong(r), readLong(r), readLong(r), readBoolean(r),
                        (int) readLong(r));
            }
        }
        return new CatalogEntry(id, kind, schema, name, new RowSchema(fields), primaryKey, createSql, querySql,
                dependencies, onRelation, fingerprint, searchPath, uniqueness, defaults, sequence);
    }

    private static void writeNullable(OrderedBytes b, String s) {
        if (s == null) {
            b.writeNull();
        } else {
            b.writeString(s);
        }
    }

    private static String readNullable(OrderedBytes.Reader r) {
        return r.readNullTag() ? null : r.readString();
    }

    private static boolean readBoolean(OrderedBytes.Reader r) {
        r.readNullTag();
        return r.readBoolean();
    }

    private static long readLong(OrderedBytes.Reader r) {
        r.readNullTag();
        return r.readLong();
    }

    private static String readString(OrderedBytes.Reader r) {
        r.readNullTag();
        return r.readString();
    }
}
