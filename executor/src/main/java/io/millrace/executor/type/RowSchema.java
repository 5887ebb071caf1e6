package io.millrace.executor.type;

import java.util.ArrayList;
import java.util.List;

/** The columns of a relation or plan node output, in order. */
public record RowSchema(List<Field> fields) {
    public RowSchema {
        fields = List.copyOf(fields);
    }

    public static RowSchema of(Field... fields) {
        return new RowSchema(List.of(fields));
    }

    public int size() {
        return fields.size();
    }

    public Field field(int i) {
        return fields.get(i);
    }

    public DataType type(int i) {
        return fields.get(i).type();
    }

    public List<DataType> types() {
        return fields.stream().map(Field::type).toList();
    }

    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    /** This schema followed by {@code other}'s columns, as a join's output. */
    public RowSchema concat(RowSchema other) {
        List<Field> all = new ArrayList<>(fields);
        all.addAll(other.fields);
        return new RowSchema(all);
    }

    /** The same columns, each made nullable (the padded side of an outer join). */
    public RowSchema asNullable() {
        return new RowSchema(fields.stream().map(f -> new Field(f.name(), f.type(), true)).toList());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(fields.get(i).name()).append(' ').append(fields.get(i).type());
        }
        return sb.append(')').toString();
    }
}
