package io.millrace.planner;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;

/** A schema of system relations ({@code pg_catalog}, {@code information_schema}), as Calcite sees it. */
final class SystemSchema extends AbstractSchema {
    private final CatalogAccess catalog;
    private final String schemaName;

    SystemSchema(CatalogAccess catalog, String schemaName) {
        this.catalog = catalog;
        this.schemaName = schemaName;
    }

    /** Names resolve one at a time: most statements never read a system relation. */
    @Override
    public org.apache.calcite.schema.lookup.Lookup<Table> tables() {
        return new TableLookup(name -> {
            SystemRelation r = catalog.systemRelation(schemaName, name);
            return r == null ? null : new SystemTable(r);
        }, () -> catalog.systemRelations(schemaName).stream().map(SystemRelation::name).toList());
    }

    @Override
    protected Map<String, Table> getTableMap() {
        Map<String, Table> all = new LinkedHashMap<>();
        for (SystemRelation r : catalog.systemRelations(schemaName)) {
            all.put(r.name(), new SystemTable(r));
        }
        return all;
    }

    /** Read by a query, its rows become constant input computed when the query runs. */
    static final class SystemTable extends AbstractTable {
        private final SystemRelation relation;

        SystemTable(SystemRelation relation) {
            this.relation = relation;
        }

        SystemRelation relation() {
            return relation;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory f) {
            return CatalogSchema.rowType(f, relation.columns());
        }
    }
}
