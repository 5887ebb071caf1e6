package io.millrace.planner;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

/** Calcite's table lookup over our catalog: one name at a time, listing all names only when asked. */
final class TableLookup implements Lookup<Table> {
    private final Function<String, Table> byName;
    private final Supplier<Collection<String>> names;

    TableLookup(Function<String, Table> byName, Supplier<Collection<String>> names) {
        this.byName = byName;
        this.names = names;
    }

    @Override
    public Table get(String name) {
        return byName.apply(name);
    }

    @Override
    public Named<Table> getIgnoreCase(String name) {
        for (String n : names.get()) {
            if (n.equalsIgnoreCase(name)) {
                return new Named<>(n, byName.apply(n));
            }
        }
        return null;
    }

    @Override
    public Set<String> getNames(LikePattern pattern) {
        Set<String> out = new TreeSet<>();
        for (String n : names.get()) {
            if (pattern.matcher().apply(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
