package io.millrace.planner;

import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFamily;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.type.AbstractSqlType;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * PostgreSQL's json and jsonb, which Calcite lacks: types of kind OTHER told apart by name. The
 * validator finds them by name in its root schema, so {@code CAST(x AS jsonb)} and {@code x::json}
 * resolve; {@link Factory} gives them nullability and a common type.
 */
final class JsonSqlType extends AbstractSqlType {
    private final boolean binary;

    JsonSqlType(boolean binary, boolean nullable) {
        super(SqlTypeName.OTHER, nullable, null);
        this.binary = binary;
        computeDigest();
    }

    /** jsonb (true) or json. */
    boolean binary() {
        return binary;
    }

    @Override
    protected void generateTypeString(StringBuilder sb, boolean withDetail) {
        sb.append(binary ? "jsonb" : "json");
    }

    @Override
    public RelDataTypeFamily getFamily() {
        return this;
    }

    /**
     * A cast to json ({@code MR_JSON(x)}) or jsonb ({@code MR_JSONB(x)}): Calcite's own CAST folds
     * and simplifies by rules that know no json type, so casts to these become these calls first.
     */
    static final SqlFunction TO_JSON = castFunction(false);
    static final SqlFunction TO_JSONB = castFunction(true);

    private static SqlFunction castFunction(boolean binary) {
        return new SqlFunction(binary ? "MR_JSONB" : "MR_JSON", SqlKind.OTHER_FUNCTION,
                b -> b.getTypeFactory().createTypeWithNullability(((Factory) b.getTypeFactory()).json(binary),
                        b.getOperandType(0).isNullable()),
                null, OperandTypes.ANY, SqlFunctionCategory.SYSTEM);
    }

    /** The json cast call for a value, or for a cast node that targets json or jsonb; null for others. */
    static SqlNode castCall(boolean binary, SqlNode operand) {
        return (binary ? TO_JSONB : TO_JSON).createCall(operand.getParserPosition(), operand);
    }

    /** Replaces every CAST to json or jsonb under {@code node} with the json cast call, in place. */
    static void rewriteCasts(SqlNode node) {
        SqlTreeRewriter.replaceAll(node, n -> {
            if (n.getKind() == SqlKind.CAST && n instanceof SqlCall cast && cast.operandCount() == 2
                    && cast.operand(1) instanceof SqlDataTypeSpec spec
                    && spec.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec named) {
                String name = named.getTypeName().names.get(named.getTypeName().names.size() - 1)
                        .toLowerCase(java.util.Locale.ROOT);
                if (name.equals("json") || name.equals("jsonb")) {
                    rewriteCasts(cast.operand(0));
                    return castCall(name.equals("jsonb"), cast.operand(0));
                }
            }
            return null;
        });
    }

    /**
     * Calcite's RexBuilder, except that a cast to json or jsonb is the json cast call, and a cast
     * of something else to interval the interval cast call ({@link IntervalCasts#TO_INTERVAL}).
     */
    static final class RexBuilder extends org.apache.calcite.rex.RexBuilder {
        RexBuilder(org.apache.calcite.rel.type.RelDataTypeFactory factory) {
            super(factory);
        }

        @Override
        public org.apache.calcite.rex.RexNode makeCast(org.apache.calcite.sql.parser.SqlParserPos pos, RelDataType type,
                org.apache.calcite.rex.RexNode exp, boolean matchNullability, boolean safe,
                org.apache.calcite.rex.RexLiteral format) {
            // A NULL stays a literal (Calcite makes typed NULLs this way).
            if (type instanceof JsonSqlType json && !(exp instanceof org.apache.calcite.rex.RexLiteral lit && lit.isNull())) {
                if (exp.getType() instanceof JsonSqlType from && from.binary == json.binary) {
                    return exp;
                }
                return makeCall(getTypeFactory().createTypeWithNullability(type, exp.getType().isNullable()),
                        json.binary ? TO_JSONB : TO_JSON, List.of(exp));
            }
            if (IntervalCasts.isInterval(type) && !IntervalCasts.isInterval(exp.getType())
                    && !(exp instanceof org.apache.calcite.rex.RexLiteral lit && lit.isNull())) {
                return makeCall(getTypeFactory().createTypeWithNullability(type, exp.getType().isNullable()),
                        IntervalCasts.TO_INTERVAL, List.of(exp));
            }
            return super.makeCast(pos, type, exp, matchNullability, safe, format);
        }
    }

    /** The planner's type factory: Calcite's, plus the json types and the catalogs' vectors. */
    static final class Factory extends JavaTypeFactoryImpl {
        Factory() {
            super(MillraceTypeSystem.INSTANCE);
        }

        RelDataType json(boolean binary) {
            return canonize(new JsonSqlType(binary, true));
        }

        /** int2vector or oidvector of {@code element} (nullable). */
        RelDataType vector(RelDataType element) {
            return canonize(new PgVectorSqlType(element, true));
        }

        @Override
        public RelDataType createTypeWithNullability(RelDataType type, boolean nullable) {
            if (type instanceof JsonSqlType j) {
                return canonize(new JsonSqlType(j.binary, nullable));
            }
            if (type instanceof PgVectorSqlType v) {
                return canonize(new PgVectorSqlType(v.getComponentType(), nullable));
            }
            return super.createTypeWithNullability(type, nullable);
        }

        @Override
        public RelDataType enforceTypeWithNullability(RelDataType type, boolean nullable) {
            if (type instanceof JsonSqlType j) {
                return canonize(new JsonSqlType(j.binary, nullable));
            }
            if (type instanceof PgVectorSqlType v) {
                return canonize(new PgVectorSqlType(v.getComponentType(), nullable));
            }
            return super.enforceTypeWithNullability(type, nullable);
        }

        /**
         * Values of one json type, NULLs and strings (literals, read as json) have that type in
         * common; json and jsonb have jsonb. So do intervals, NULLs and strings (read as intervals).
         */
        @Override
        public RelDataType leastRestrictive(List<RelDataType> types) {
            RelDataType own = null;
            boolean nullable = false;
            for (RelDataType t : types) {
                if (t instanceof JsonSqlType j && (own == null || own instanceof JsonSqlType)) {
                    own = own == null || j.binary ? j : own;
                } else if (SqlTypeUtil.isInterval(t) && (own == null || SqlTypeUtil.isInterval(own))) {
                    own = io.millrace.parser.PgIntervalTypeNameSpec.type(this);
                } else if (t.getSqlTypeName() != SqlTypeName.NULL && !SqlTypeUtil.isCharacter(t)) {
                    return own == null ? super.leastRestrictive(types) : null;
                }
                nullable |= t.isNullable();
            }
            return own == null ? super.leastRestrictive(types) : createTypeWithNullability(own, nullable);
        }
    }
}
