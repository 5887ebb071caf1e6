package io.millrace.planner;

import io.millrace.executor.type.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * One schema of the catalog, as Calcite sees it: stored relations are tables, views expand, and a
 * sequence is a relation of one row computed when the query runs, as a system relation is.
 */
final class CatalogSchema extends AbstractSchema {
    private final CatalogAccess catalog;
    private final String schemaName;
    /** Tables looked up so far, so one statement sees one object per name. */
    private final Map<String, Table> resolved = new LinkedHashMap<>();

    CatalogSchema(CatalogAccess catalog, String schemaName) {
        this.catalog = catalog;
        this.schemaName = schemaName;
    }

    /** Names resolve one at a time against the catalog; listing them all is rarely needed. */
    @Override
    public org.apache.calcite.schema.lookup.Lookup<Table> tables() {
        return new TableLookup(this::resolve, () -> catalog.relations(schemaName).stream().map(RelationInfo::name).toList());
    }

    private Table resolve(String name) {
        return resolved.computeIfAbsent(name, n -> {
            RelationInfo r = catalog.relation(schemaName, n);
            if (r == null) {
                SystemRelation sequence = catalog.sequence(schemaName, n);
                return sequence == null ? null : new SystemSchema.SystemTable(sequence);
            }
            return r.kind() == RelationKind.VIEW ? new ViewTable(r) : new StoredTable(r);
        });
    }

    @Override
    protected Map<String, Table> getTableMap() {
        Map<String, Table> all = new LinkedHashMap<>();
        for (RelationInfo r : catalog.relations(schemaName)) {
            all.put(r.name(), resolve(r.name()));
        }
        return all;
    }

    static RelDataType rowType(RelDataTypeFactory f, RelationInfo r) {
        return rowType(f, r.columns());
    }

    static RelDataType rowType(RelDataTypeFactory f, io.millrace.executor.type.RowSchema columns) {
        RelDataTypeFactory.Builder b = f.builder();
        for (Field field : columns.fields()) {
            b.add(field.name(), TypeMapping.toRelDataType(f, field.type(), field.nullable()));
        }
        return b.build();
    }

    /** A table or materialized view: its stored rows are scanned. */
    static final class StoredTable extends AbstractTable {
        private final RelationInfo relation;

        StoredTable(RelationInfo relation) {
            this.relation = relation;
        }

        RelationInfo relation() {
            return relation;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory f) {
            return rowType(f, relation);
        }
    }

    /** A view: its query is planned in place of the reference. */
    static final class ViewTable extends AbstractTable implements TranslatableTable {
        private final RelationInfo relation;

        ViewTable(RelationInfo relation) {
            this.relation = relation;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory f) {
            return rowType(f, relation);
        }

        @Override
        public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable table) {
            RelDataType rowType = table.getRowType();
            // A view's names are looked up as when it was created, whatever the reader's search_path.
            RelRoot root = context.expandView(rowType, relation.viewSql(), relation.viewSearchPath(),
                    List.of(relation.schemaName(), relation.name()));
            return RelOptUtil.createCastRel(root.rel, rowType, true);
        }
    }
}
