package io.millrace.planner;

import static java.util.Objects.requireNonNull;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import io.millrace.executor.type.DataType;
import io.millrace.executor.type.Field;
import io.millrace.executor.type.RowSchema;
import io.millrace.parser.MillraceConformance;
import io.millrace.parser.MillraceParser;
import io.millrace.parser.PgTypeNameSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Validates statements against the catalog with Calcite, optimises them and produces dataflow
 * plans. One planner serves one catalog version; it holds no per-statement state.
 */
public final class Planner {
    /** Calcite's operators that PgOperators replaces (EXTRACT, SUM and AVG), left out of the lookup. */
    private static final java.util.Set<org.apache.calcite.sql.SqlOperator> REPLACED =
            java.util.Set.of(SqlStdOperatorTable.EXTRACT, SqlStdOperatorTable.SUM, SqlStdOperatorTable.AVG);

    private static final SqlOperatorTable OPERATORS = caseInsensitive(SqlOperatorTables.chain(
            SqlOperatorTables.of(PgOperators.PLUS, PgOperators.MINUS, PgOperators.CONCAT, PgOperators.AT_TIME_ZONE,
                    PgOperators.EXTRACT, PgOperators.SUM, PgOperators.AVG, SessionFunctionRewrite.AGE_XID),
            SqlOperatorTables.of(PgArrayFunctions.all()),
            SqlOperatorTables.of(PgTableFunction.ALL),
            SqlOperatorTables.of(SetReturningCalls.RECORD_TEXT),
            SqlStdOperatorTable.instance(),
            SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.POSTGRESQL),
            SqlOperatorTables.of(LiteralRewrites.FUNCTION, JsonSqlType.TO_JSON, JsonSqlType.TO_JSONB,
                    IntervalCasts.TO_INTERVAL),
            SqlOperatorTables.of(PgOperators.functions()),
            SqlOperatorTables.of(PgJsonFunctions.functions()),
            SqlOperatorTables.of(VolatileCalls.FUNCTIONS),
            SqlOperatorTables.of(SequenceCalls.FUNCTIONS),
            SqlOperatorTables.of(SessionFunctionRewrite.functions())));

    private final CatalogAccess catalog;
    private final RelDataTypeFactory typeFactory = new JsonSqlType.Factory();

    public Planner(CatalogAccess catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /**
     * Calcite's constant folding, except for expressions involving arrays, uuids or bytea, which its code
     * generator cannot evaluate or evaluates with Java's rules (RexToExpr folds constant casts itself).
     */
    private static final org.apache.calcite.rex.RexExecutor CONSTANT_REDUCER = (rexBuilder, constants, reduced) -> {
        List<org.apache.calcite.rex.RexNode> reducible = new ArrayList<>();
        for (org.apache.calcite.rex.RexNode e : constants) {
            if (!ownFolding(e)) {
                reducible.add(e);
            }
        }
        List<org.apache.calcite.rex.RexNode> values = new ArrayList<>();
        if (!reducible.isEmpty()) {
            org.apache.calcite.rex.RexUtil.EXECUTOR.reduce(rexBuilder, reducible, values);
        }
        java.util.Iterator<org.apache.calcite.rex.RexNode> next = values.iterator();
        for (org.apache.calcite.rex.RexNode e : constants) {
            reduced.add(ownFolding(e) ? e : next.next());
        }
    };

    private static boolean ownFolding(org.apache.calcite.rex.RexNode e) {
        if (TypeMapping.readsOwnText(e.getType().getSqlTypeName())) {
            return true;
        }
        // Casts to numeric round as PostgreSQL does, half away from zero, and to unconstrained numeric
        // keep the value's digits ('1.5'::numeric is 1.5); Calcite's folding truncates, and takes
        // unconstrained numeric for DECIMAL(1000, 0).
        if (e.getKind() == SqlKind.CAST && e.getType().getSqlTypeName() == SqlTypeName.DECIMAL) {
            return true;
        }
        // A boolean's text is true or false (Calcite writes TRUE).
        if (e.getKind() == SqlKind.CAST && org.apache.calcite.sql.type.SqlTypeUtil.isCharacter(e.getType())
                && ((org.apache.calcite.rex.RexCall) e).getOperands().get(0).getType().getSqlTypeName() == SqlTypeName.BOOLEAN) {
            return true;
        }
        return e instanceof org.apache.calcite.rex.RexCall call
                && call.getOperands().stream().anyMatch(Planner::ownFolding);
    }

    /**
     * Function names are case-insensitive in PostgreSQL, even though identifiers here are not; and
     * the operators PgOperators replaces are not found.
     */
    private static SqlOperatorTable caseInsensitive(SqlOperatorTable table) {
        return new SqlOperatorTable() {
            @Override
            public void lookupOperatorOverloads(org.apache.calcite.sql.SqlIdentifier opName,
                    org.apache.calcite.sql.SqlFunctionCategory category, org.apache.calcite.sql.SqlSyntax syntax,
                    List<org.apache.calcite.sql.SqlOperator> operatorList,
                    org.apache.calcite.sql.validate.SqlNameMatcher nameMatcher) {
                // Built-in functions live in pg_catalog (pg_catalog.f(...) is f(...)), and a few
                // that clients call in information_schema.
                if (opName.names.size() == 2 && (opName.names.get(0).equalsIgnoreCase("pg_catalog")
                        || opName.names.get(0).equalsIgnoreCase("information_schema"))) {
                    opName = new org.apache.calcite.sql.SqlIdentifier(opName.names.get(1), opName.getParserPosition());
                }
                List<org.apache.calcite.sql.SqlOperator> found = new ArrayList<>();
                table.lookupOperatorOverloads(opName, category, syntax, found, SqlNameMatchers.withCaseSensitive(false));
                found.removeAll(REPLACED);
                operatorList.addAll(found);
            }

            @Override
            public List<org.apache.calcite.sql.SqlOperator> getOperatorList() {
                return table.getOperatorList().stream().filter(o -> !REPLACED.contains(o)).toList();
            }
        };
    }

    /**
     * Analyses a query (SELECT, VALUES, WITH, set operations). {@code sql} is the statement text,
     * used for error positions and to parse it again where Calcite needs a fresh tree.
     * {@code parameterHints} holds client-declared parameter types, null where unknown.
     */
    public PreparedQuery prepareQuery(String sql, SqlNode query, List<DataType> parameterHints) {
        return prepareQuery(sql, query, parameterHints, catalog.searchPath());
    }

    /** A query whose names are looked up in {@code searchPath} (a view's, as when it was created). */
    public PreparedQuery prepareQuery(String sql, SqlNode query, List<DataType> parameterHints,
            List<String> searchPath) {
        Analysis a = analyze(sql, query, parameterHints, searchPath);
        return new PreparedQuery(this, a.root, a.parameterTypes, a.inferredTypes, a.relations, sql);
    }

    /** Analyses INSERT, UPDATE or DELETE. */
    public PreparedModify prepareModify(String sql, SqlNode dml, List<DataType> parameterHints) {
        // Calcite makes an assignment to varchar(n) an explicit cast, which cuts a long value; in
        // PostgreSQL it fails (22001). So the written table's varchar(n) columns are unbounded
        // while the statement is planned, and the write checks each value against the column.
        RelationInfo target = modifyTarget(dml);
        Planner planner = target == null ? this : new Planner(withUnboundedVarchars(target));
        // Defaults are filled in before validation, in the tree of every validation pass.
        java.util.function.UnaryOperator<SqlNode> withDefaults = target == null ? n -> n
                : n -> ColumnDefaults.apply(n, target, () -> planner.sourceWidth(sql, parameterHints));
        Analysis a = planner.analyze(sql, withDefaults.apply(dml), parameterHints, catalog.searchPath(), Set.of(),
                withDefaults);
        if (!(a.root.rel instanceof TableModify modify)) {
            throw new MillraceException(SqlState.INTERNAL_ERROR, "expected a table modification");
        }
        CatalogSchema.StoredTable table = modify.getTable().unwrap(CatalogSchema.StoredTable.class);
        if (table == null || table.relation().kind() != RelationKind.TABLE) {
            String name = String.join(".", modify.getTable().getQualifiedName());
            throw new MillraceException(SqlState.WRONG_OBJECT_TYPE, "cannot change relation \"" + name
                    + "\": only tables can be written to");
        }
        RelRoot source = RelRoot.of(modify.getInput(), SqlKind.SELECT);
        List<String> updateColumns = modify.getUpdateColumnList() == null ? List.of() : modify.getUpdateColumnList();
        return new PreparedModify(new PreparedQuery(planner, source, a.parameterTypes, a.inferredTypes, a.relations, sql),
                modify.getOperation(), target != null && target.id() == table.relation().id() ? target : table.relation(),
                updateColumns);
    }

    /** The table an INSERT or UPDATE writes, found as validation will find it; null if none is. */
    private RelationInfo modifyTarget(SqlNode dml) {
        SqlNode table = dml instanceof org.apache.calcite.sql.SqlInsert insert ? insert.getTargetTable()
                : dml instanceof org.apache.calcite.sql.SqlUpdate update ? update.getTargetTable() : null;
        if (!(table instanceof org.apache.calcite.sql.SqlIdentifier id) || id.names.size() > 2) {
            return null;
        }
        if (id.names.size() == 2) {
            return catalog.relation(id.names.get(0), id.names.get(1));
        }
        for (String schema : catalog.searchPath()) {
            RelationInfo r = catalog.relation(schema, id.names.get(0));
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** This planner's catalog, except that {@code target}'s varchar(n) columns are varchar. */
    private CatalogAccess withUnboundedVarchars(RelationInfo target) {
        List<io.millrace.executor.type.Field> fields = new ArrayList<>();
        for (io.millrace.executor.type.Field f : target.columns().fields()) {
            fields.add(f.type().kind() == io.millrace.executor.type.TypeKind.VARCHAR
                    ? new io.millrace.executor.type.Field(f.name(), DataType.VARCHAR, f.nullable()) : f);
        }
        RelationInfo widened = target.withColumns(new io.millrace.executor.type.RowSchema(fields));
        return new CatalogAccess.Delegating(catalog) {
            @Override
            public RelationInfo relation(String schemaName, String name) {
                RelationInfo r = super.relation(schemaName, name);
                return r != null && r.id() == target.id() ? widened : r;
            }

            @Override
            public java.util.Collection<RelationInfo> relations(String schemaName) {
                return super.relations(schemaName).stream().map(r -> r.id() == target.id() ? widened : r).toList();
            }
        };
    }

    /** The engine type of a column declared with {@code spec} in CREATE TABLE. */
    public DataType columnType(SqlDataTypeSpec spec) {
        Context ctx = new Context(catalog.searchPath());
        RelDataType t;
        try {
            t = spec.deriveType(ctx.validator);
        } catch (RuntimeException e) {
            throw PlannerErrors.translate(e, null);
        }
        String pgName = spec.getTypeNameSpec() instanceof PgTypeNameSpec p ? p.pgTypeName() : null;
        return TypeMapping.columnType(t, pgName);
    }

    private record Analysis(RelRoot root, List<DataType> parameterTypes, List<DataType> inferredTypes,
            Set<Long> relations) {
    }

    private Analysis analyze(String sql, SqlNode node, List<DataType> hints, List<String> searchPath) {
        return analyze(sql, node, hints, searchPath, Set.of(), n -> n);
    }

    /** How many columns the query of the INSERT {@code sql} yields (validated apart from the INSERT). */
    private int sourceWidth(String sql, List<DataType> hints) {
        SqlNode source = ((org.apache.calcite.sql.SqlInsert) reparse(sql)).getSource();
        return analyze(sql, source, hints, catalog.searchPath()).root.fields.size();
    }

    /**
     * {@code asDeclared}: parameters cast to their declared types before validation; {@code rewrite}:
     * what is done to the parsed statement before each validation (a DML's defaults filled in).
     */
    private Analysis analyze(String sql, SqlNode node, List<DataType> hints, List<String> searchPath,
            Set<Integer> asDeclared, java.util.function.UnaryOperator<SqlNode> rewrite) {
        Context ctx = new Context(searchPath);
        SqlNode validated;
        try {
            prepareTree(node);
            ObjectNameLiterals.resolve(node, catalog.sessionFunctions());
            castQuantifiedParameters(node, hints);
            castDeclaredParameters(node, hints, asDeclared);
            validated = ctx.validator.validate(node);
        } catch (RuntimeException e) {
            MillraceException m = PlannerErrors.translate(e, sql);
            if (m.sqlState() != SqlState.INDETERMINATE_DATATYPE) {
                throw m;
            }
            // Parameters whose type nothing determines are text, as in PostgreSQL.
            ctx = new Context(searchPath);
            SqlNode fresh = rewrite.apply(reparse(sql));
            prepareTree(fresh);
            ObjectNameLiterals.resolve(fresh, catalog.sessionFunctions());
            castQuantifiedParameters(fresh, hints);
            castDeclaredParameters(fresh, hints, asDeclared);
            castUntypedParameters(fresh, hints);
            try {
                validated = ctx.validator.validate(fresh);
            } catch (RuntimeException e2) {
                throw PlannerErrors.translate(e2, sql);
            }
        }
        if (ctx.validator.getTypeCoercion() instanceof PostgresTypeCoercion coercion) {
            coercion.throwDeferred();
        }
        int count = MillraceParser.parameterCount(validated);
        List<DataType> inferred = new ArrayList<>();
        List<DataType> declared = new ArrayList<>();
        DataType[] found = new DataType[count];
        SqlValidator validator = ctx.validator;
        validated.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlDynamicParam param) {
                RelDataType t = validator.getValidatedNodeTypeIfKnown(param);
                if (t != null && found[param.getIndex()] == null && t.getSqlTypeName() != SqlTypeName.NULL) {
                    found[param.getIndex()] = TypeMapping.toDataType(t);
                }
                return null;
            }
        });
        Set<Integer> narrowed = new java.util.TreeSet<>();
        for (int i = 0; i < count; i++) {
            DataType hint = hints != null && i < hints.size() ? hints.get(i) : null;
            if (hint != null && found[i] != null && narrows(hint, found[i])) {
                narrowed.add(i);
            }
        }
        if (!narrowed.isEmpty() && asDeclared.isEmpty()) {
            // A number the client declared (numeric 0.25 in $1 * 2) keeps its type, as in PostgreSQL;
            // Calcite would take the other operand's (integer) and the value would be cut to fit.
            return analyze(sql, rewrite.apply(reparse(sql)), hints, searchPath, narrowed, rewrite);
        }
        for (int i = 0; i < count; i++) {
            DataType hint = hints != null && i < hints.size() ? hints.get(i) : null;
            DataType t = found[i] != null ? found[i] : hint != null ? hint : DataType.TEXT;
            inferred.add(t);
            declared.add(hint != null ? hint : t);
        }
        RelRoot root;
        try {
            root = ctx.toRel(validated);
            root = root.withRel(Optimizer.optimize(SessionFunctionRewrite.apply(root.rel, catalog.sessionFunctions())));
        } catch (RuntimeException e) {
            throw PlannerErrors.translate(e, sql);
        }
        return new Analysis(root, declared, inferred, ctx.referenced);
    }

    /** The statement of {@code sql} parsed again (the DML of INSERT ... RETURNING), for a second validation. */
    private static SqlNode reparse(String sql) {
        SqlNode node = MillraceParser.parseStatements(sql).get(0).node();
        return node instanceof io.millrace.parser.ddl.SqlReturning r ? r.dml() : node;
    }

    /**
     * Whether reading a value declared {@code declared} as {@code inferred} would silently lose its
     * fraction: a numeric, real or double precision read as an integer type.
     */
    private static boolean narrows(DataType declared, DataType inferred) {
        return switch (declared.kind()) {
            case NUMERIC, REAL, DOUBLE -> switch (inferred.kind()) {
                case SMALLINT, INTEGER, BIGINT -> true;
                default -> false;
            };
            default -> false;
        };
    }

    /** Casts the parameters numbered in {@code which} (from 0) to their declared types wherever they are operands. */
    private static void castDeclaredParameters(SqlNode node, List<DataType> hints, Set<Integer> which) {
        if (which.isEmpty()) {
            return;
        }
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlBasicCall basic && call.getKind() != SqlKind.CAST) {
                    for (int i = 0; i < basic.operandCount(); i++) {
                        if (basic.operand(i) instanceof SqlDynamicParam p && which.contains(p.getIndex())) {
                            basic.setOperand(i, castTo(p, hints.get(p.getIndex())));
                        }
                    }
                }
                return super.visit(call);
            }
        });
    }

    /** PostgreSQL's reading of a parsed statement, applied before Calcite validates it. */
    private static void prepareTree(SqlNode node) {
        ColumnNames.apply(node);
        ObjectNameLiterals.nameOutputs(node);
        JsonSqlType.rewriteCasts(node);
        IntervalCasts.rewrite(node);
        VolatileCalls.rewrite(node);
        SequenceCalls.rewrite(node);
        SetReturningCalls.rewrite(node);
        LiteralRewrites.rewrite(node);
        LiteralRewrites.typeNullsBesideStrings(node);
        PgOperators.rewrite(node);
        ArraySubqueries.rewrite(node);
        PgArrayFunctions.rewriteArrayAggregates(node);
        PgArrayFunctions.rewriteArrayTextCasts(node);
    }

    /**
     * Casts a parameter compared with {@code ANY}/{@code ALL} to its hint, or text: Calcite cannot
     * infer its type from the array, which the parser holds in a one-element list. A parameter that
     * is the array is cast the same way, to its hint or text[].
     */
    private static void castQuantifiedParameters(SqlNode node, List<DataType> hints) {
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if ((call.getKind() == SqlKind.SOME || call.getKind() == SqlKind.ALL) && call instanceof SqlBasicCall basic
                        && basic.operand(0) instanceof SqlDynamicParam p) {
                    DataType hint = hints != null && p.getIndex() < hints.size() ? hints.get(p.getIndex()) : null;
                    basic.setOperand(0, castTo(p, hint == null ? DataType.TEXT : hint));
                }
                // x op ANY ('{a,b}'): as in PostgreSQL the string is an array (of text; compared as x's type).
                if ((call.getKind() == SqlKind.SOME || call.getKind() == SqlKind.ALL) && call.operandCount() == 2
                        && call.operand(1) instanceof org.apache.calcite.sql.SqlNodeList list && list.size() == 1
                        && list.get(0) instanceof org.apache.calcite.sql.SqlCharStringLiteral literal) {
                    list.set(0, SqlStdOperatorTable.CAST.createCall(literal.getParserPosition(), literal,
                            new SqlDataTypeSpec(typeNameSpec(DataType.array(DataType.TEXT), literal.getParserPosition()),
                                    literal.getParserPosition())));
                }
                // x op ANY ($1): the parameter is the array, of its declared array type or, undeclared, text[]
                // as for a string; Calcite would take it for one element of x's type.
                if ((call.getKind() == SqlKind.SOME || call.getKind() == SqlKind.ALL) && call.operandCount() == 2
                        && call.operand(1) instanceof org.apache.calcite.sql.SqlNodeList list && list.size() == 1
                        && list.get(0) instanceof SqlDynamicParam p) {
                    DataType hint = hints != null && p.getIndex() < hints.size() ? hints.get(p.getIndex()) : null;
                    if (hint == null || hint.kind() == io.millrace.executor.type.TypeKind.ARRAY) {
                        list.set(0, castTo(p, hint == null ? DataType.array(DataType.TEXT) : hint));
                    }
                }
                return super.visit(call);
            }
        });
    }

    /** Wraps each parameter whose type the query does not determine in a cast to its hint or text. */
    private static void castUntypedParameters(SqlNode node, List<DataType> hints) {
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlBasicCall basic && call.getKind() != SqlKind.CAST) {
                    for (int i = 0; i < basic.operandCount(); i++) {
                        if (basic.operand(i) instanceof SqlDynamicParam p) {
                            DataType hint = hints != null && p.getIndex() < hints.size() ? hints.get(p.getIndex()) : null;
                            basic.setOperand(i, castTo(p, hint == null ? DataType.TEXT : hint));
                        }
                    }
                }
                if (call.getKind() == SqlKind.SELECT) {
                    org.apache.calcite.sql.SqlSelect select = (org.apache.calcite.sql.SqlSelect) call;
                    org.apache.calcite.sql.SqlNodeList list = select.getSelectList();
                    for (int i = 0; list != null && i < list.size(); i++) {
                        if (list.get(i) instanceof SqlDynamicParam p) {
                            DataType hint = hints != null && p.getIndex() < hints.size() ? hints.get(p.getIndex()) : null;
                            list.set(i, castTo(p, hint == null ? DataType.TEXT : hint));
                        }
                    }
                }
                return super.visit(call);
            }
        });
    }

    private static SqlNode castTo(SqlDynamicParam p, DataType t) {
        SqlParserPos pos = p.getParserPosition();
        if (t.kind() == io.millrace.executor.type.TypeKind.JSON || t.kind() == io.millrace.executor.type.TypeKind.JSONB) {
            return JsonSqlType.castCall(t.kind() == io.millrace.executor.type.TypeKind.JSONB, castTo(p, DataType.TEXT));
        }
        return SqlStdOperatorTable.CAST.createCall(pos, p, new SqlDataTypeSpec(typeNameSpec(t, pos), pos));
    }

    static org.apache.calcite.sql.SqlTypeNameSpec typeNameSpec(DataType t, SqlParserPos pos) {
        if (t.kind() == io.millrace.executor.type.TypeKind.ARRAY) {
            return new org.apache.calcite.sql.SqlCollectionTypeNameSpec(typeNameSpec(t.element(), pos),
                    SqlTypeName.ARRAY, pos);
        }
        if (t.kind() == io.millrace.executor.type.TypeKind.INTERVAL) {
            return new io.millrace.parser.PgIntervalTypeNameSpec(pos);
        }

        SqlTypeName name = switch (t.kind()) {
            case BOOLEAN -> SqlTypeName.BOOLEAN;
            case SMALLINT -> SqlTypeName.SMALLINT;
            case INTEGER -> SqlTypeName.INTEGER;
            case BIGINT -> SqlTypeName.BIGINT;
            case REAL -> SqlTypeName.REAL;
            case DOUBLE -> SqlTypeName.DOUBLE;
            case NUMERIC -> SqlTypeName.DECIMAL;
            case DATE -> SqlTypeName.DATE;
            case TIME -> SqlTypeName.TIME;
            case TIMESTAMP -> SqlTypeName.TIMESTAMP;
            case TIMESTAMPTZ -> SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
            case UUID -> SqlTypeName.UUID;
            case BYTEA -> SqlTypeName.VARBINARY;
            default -> SqlTypeName.VARCHAR;
        };
        return new org.apache.calcite.sql.SqlBasicTypeNameSpec(name, pos);
    }

    /** Turns an analysed query into a plan with bound parameter values (internal forms). */
    QueryPlan plan(RelRoot root, List<Object> parameters, PlanPurpose purpose) {
        root = root.withRel(VolatileCalls.apply(root.rel, java.time.Instant.now(), purpose == PlanPurpose.MAINTAINED));
        RexBuilder rexBuilder = root.rel.getCluster().getRexBuilder();
        RelToPlan converter = new RelToPlan(parameters, rexBuilder, purpose);
        return QueryPlans.build(converter, root, purpose);
    }

    /** Per-statement Calcite state: catalog reader, validator, cluster. Also expands views. */
    private final class Context implements RelOptTable.ViewExpander {
        final CalciteCatalogReader reader;
        final SqlValidator validator;
        final RelOptCluster cluster;
        final Set<Long> referenced = new LinkedHashSet<>();

        private final CalciteSchema root = CalciteSchema.createRootSchema(false, false);

        Context(List<String> searchPath) {
            for (String s : catalog.schemaNames()) {
                root.add(s, new CatalogSchema(catalog, s));
            }
            for (String s : catalog.systemSchemaNames()) {
                root.add(s, new SystemSchema(catalog, s));
            }
            root.add("json", f -> TypeMapping.jsonType(f, false));
            root.add("jsonb", f -> TypeMapping.jsonType(f, true));
            // PostgreSQL's one-byte "char" (pg_class.relkind and the like), held as text.
            root.add("char", f -> f.createSqlType(SqlTypeName.VARCHAR, 1));
            this.reader = reader(searchPath);
            this.validator = newValidator(reader);
            HepPlanner hep = new HepPlanner(HepProgram.builder().build());
            hep.setExecutor(CONSTANT_REDUCER);
            this.cluster = RelOptCluster.create(hep, new JsonSqlType.RexBuilder(typeFactory));
        }

        /** Reads names as PostgreSQL does: pg_catalog first, then the search path, then qualified names. */
        private CalciteCatalogReader reader(List<String> searchPath) {
            List<List<String>> path = new ArrayList<>();
            if (catalog.systemSchemaNames().contains("pg_catalog")) {
                path.add(List.of("pg_catalog"));
            }
            for (String s : searchPath) {
                path.add(List.of(s));
            }
            path.add(List.of());
            Properties props = new Properties();
            props.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
            return new CalciteCatalogReader(root, SqlNameMatchers.withCaseSensitive(true), path, typeFactory,
                    new CalciteConnectionConfigImpl(props)) {
            };
        }

        SqlValidator newValidator(CalciteCatalogReader catalogReader) {
            SqlValidator.Config config = SqlValidator.Config.DEFAULT
                    .withConformance(MillraceConformance.INSTANCE)
                    .withDefaultNullCollation(NullCollation.HIGH)
                    .withIdentifierExpansion(true)
                    .withCallRewrite(true)
                    .withTypeCoercionFactory(PostgresTypeCoercion::new)
                    .withTypeCoercionRules(PostgresTypeCoercion.CAST_RULES);
            return SqlValidatorUtil.newValidator(SqlOperatorTables.chain(OPERATORS, catalogReader), catalogReader,
                    typeFactory, config);
        }

        RelRoot toRel(SqlNode validated) {
            SqlToRelConverter converter = new SqlToRelConverter(this, validator, reader, cluster,
                    StandardConvertletTable.INSTANCE, converterConfig());
            RelRoot root = converter.convertQuery(validated, false, true);
            if (hasRecords(root.rel)) {
                // Record values ((f(x)).n, a subquery's ROW column) become their fields, one column each.
                root = root.withRel(converter.flattenTypes(root.rel, true));
            }
            collectStoredRelations(root.rel);
            return root;
        }

        private static boolean hasRecords(RelNode rel) {
            if (rel.getRowType().getFieldList().stream().anyMatch(f -> f.getType().isStruct())) {
                return true;
            }
            return rel.getInputs().stream().anyMatch(Context::hasRecords);
        }

        private void collectStoredRelations(RelNode rel) {
            rel.accept(new org.apache.calcite.rel.RelShuttleImpl() {
                @Override
                public RelNode visit(org.apache.calcite.rel.core.TableScan scan) {
                    CatalogSchema.StoredTable t = scan.getTable().unwrap(CatalogSchema.StoredTable.class);
                    if (t != null) {
                        referenced.add(t.relation().id());
                    }
                    return scan;
                }
            });
            if (rel instanceof TableModify m) {
                CatalogSchema.StoredTable t = m.getTable().unwrap(CatalogSchema.StoredTable.class);
                if (t != null) {
                    referenced.add(t.relation().id());
                }
                collectStoredRelations(m.getInput());
            }
        }

        @Override
        public RelRoot expandView(RelDataType rowType, String queryString, List<String> schemaPath,
                List<String> viewPath) {
            RelationInfo view = catalog.relation(viewPath.get(0), viewPath.get(viewPath.size() - 1));
            if (view != null) {
                referenced.add(view.id());
            }
            SqlNode query = MillraceParser.parseQuery(queryString);
            prepareTree(query);
            CalciteCatalogReader viewReader = reader(schemaPath);
            SqlValidator viewValidator = newValidator(viewReader);
            SqlNode validated = viewValidator.validate(query);
            SqlToRelConverter converter = new SqlToRelConverter(this, viewValidator, viewReader, cluster,
                    StandardConvertletTable.INSTANCE, converterConfig());
            return converter.convertQuery(validated, true, false);
        }
    }

    /**
     * Subqueries stay subquery expressions (rewritten by the optimizer), and IN lists of any length
     * stay conditions: Calcite would otherwise turn a list of 20 or more values into a join.
     */
    private static SqlToRelConverter.Config converterConfig() {
        return SqlToRelConverter.config().withExpand(false).withTrimUnusedFields(false)
                .withInSubQueryThreshold(Integer.MAX_VALUE);
    }

    /** The fields of a RelRoot's output. */
    static RowSchema outputSchema(RelRoot root) {
        List<Field> fields = new ArrayList<>();
        List<org.apache.calcite.rel.type.RelDataTypeField> relFields = root.rel.getRowType().getFieldList();
        for (var f : root.fields) {
            RelDataType t = relFields.get(f.getKey()).getType();
            fields.add(new Field(ColumnNames.display(f.getValue()), TypeMapping.toDataType(t), t.isNullable()));
        }
        return new RowSchema(fields);
    }
}
