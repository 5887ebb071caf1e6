package io.millrace.planner;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.ArraySqlType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's int2vector and oidvector, the system catalogs' arrays whose subscripts start at 0
 * ({@code pg_index.indkey[0]} is an index's first column). To Calcite an array; its own digest
 * keeps it apart from the ordinary array of its elements.
 */
final class PgVectorSqlType extends ArraySqlType {
    PgVectorSqlType(RelDataType element, boolean nullable) {
        super(element, nullable);
    }

    @Override
    protected void generateTypeString(StringBuilder sb, boolean withDetail) {
        sb.append(getComponentType().getSqlTypeName() == SqlTypeName.SMALLINT ? "INT2VECTOR" : "OIDVECTOR");
    }
}
