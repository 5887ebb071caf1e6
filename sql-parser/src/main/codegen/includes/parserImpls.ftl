<#--
  Millrace's productions, included into Calcite's Parser.jj template (see config.fmpp).
  They are written for Millrace; the statement nodes live in io.millrace.parser.ddl.
-->

/* PostgreSQL positional parameters: $1, $2, ... They lex as HOOK ('?'), so every place Calcite
 * accepts a dynamic parameter accepts them; DynamicParam() reads the number from the token image
 * (see ParserSupport.parameterIndex). Declared before IDENTIFIER (where '$' is a letter), so the
 * tie on "$1" goes to this token. */
<DEFAULT, DQID, BTID, BQID, BQHID> TOKEN :
{
    < PG_POSITIONAL_PARAM: "$" (["0"-"9"])+ > { matchedToken.kind = HOOK; }
}

/* PostgreSQL's escape strings, E'...' with backslash escapes. Calcite has a token for them too,
 * but gives the literal the UTF16 character set, which then mismatches every other string. This
 * token (declared first, so it wins the tie) decodes the escapes and hands the parser an ordinary
 * quoted string. */
<DEFAULT, DQID, BTID> TOKEN :
{
    < PG_ESCAPE_STRING: ["e","E"] <QUOTE> ( (~["'", "\\"]) | ("\\" ~[]) | "''" )* <QUOTE> >
    {
        matchedToken.image = ParserSupport.escapeStringImage(matchedToken.image,
            matchedToken.beginLine, matchedToken.beginColumn);
        matchedToken.kind = QUOTED_STRING;
    }
}

/* ------------------------------------------------------------------------------------------
 * Entry points called by io.millrace.parser.MillraceParser
 * ------------------------------------------------------------------------------------------ */

/** Zero or more statements separated by semicolons, each with its own source text. */
List<ParsedStatement> MillraceStatementList() :
{
    final List<ParsedStatement> list = new ArrayList<ParsedStatement>();
    SqlNode stmt;
    Token first;
}
{
    ( <SEMICOLON> )*
    [
        { first = getToken(1); nDynamicParams = 0; }
        stmt = SqlStmt() { list.add(parsedStatement(stmt, first, getToken(0))); }
        (
            <SEMICOLON>
            [
                { first = getToken(1); nDynamicParams = 0; }
                stmt = SqlStmt() { list.add(parsedStatement(stmt, first, getToken(0))); }
            ]
        )*
    ]
    <EOF>
    { return list; }
}

/** A query (SELECT, VALUES, set operations, WITH, ORDER BY/LIMIT) and an optional semicolon. */
SqlNode MillraceQueryEof() :
{
    final SqlNode query;
}
{
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    [ <SEMICOLON> ]
    <EOF>
    { return query; }
}

JAVACODE ParsedStatement parsedStatement(SqlNode node, Token first, Token last)
{
    final int begin = ParserSupport.offset(originalSql, first.beginLine, first.beginColumn);
    final int end = ParserSupport.offset(originalSql, last.endLine, last.endColumn) + 1;
    return new ParsedStatement(node, originalSql.substring(begin, end), begin);
}

/** The source text from the start of {@code first} to the end of {@code last}. */
JAVACODE String sourceText(Token first, Token last)
{
    return ParserSupport.sourceText(originalSql, first.beginLine, first.beginColumn,
        last.endLine, last.endColumn);
}

/** A keyword used as a column label after AS (PostgreSQL's ColLabel): its name in lower case. */
JAVACODE SqlIdentifier KeywordLabel()
{
    final Token t = getNextToken();
    return new SqlIdentifier(t.image.toLowerCase(Locale.ROOT), new SqlParserPos(t.beginLine, t.beginColumn,
        t.endLine, t.endColumn));
}

/** A keyword used as a name after a dot (tmp.cardinality): its name in lower case. */
JAVACODE void AddKeywordSegment(List<String> names, List<SqlParserPos> positions)
{
    final SqlIdentifier id = KeywordLabel();
    names.add(id.getSimple());
    positions.add(id.getParserPosition());
}

/** PostgreSQL's unnest(array) as an expression, for a set-returning function in a select list. */
SqlNode UnnestFunctionCall() :
{
    final Span s;
    final SqlNode array;
}
{
    <UNNEST> { s = span(); } <LPAREN> array = Expression(ExprContext.ACCEPT_SUB_QUERY) <RPAREN>
    {
        return new org.apache.calcite.sql.SqlUnresolvedFunction(new SqlIdentifier("unnest", s.pos()), null, null,
            null, null,
            SqlFunctionCategory.USER_DEFINED_FUNCTION).createCall(s.end(this), array);
    }
}

/** A constant of a named type, {@code jsonb '{}'} or {@code int4 '5'}: the string cast to the type. */
SqlNode PgTypedLiteral() :
{
    final Span s;
    final SqlTypeNameSpec typeName;
    final SqlNode literal;
}
{
    (
        <IDENTIFIER> { s = span(); typeName = ParserSupport.typedLiteralType(token.image, getPos()); }
    |   <NUMERIC> { s = span(); typeName = new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, getPos()); }
    |   <INTEGER> { s = span(); typeName = new SqlBasicTypeNameSpec(SqlTypeName.INTEGER, getPos()); }
    |   <BIGINT> { s = span(); typeName = new SqlBasicTypeNameSpec(SqlTypeName.BIGINT, getPos()); }
    |   <SMALLINT> { s = span(); typeName = new SqlBasicTypeNameSpec(SqlTypeName.SMALLINT, getPos()); }
    |   <REAL> { s = span(); typeName = new SqlBasicTypeNameSpec(SqlTypeName.REAL, getPos()); }
    |   <BOOLEAN> { s = span(); typeName = new SqlBasicTypeNameSpec(SqlTypeName.BOOLEAN, getPos()); }
    )
    literal = StringLiteral()
    {
        return SqlStdOperatorTable.CAST.createCall(s.end(this), literal, new SqlDataTypeSpec(typeName, s.end(this)));
    }
}

/** PostgreSQL's current_schema() with parentheses, which is current_schema. */
SqlNode CurrentSchemaCall() :
{
    final Span s;
}
{
    <CURRENT_SCHEMA> { s = span(); } <LPAREN> <RPAREN>
    {
        // As Calcite reads the bare keyword: an identifier the validator resolves to the function.
        return new SqlIdentifier("current_schema", s.end(this));
    }
}

/** A "syntax error at or near ..." pointing at the last token consumed. */
JAVACODE ParseFailure syntaxErrorAtLastToken()
{
    return ParseFailure.syntaxError(getPos());
}

/* ------------------------------------------------------------------------------------------
 * Expressions and types
 * ------------------------------------------------------------------------------------------ */

/** PostgreSQL's {@code expr::type}. It binds tighter than arithmetic (see InfixCastOperator)
 * and produces an ordinary CAST call. */
void MillraceInfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlParserPos pos;
    final SqlDataTypeSpec type;
}
{
    <INFIX_CAST> {
        checkNonQueryExpression(exprContext);
        pos = getPos();
    }
    type = DataType() {
        list.add(new SqlParserUtil.ToTreeListItem(InfixCastOperator.INSTANCE, pos));
        list.add(type);
    }
}

/** PostgreSQL's explicit operator syntax, {@code a OPERATOR(pg_catalog.~) b}, which clients such as
 * psql use so that a user's own operators cannot capture theirs. The operator is the built-in one. */
void MillraceOperatorSyntax(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlParserPos pos;
    SqlBinaryOperator op;
}
{
    <OPERATOR> { checkNonQueryExpression(exprContext); pos = getPos(); }
    <LPAREN>
    [
        LOOKAHEAD(2)
        <IDENTIFIER> {
            if (!token.image.equalsIgnoreCase("pg_catalog")) {
                throw new ParseFailure(SqlState.UNDEFINED_FUNCTION, "schema \"" + ParserSupport.lower(token.image)
                    + "\" does not exist", getPos());
            }
        }
        <DOT>
    ]
    (
        <EQ> { op = SqlStdOperatorTable.EQUALS; }
    |   <NE> { op = SqlStdOperatorTable.NOT_EQUALS; }
    |   <LT> { op = SqlStdOperatorTable.LESS_THAN; }
    |   <GT> { op = SqlStdOperatorTable.GREATER_THAN; }
    |   <LE> { op = SqlStdOperatorTable.LESS_THAN_OR_EQUAL; }
    |   <GE> { op = SqlStdOperatorTable.GREATER_THAN_OR_EQUAL; }
    |   <PLUS> { op = SqlStdOperatorTable.PLUS; }
    |   <MINUS> { op = SqlStdOperatorTable.MINUS; }
    |   <STAR> { op = SqlStdOperatorTable.MULTIPLY; }
    |   <SLASH> { op = SqlStdOperatorTable.DIVIDE; }
    |   <CONCAT> { op = SqlStdOperatorTable.CONCAT; }
    |   <TILDE> { op = SqlStdOperatorTable.POSIX_REGEX_CASE_SENSITIVE; }
        [ <STAR> { op = SqlStdOperatorTable.POSIX_REGEX_CASE_INSENSITIVE; } ]
    |   <NEGATE> <TILDE> { op = SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_SENSITIVE; }
        [ <STAR> { op = SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_INSENSITIVE; } ]
    )
    <RPAREN> {
        list.add(new SqlParserUtil.ToTreeListItem(op, pos));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/** value AT TIME ZONE zone (see PgAtTimeZone). */
void MillraceAtTimeZone(List<Object> list, ExprContext exprContext, Span s) :
{
}
{
    <AT> <TIME> <ZONE>
    {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(PgAtTimeZone.OPERATOR, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/** The json operators (see PgJsonOperators). */
void MillraceJsonOperator(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlBinaryOperator op;
}
{
    (
        <LAMBDA> { op = PgJsonOperators.GET; }
    |   <JSON_GET_TEXT> { op = PgJsonOperators.GET_TEXT; }
    |   <JSON_PATH> { op = PgJsonOperators.PATH; }
    |   <JSON_PATH_TEXT> { op = PgJsonOperators.PATH_TEXT; }
    |   <JSON_CONTAINS> { op = PgJsonOperators.CONTAINS; }
    |   <JSON_CONTAINED> { op = PgJsonOperators.CONTAINED; }
    |   <HOOK> { op = PgJsonOperators.EXISTS; }
    )
    {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(op, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/** {@code expr COLLATE name}. Text compares byte-wise here, which is PostgreSQL's "C" collation, so
 * "C", "POSIX" and the database default are accepted and change nothing; no other collation exists. */
void MillraceCollate(List<Object> list, ExprContext exprContext, Span s) :
{
    String name;
}
{
    <COLLATE>
    [
        LOOKAHEAD(2)
        <IDENTIFIER> {
            if (!token.image.equalsIgnoreCase("pg_catalog")) {
                throw new ParseFailure(SqlState.UNDEFINED_OBJECT, "schema \"" + ParserSupport.lower(token.image)
                    + "\" does not exist", getPos());
            }
        }
        <DOT>
    ]
    (
        <DEFAULT_> { name = "default"; }
    |   <QUOTED_IDENTIFIER> { name = SqlParserUtil.stripQuotes(token.image, "\"", "\"", "\"\"", Casing.UNCHANGED); }
    |   <IDENTIFIER> { name = ParserSupport.lower(token.image); }
    )
    {
        if (!name.equals("C") && !name.equals("POSIX") && !name.equals("default") && !name.equals("ucs_basic")) {
            throw new ParseFailure(SqlState.UNDEFINED_OBJECT, "collation \"" + name + "\" does not exist", getPos());
        }
    }
}

/** PostgreSQL type names that Calcite spells differently or lacks: int4, text, timestamptz, ...
 * (identifiers recognised by PgTypeNameSpec), TIMESTAMP WITH TIME ZONE, INTERVAL, FLOAT(p) and DOUBLE
 * PRECISION (so that it unparses as PostgreSQL spells it). */
SqlTypeNameSpec MillraceTypeName() :
{
    final Span s;
    final String alias;
    int precision = -1;
    SqlTypeNameSpec qualified;
}
{
    (
        // Built-in types live in pg_catalog: pg_catalog.int4 is int4.
        LOOKAHEAD({ getToken(1).kind == IDENTIFIER && getToken(1).image.equalsIgnoreCase("pg_catalog")
            && getToken(2).kind == DOT })
        <IDENTIFIER> <DOT> qualified = TypeName() {
            return qualified;
        }
    |
        LOOKAHEAD({ getToken(1).kind == IDENTIFIER && PgTypeNameSpec.isAlias(getToken(1).image) })
        <IDENTIFIER> {
            s = span();
            alias = token.image;
        }
        [ <LPAREN> precision = UnsignedIntLiteral() <RPAREN> ]
        {
            return PgTypeNameSpec.forAlias(alias, precision, s.end(this));
        }
    |
        <TIMESTAMP> { s = span(); }
        precision = PrecisionOpt()
        (
            LOOKAHEAD(3)
            <WITHOUT> <TIME> <ZONE> {
                return new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP, precision, s.end(this));
            }
        |
            LOOKAHEAD(2)
            <WITH> <LOCAL> <TIME> <ZONE> {
                return new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE,
                    precision, s.end(this));
            }
        |
            <WITH> <TIME> <ZONE> {
                return PgTypeNameSpec.timestampWithTimeZone(precision, s.end(this));
            }
        |
            {
                return new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP, precision, s.end(this));
            }
        )
    |
        // PostgreSQL's interval (fields and precision, which would narrow it, are not taken).
        <INTERVAL> {
            s = span();
            return new PgIntervalTypeNameSpec(s.end(this));
        }
    |
        <FLOAT> { s = span(); }
        precision = PrecisionOpt() {
            return PgTypeNameSpec.pgFloat(precision, s.end(this));
        }
    |
        <DOUBLE> { s = span(); }
        [ <PRECISION> ]
        {
            return PgTypeNameSpec.forAlias("float8", -1, s.end(this));
        }
    )
}

/** PostgreSQL's {@code INTERVAL '1 hour 30 minutes'}: a string with no qualifier after it.
 * Reached from Calcite's IntervalLiteralOrExpression through the build's patch of Parser.jj
 * (see pom.xml); {@code INTERVAL '90' MINUTE} stays Calcite's. */
SqlNode PgIntervalLiteral(Span s, int sign) :
{
    final String text;
}
{
    text = SimpleStringLiteral() {
        return PgIntervals.literal(text, sign, s.end(this));
    }
}

/* ------------------------------------------------------------------------------------------
 * Shared pieces
 * ------------------------------------------------------------------------------------------ */

void IfNotExistsOpt(boolean[] flag) :
{
}
{
    [ LOOKAHEAD(3) <IF> <NOT> <EXISTS> { flag[0] = true; } ]
}

/** A session setting's name: an identifier, possibly dotted (extension.setting). PostgreSQL
 * matches setting names case-insensitively, so the name comes back in lower case. */
String SettingName() :
{
    final SqlIdentifier id;
}
{
    id = CompoundIdentifier() {
        return String.join(".", id.names).toLowerCase(Locale.ROOT);
    }
}

/** {@code ( name [=] [value] , ... )}: opts of SUBSCRIBE, FETCH, COPY and EXPLAIN. */
List<SqlOption> ParenthesizedOptionList() :
{
    final List<SqlOption> list = new ArrayList<SqlOption>();
    SqlOption option;
}
{
    <LPAREN>
    option = OptionItem() { list.add(option); }
    ( <COMMA> option = OptionItem() { list.add(option); } )*
    <RPAREN>
    { return ParserSupport.distinctOptions(list); }
}

SqlOption OptionItem() :
{
    final String name;
    final SqlParserPos pos;
    SqlNode value = null;
}
{
    name = OptionName() { pos = getPos(); }
    (
        <EQ> value = OptionValue()
    |
        [ value = OptionValue() ]
    )
    {
        return new SqlOption(pos, name, value);
    }
}

String OptionName() :
{
    final SqlIdentifier id;
}
{
    (
        id = SimpleIdentifier() { return id.getSimple().toLowerCase(Locale.ROOT); }
    |
        <NULL> { return "null"; }
    |
        <ESCAPE> { return "escape"; }
    )
}

/** An option or setting value: a literal, or a bare word (kept as an identifier). */
SqlNode OptionValue() :
{
    final SqlNode e;
}
{
    (
        e = StringLiteral()
    |
        e = NumericLiteral()
    |
        <TRUE> { e = SqlLiteral.createBoolean(true, getPos()); }
    |
        <FALSE> { e = SqlLiteral.createBoolean(false, getPos()); }
    |
        <ON> { e = new SqlIdentifier("on", getPos()); }
    |
        <BINARY> { e = new SqlIdentifier("binary", getPos()); }
    |
        e = SimpleIdentifier()
    )
    { return e; }
}

/** The text of a parenthesized query or SUBSCRIBE, without the parentheses. */
SqlNode QueryOrSubscribe() :
{
    final SqlNode e;
}
{
    (
        LOOKAHEAD(<SUBSCRIBE>)
        e = MillraceSubscribe()
    |
        e = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    )
    { return e; }
}

/* ------------------------------------------------------------------------------------------
 * CREATE and DROP
 * ------------------------------------------------------------------------------------------ */

SqlCreate MillraceCreateTable(Span s, boolean replace) :
{
    final boolean[] ifNotExists = {false};
    final SqlIdentifier name;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final List<SqlNodeList> primaryKey = new ArrayList<SqlNodeList>();
    final List<SqlNode> uniqueKeys = new ArrayList<SqlNode>();
    SqlNodeList columnNames = null;
    Token first;
    SqlNode query;
    boolean withData = true;
}
{
    <TABLE> {
        if (replace) {
            throw syntaxErrorAtLastToken();
        }
    }
    IfNotExistsOpt(ifNotExists)
    name = CompoundIdentifier()
    (
        // CREATE TABLE t [(a, b)] AS query [WITH [NO] DATA]
        LOOKAHEAD(<AS> | ParenthesizedSimpleIdentifierList() <AS>)
        [ columnNames = ParenthesizedSimpleIdentifierList() ]
        <AS> { first = getToken(1); }
        query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) {
            String text = sourceText(first, getToken(0));
        }
        [ <WITH> [ <NO> { withData = false; } ] <DATA> ]
        {
            return new SqlCreateTableAs(s.end(this), ifNotExists[0], name, columnNames, query, text, withData);
        }
    |
        TableElementList(name, columns, primaryKey, uniqueKeys)
    )
    {
        return new SqlCreateTable(s.end(this), ifNotExists[0], name,
            new SqlNodeList(columns, Span.of(columns).pos()),
            primaryKey.isEmpty() ? null : primaryKey.get(0),
            new SqlNodeList(uniqueKeys, Span.of(uniqueKeys).pos()));
    }
}

/** The parenthesized column definitions and constraints of CREATE TABLE. */
void TableElementList(SqlIdentifier name, List<SqlNode> columns, List<SqlNodeList> primaryKey,
    List<SqlNode> uniqueKeys) :
{
}
{
    <LPAREN>
    TableElement(name, columns, primaryKey, uniqueKeys)
    ( <COMMA> TableElement(name, columns, primaryKey, uniqueKeys) )*
    <RPAREN>
}

/**
 * A column definition, or a table-level [CONSTRAINT name] PRIMARY KEY (a, b) or UNIQUE (a, b). A
 * column's constraints may be named too; as in PostgreSQL 15 only a UNIQUE constraint keeps its name.
 */
void TableElement(SqlIdentifier table, List<SqlNode> columns, List<SqlNodeList> primaryKey,
    List<SqlNode> uniqueKeys) :
{
    final SqlIdentifier column;
    final SqlDataTypeSpec type;
    final SqlNodeList keyColumns;
    SqlIdentifier constraint = null;
    SqlParserPos pos;
    Boolean nullable = null;
    SqlNode defaultValue = null;
    String defaultText = null;
    Token first;
    IdentityGeneration identity = null;
    boolean always;
    final List<SqlNode> identityOptions = new ArrayList<SqlNode>();
    final Span s;
}
{
    (
        [ <CONSTRAINT> constraint = SimpleIdentifier() ]
        (
            <PRIMARY> { pos = getPos(); } <KEY>
            keyColumns = ParenthesizedSimpleIdentifierList() {
                ParserSupport.addPrimaryKey(table, primaryKey, keyColumns, constraint, pos);
            }
        |
            <UNIQUE> { pos = getPos(); } keyColumns = ParenthesizedSimpleIdentifierList() {
                uniqueKeys.add(ParserSupport.uniqueKey(constraint, keyColumns, pos));
            }
        )
    |
        column = SimpleIdentifier() { s = span(); }
        type = DataType()
        (
            constraint = ConstraintNameOpt()
            (
                <NOT> { pos = getPos(); } <NULL> {
                    nullable = ParserSupport.nullability(table, column, nullable, false, pos);
                }
            |
                <NULL> {
                    nullable = ParserSupport.nullability(table, column, nullable, true, getPos());
                }
            |
                <PRIMARY> { pos = getPos(); } <KEY> {
                    ParserSupport.addPrimaryKey(table, primaryKey,
                        new SqlNodeList(Collections.singletonList(column), column.getParserPosition()),
                        constraint, pos);
                }
            |
                <UNIQUE> {
                    uniqueKeys.add(ParserSupport.uniqueKey(constraint,
                        new SqlNodeList(Collections.singletonList(column), column.getParserPosition()),
                        getPos()));
                }
            |
                <DEFAULT_> {
                    if (defaultValue != null) {
                        throw ParserSupport.multipleDefaults(table, column, getPos());
                    }
                }
                { first = getToken(1); }
                defaultValue = Expression(ExprContext.ACCEPT_SUB_QUERY)
                { defaultText = sourceText(first, getToken(0)); }
            |
                <GENERATED> { pos = getPos(); }
                (
                    <ALWAYS> { always = true; }
                |
                    <BY> <DEFAULT_> { always = false; }
                )
                <AS> <IDENTITY>
                [ <LPAREN> ( SequenceOption(identityOptions) )+ <RPAREN> ]
                {
                    identity = ParserSupport.identity(table, column, identity, always, pos);
                }
            )
        )*
        {
            columns.add(new SqlColumnDefinition(s.end(this), column, type,
                nullable == null || nullable, defaultValue, defaultText, identity,
                new SqlNodeList(identityOptions, Span.of(identityOptions).pos())));
        }
    )
}

/** {@code CONSTRAINT name} before a column constraint, or nothing (null). */
SqlIdentifier ConstraintNameOpt() :
{
    SqlIdentifier name = null;
}
{
    [ <CONSTRAINT> name = SimpleIdentifier() ]
    { return name; }
}

/**
 * One option of CREATE SEQUENCE or of an identity column's sequence, as a {@link SqlOption}:
 * {@code as} (a type), {@code increment}, {@code minvalue}, {@code maxvalue}, {@code start},
 * {@code cache} (a signed integer), {@code no minvalue}, {@code no maxvalue} (no value),
 * {@code cycle} (true or false), {@code owned by} (a column's name, or {@code none}).
 */
void SequenceOption(List<SqlNode> into) :
{
    final SqlParserPos pos;
    final SqlNode value;
    final SqlDataTypeSpec type;
    final SqlIdentifier owner;
}
{
    (
        <AS> { pos = getPos(); } type = DataType() { into.add(new SqlOption(pos, "as", type)); }
    |
        <INCREMENT> { pos = getPos(); } [ <BY> ] value = SignedInteger() {
            into.add(new SqlOption(pos, "increment", value));
        }
    |
        <MINVALUE> { pos = getPos(); } value = SignedInteger() { into.add(new SqlOption(pos, "minvalue", value)); }
    |
        <MAXVALUE> { pos = getPos(); } value = SignedInteger() { into.add(new SqlOption(pos, "maxvalue", value)); }
    |
        <START> { pos = getPos(); } [ <WITH> ] value = SignedInteger() {
            into.add(new SqlOption(pos, "start", value));
        }
    |
        <CYCLE> { into.add(new SqlOption(getPos(), "cycle", SqlLiteral.createBoolean(true, getPos()))); }
    |
        <NO> { pos = getPos(); }
        (
            <MINVALUE> { into.add(new SqlOption(pos, "no minvalue", null)); }
        |
            <MAXVALUE> { into.add(new SqlOption(pos, "no maxvalue", null)); }
        |
            <CYCLE> { into.add(new SqlOption(pos, "cycle", SqlLiteral.createBoolean(false, pos))); }
        )
    |
        LOOKAHEAD({ getToken(1).kind == IDENTIFIER && getToken(1).image.equalsIgnoreCase("cache") })
        <IDENTIFIER> { pos = getPos(); } value = SignedInteger() { into.add(new SqlOption(pos, "cache", value)); }
    |
        LOOKAHEAD({ getToken(1).kind == IDENTIFIER && getToken(1).image.equalsIgnoreCase("owned") })
        <IDENTIFIER> { pos = getPos(); } <BY>
        (
            <NONE> { owner = new SqlIdentifier("none", getPos()); }
        |
            owner = CompoundIdentifier()
        )
        { into.add(new SqlOption(pos, "owned by", owner)); }
    )
}

/** An integer literal with an optional sign. */
SqlNode SignedInteger() :
{
    boolean negative = false;
    final SqlParserPos pos;
    final SqlNumericLiteral n;
}
{
    { pos = getPos(); }
    [ <MINUS> { negative = true; } | <PLUS> ]
    n = UnsignedNumericLiteral()
    { return negative ? SqlLiteral.createNegative(n, pos.plus(n.getParserPosition())) : n; }
}

/** {@code CREATE SEQUENCE [IF NOT EXISTS] name [option ...]}. */
SqlCreate MillraceCreateSequence(Span s, boolean replace) :
{
    final boolean[] ifNotExists = {false};
    final SqlIdentifier name;
    final List<SqlNode> into = new ArrayList<SqlNode>();
}
{
    <SEQUENCE> {
        if (replace) {
            throw syntaxErrorAtLastToken();
        }
    }
    IfNotExistsOpt(ifNotExists)
    name = CompoundIdentifier()
    ( SequenceOption(into) )*
    {
        return new SqlCreateSequence(s.end(this), ifNotExists[0], name,
            new SqlNodeList(into, Span.of(into).pos()));
    }
}

/** The value of one {@code SET c = ...} of UPDATE: an expression, or {@code DEFAULT}. */
void MillraceUpdateSource(List<SqlNode> list) :
{
}
{
    <DEFAULT_> { list.add(SqlStdOperatorTable.DEFAULT.createCall(getPos())); }
|
    AddExpression(list, ExprContext.ACCEPT_SUB_QUERY)
}

/** {@code OVERRIDING {SYSTEM | USER} VALUE} of INSERT. */
SqlLiteral MillraceOverriding() :
{
    final InsertOverriding overriding;
    final SqlParserPos pos;
}
{
    <OVERRIDING> { pos = getPos(); }
    (
        <SYSTEM> { overriding = InsertOverriding.SYSTEM_VALUE; }
    |
        <USER> { overriding = InsertOverriding.USER_VALUE; }
    )
    <VALUE>
    { return overriding.symbol(pos); }
}

SqlCreate MillraceCreateView(Span s, boolean replace) :
{
    boolean materialized = false;
    final boolean[] ifNotExists = {false};
    final SqlIdentifier name;
    SqlNodeList columns = null;
    final Token first;
    final SqlNode query;
}
{
    [ <MATERIALIZED> { materialized = true; } ]
    <VIEW>
    IfNotExistsOpt(ifNotExists)
    name = CompoundIdentifier()
    [ columns = ParenthesizedSimpleIdentifierList() ]
    <AS> { first = getToken(1); }
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new SqlCreateView(s.end(this), replace, materialized, ifNotExists[0], name,
            columns, query, sourceText(first, getToken(0)));
    }
}

SqlCreate MillraceCreateIndex(Span s, boolean replace) :
{
    boolean unique = false;
    final boolean[] ifNotExists = {false};
    SqlIdentifier name = null;
    final SqlIdentifier table;
    String method = null;
    final SqlIdentifier methodId;
    final List<SqlNode> items = new ArrayList<SqlNode>();
    final Span ls;
}
{
    [ <UNIQUE> { unique = true; } ]
    <INDEX> {
        if (replace) {
            throw syntaxErrorAtLastToken();
        }
    }
    IfNotExistsOpt(ifNotExists)
    [ name = CompoundIdentifier() ]
    {
        if (ifNotExists[0] && name == null) {
            // As in PostgreSQL, IF NOT EXISTS needs the name it tests.
            final Token next = getToken(1);
            throw ParseFailure.syntaxError(new SqlParserPos(next.beginLine, next.beginColumn, next.endLine,
                next.endColumn));
        }
    }
    <ON> table = CompoundIdentifier()
    [
        <USING> methodId = SimpleIdentifier() {
            method = methodId.getSimple().toLowerCase(Locale.ROOT);
        }
    ]
    <LPAREN> { ls = span(); }
    IndexItem(items)
    ( <COMMA> IndexItem(items) )*
    <RPAREN>
    {
        return new SqlCreateIndex(s.end(this), unique, ifNotExists[0], name, table, method,
            new SqlNodeList(items, ls.end(this)));
    }
}

/** {@code CREATE ROLE|USER name [WITH] option ...}. */
SqlCreate MillraceCreateRole(Span s, boolean replace) :
{
    final List<Object> roleOptions = new ArrayList<Object>();
    final SqlIdentifier name;
    boolean isUser = false;
}
{
    ( <ROLE> | <USER> { isUser = true; } ) {
        if (replace) {
            throw syntaxErrorAtLastToken();
        }
    }
    name = SimpleIdentifier()
    [ <WITH> ]
    RoleOptions(roleOptions)
    {
        return new SqlCreateRole(new SqlRoleStatement(s.end(this), SqlRoleStatement.Action.CREATE, isUser,
            java.util.List.of(name.getSimple()), false, SqlRoleStatement.options(roleOptions)));
    }
}

/** {@code ALTER ROLE|USER name [WITH] option ...}. */
SqlCall MillraceAlterRole() :
{
    final Span s;
    final List<Object> roleOptions = new ArrayList<Object>();
    final SqlIdentifier name;
    boolean isUser = false;
}
{
    <ALTER> { s = span(); }
    ( <ROLE> | <USER> { isUser = true; } )
    name = SimpleIdentifier()
    [ <WITH> ]
    RoleOptions(roleOptions)
    {
        return new SqlRoleStatement(s.end(this), SqlRoleStatement.Action.ALTER, isUser,
            java.util.List.of(name.getSimple()), false, SqlRoleStatement.options(roleOptions));
    }
}

/** {@code DROP ROLE|USER [IF EXISTS] name, ...}. */
SqlDrop MillraceDropRole(Span s, boolean replace) :
{
    boolean isUser = false;
    boolean ifExists = false;
    SqlIdentifier name;
    final List<Object> names = new ArrayList<Object>();
}
{
    ( <ROLE> | <USER> { isUser = true; } )
    [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
    name = SimpleIdentifier() { names.add(name.getSimple()); }
    ( <COMMA> name = SimpleIdentifier() { names.add(name.getSimple()); } )*
    {
        return new SqlDropRole(new SqlRoleStatement(s.end(this), SqlRoleStatement.Action.DROP, isUser, SqlRoleStatement.names(names),
            ifExists, java.util.Map.of()));
    }
}

/** LOGIN, NOLOGIN, SUPERUSER, ..., PASSWORD 'secret' | PASSWORD NULL. */
void RoleOptions(List<Object> roleOptions) :
{
    String option;
    SqlNode password;
}
{
    (
        <IDENTIFIER> {
            option = token.image.toLowerCase(Locale.ROOT);
            if (!ParserSupport.isRoleOption(option)) {
                throw syntaxErrorAtLastToken();
            }
        }
        (
            LOOKAHEAD({ option.equals("password") }) (
                <NULL> { roleOptions.add(option); roleOptions.add(null); }
            |
                password = StringLiteral() {
                    roleOptions.add(option);
                    roleOptions.add(((SqlLiteral) password).getValueAs(String.class));
                }
            )
        |
            { roleOptions.add(option); roleOptions.add(""); }
        )
    )*
}

/** {@code RETURNING item, ...} after INSERT, UPDATE or DELETE. */
SqlNodeList MillraceReturning() :
{
    final List<SqlNode> items = new ArrayList<SqlNode>();
    final Span s;
}
{
    <RETURNING> { s = span(); }
    AddSelectItem(items)
    ( <COMMA> AddSelectItem(items) )*
    {
        return new SqlNodeList(items, s.end(this));
    }
}

/** {@code expr [ASC | DESC] [NULLS FIRST | NULLS LAST]}. */
void IndexItem(List<SqlNode> list) :
{
    SqlNode e;
}
{
    e = Expression(ExprContext.ACCEPT_SUB_QUERY)
    [
        <ASC>
    |
        <DESC> { e = SqlStdOperatorTable.DESC.createCall(getPos(), e); }
    ]
    [
        LOOKAHEAD(2)
        <NULLS> <FIRST> { e = SqlStdOperatorTable.NULLS_FIRST.createCall(getPos(), e); }
    |
        <NULLS> <LAST> { e = SqlStdOperatorTable.NULLS_LAST.createCall(getPos(), e); }
    ]
    { list.add(e); }
}

SqlCreate MillraceCreateSchema(Span s, boolean replace) :
{
    final boolean[] ifNotExists = {false};
    SqlIdentifier name = null;
    SqlIdentifier authorization = null;
}
{
    <SCHEMA>
    IfNotExistsOpt(ifNotExists)
    (
        <AUTHORIZATION> authorization = SimpleIdentifier()
    |
        name = SimpleIdentifier() [ <AUTHORIZATION> authorization = SimpleIdentifier() ]
    )
    {
        return new SqlCreateSchema(s.end(this), ifNotExists[0], name, authorization);
    }
}

SqlDrop MillraceDropObjects(Span s, boolean replace) :
{
    final SqlDropObjects.ObjectType type;
    boolean ifExists = false;
    boolean cascade = false;
    SqlIdentifier name;
    final List<SqlNode> names = new ArrayList<SqlNode>();
}
{
    (
        <TABLE> { type = SqlDropObjects.ObjectType.TABLE; }
    |
        <VIEW> { type = SqlDropObjects.ObjectType.VIEW; }
    |
        <MATERIALIZED> <VIEW> { type = SqlDropObjects.ObjectType.MATERIALIZED_VIEW; }
    |
        <INDEX> { type = SqlDropObjects.ObjectType.INDEX; }
    |
        <SCHEMA> { type = SqlDropObjects.ObjectType.SCHEMA; }
    |
        <SEQUENCE> { type = SqlDropObjects.ObjectType.SEQUENCE; }
    |
        <SOURCE> { type = SqlDropObjects.ObjectType.SOURCE; }
    |
        <SINK> { type = SqlDropObjects.ObjectType.SINK; }
    )
    [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
    name = CompoundIdentifier() { names.add(name); }
    ( <COMMA> name = CompoundIdentifier() { names.add(name); } )*
    [
        <CASCADE> { cascade = true; }
    |
        <RESTRICT>
    ]
    {
        return new SqlDropObjects(s.end(this), type, ifExists,
            new SqlNodeList(names, Span.of(names).pos()), cascade);
    }
}

/* ------------------------------------------------------------------------------------------
 * SHOW, SET, RESET
 * ------------------------------------------------------------------------------------------ */

SqlShow MillraceShow() :
{
    final Span s;
    SqlShow.Kind kind;
    SqlIdentifier target = null;
    String setting = null;
}
{
    <SHOW> { s = span(); }
    (
        LOOKAHEAD(1)
        <TABLES> { kind = SqlShow.Kind.TABLES; }
    |
        LOOKAHEAD(1)
        <VIEWS> { kind = SqlShow.Kind.VIEWS; }
    |
        LOOKAHEAD(2)
        <MATERIALIZED> <VIEWS> { kind = SqlShow.Kind.MATERIALIZED_VIEWS; }
    |
        LOOKAHEAD(1)
        <SOURCES> { kind = SqlShow.Kind.SOURCES; }
    |
        LOOKAHEAD(1)
        <SINKS> { kind = SqlShow.Kind.SINKS; }
    |
        LOOKAHEAD(1)
        <INDEXES> { kind = SqlShow.Kind.INDEXES; }
        [ ( <FROM> | <IN> ) target = CompoundIdentifier() ]
    |
        LOOKAHEAD(1)
        <COLUMNS> { kind = SqlShow.Kind.COLUMNS; }
        ( <FROM> | <IN> ) target = CompoundIdentifier()
    |
        <CREATE>
        (
            <TABLE> { kind = SqlShow.Kind.CREATE_TABLE; }
        |
            <VIEW> { kind = SqlShow.Kind.CREATE_VIEW; }
        |
            <MATERIALIZED> <VIEW> { kind = SqlShow.Kind.CREATE_MATERIALIZED_VIEW; }
        )
        target = CompoundIdentifier()
    |
        <ALL> { kind = SqlShow.Kind.ALL; }
    |
        <TIME> <ZONE> { kind = SqlShow.Kind.SETTING; setting = "timezone"; }
    |
        LOOKAHEAD(3)
        <TRANSACTION> <ISOLATION> <LEVEL> {
            kind = SqlShow.Kind.SETTING;
            setting = "transaction_isolation";
        }
    |
        setting = SettingName() { kind = SqlShow.Kind.SETTING; }
    )
    {
        return new SqlShow(s.end(this), kind, target, setting);
    }
}

/** PostgreSQL's SET and RESET; replaces Calcite's SqlSetOption (also reached through
 * ALTER SESSION, which passes the scope). */
SqlAlter MillraceSetOrReset(Span s, String scope) :
{
    boolean local = false;
    String name;
    final List<SqlNode> values = new ArrayList<SqlNode>();
    SqlNode value;
}
{
    (
        <SET> { s.add(this); }
        [
            LOOKAHEAD({ (getToken(1).kind == SESSION || getToken(1).kind == LOCAL)
                && getToken(2).kind != EQ && getToken(2).kind != TO })
            (
                <SESSION>
            |
                <LOCAL> { local = true; }
            )
        ]
        (
            <TIME> <ZONE> { name = "timezone"; }
            (
                <LOCAL>
            |
                <DEFAULT_>
            |
                value = OptionValue() { values.add(value); }
            )
        |
            name = SettingName()
            ( <TO> | <EQ> )
            (
                <DEFAULT_>
            |
                value = OptionValue() { values.add(value); }
                ( <COMMA> value = OptionValue() { values.add(value); } )*
            )
        )
        {
            return new SqlSetVariable(s.end(this), scope, name,
                new SqlNodeList(values, Span.of(values).pos()), local);
        }
    |
        <RESET> { s.add(this); }
        (
            <ALL> { name = null; }
        |
            <TIME> <ZONE> { name = "timezone"; }
        |
            name = SettingName()
        )
        {
            return new SqlResetVariable(s.end(this), scope, name);
        }
    )
}

/* ------------------------------------------------------------------------------------------
 * SUBSCRIBE, cursors, COPY
 * ------------------------------------------------------------------------------------------ */

SqlSubscribe MillraceSubscribe() :
{
    final Span s;
    SqlIdentifier name = null;
    SqlNode query = null;
    String text = null;
    final Token first;
    List<SqlOption> opts = Collections.emptyList();
}
{
    <SUBSCRIBE> { s = span(); }
    [ <TO> ]
    (
        name = CompoundIdentifier()
    |
        <LPAREN> { first = getToken(1); }
        query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) {
            text = sourceText(first, getToken(0));
        }
        <RPAREN>
    )
    [ <WITH> opts = ParenthesizedOptionList() ]
    {
        return new SqlSubscribe(s.end(this), name, query, text, opts);
    }
}

SqlDeclareCursor MillraceDeclareCursor() :
{
    final Span s;
    final SqlIdentifier name;
    boolean noScroll = false;
    boolean withHold = false;
    final Token first;
    final SqlNode query;
}
{
    <DECLARE> { s = span(); }
    name = SimpleIdentifier()
    [ <NO> <SCROLL> { noScroll = true; } ]
    <CURSOR>
    [
        <WITH> <HOLD> { withHold = true; }
    |
        <WITHOUT> <HOLD>
    ]
    <FOR> { first = getToken(1); }
    query = QueryOrSubscribe()
    {
        return new SqlDeclareCursor(s.end(this), name, noScroll, withHold, query,
            sourceText(first, getToken(0)));
    }
}

SqlFetch MillraceFetch() :
{
    final Span s;
    long count = 1;
    boolean all = false;
    final SqlIdentifier cursor;
    List<SqlOption> opts = Collections.emptyList();
}
{
    <FETCH> { s = span(); }
    [
        LOOKAHEAD({ getToken(1).kind == FORWARD && getToken(2).kind != EOF
            && getToken(2).kind != SEMICOLON && getToken(2).kind != WITH })
        <FORWARD>
    ]
    [
        <UNSIGNED_INTEGER_LITERAL> { count = ParserSupport.fetchCount(token.image, getPos()); }
    |
        <ALL> { all = true; }
    |
        <NEXT>
    ]
    [ <FROM> | <IN> ]
    cursor = SimpleIdentifier()
    [ <WITH> opts = ParenthesizedOptionList() ]
    {
        return new SqlFetch(s.end(this), cursor, all, count, opts);
    }
}

SqlCloseCursor MillraceCloseCursor() :
{
    final Span s;
    SqlIdentifier cursor = null;
}
{
    <CLOSE> { s = span(); }
    (
        <ALL>
    |
        cursor = SimpleIdentifier()
    )
    {
        return new SqlCloseCursor(s.end(this), cursor);
    }
}

SqlDeallocate MillraceDeallocate() :
{
    final Span s;
    SqlIdentifier statement = null;
}
{
    <DEALLOCATE> { s = span(); }
    [ <PREPARE> ]
    (
        <ALL>
    |
        statement = SimpleIdentifier()
    )
    {
        return new SqlDeallocate(s.end(this), statement);
    }
}

SqlCopy MillraceCopy() :
{
    final Span s;
    SqlIdentifier table = null;
    SqlNodeList columns = null;
    SqlNode query = null;
    String text = null;
    final Token first;
    final SqlCopy.Direction direction;
    final List<SqlOption> opts = new ArrayList<SqlOption>();
}
{
    <COPY> { s = span(); }
    (
        table = CompoundIdentifier()
        [ columns = ParenthesizedSimpleIdentifierList() ]
        (
            <TO> <STDOUT> { direction = SqlCopy.Direction.TO_STDOUT; }
        |
            <FROM> <STDIN> { direction = SqlCopy.Direction.FROM_STDIN; }
        )
    |
        <LPAREN> { first = getToken(1); }
        query = QueryOrSubscribe() { text = sourceText(first, getToken(0)); }
        <RPAREN>
        <TO> <STDOUT> { direction = SqlCopy.Direction.TO_STDOUT; }
    )
    CopyOptions(opts)
    {
        return new SqlCopy(s.end(this), direction, table, columns, query, text,
            ParserSupport.distinctOptions(opts));
    }
}

/** {@code [WITH] (option, ...)}, or the pre-9.0 form psql's \copy still sends:
 * {@code [WITH] [BINARY] [DELIMITER [AS] 'c'] [NULL [AS] 's'] [CSV [HEADER] [QUOTE [AS] 'c']
 * [ESCAPE [AS] 'c']]}. Both come out as the same option names. */
void CopyOptions(List<SqlOption> opts) :
{
    List<SqlOption> list;
}
{
    [ <WITH> ]
    [
        list = ParenthesizedOptionList() { opts.addAll(list); }
    |
        ( LegacyCopyOption(opts) )+
    ]
}

void LegacyCopyOption(List<SqlOption> opts) :
{
    final SqlParserPos pos;
    final String name;
    final SqlIdentifier id;
    SqlNode value = null;
}
{
    (
        <BINARY> { pos = getPos(); name = "binary"; }
    |
        <NULL> { pos = getPos(); name = "null"; }
        [ <AS> ] value = StringLiteral()
    |
        <ESCAPE> { pos = getPos(); name = "escape"; }
        [ <AS> ] value = StringLiteral()
    |
        id = SimpleIdentifier() {
            pos = id.getParserPosition();
            name = id.getSimple().toLowerCase(Locale.ROOT);
        }
        [ [ <AS> ] value = StringLiteral() ]
    )
    {
        opts.add(ParserSupport.legacyCopyOption(name, value, pos));
    }
}

/* ------------------------------------------------------------------------------------------
 * Transactions
 * ------------------------------------------------------------------------------------------ */

SqlTransactionStatement MillraceBegin() :
{
    final Span s;
    final TransactionModes modes;
}
{
    (
        <BEGIN> { s = span(); } [ <WORK> | <TRANSACTION> ]
    |
        <START> { s = span(); } <TRANSACTION>
    )
    modes = TransactionModeList()
    {
        return new SqlTransactionStatement(s.end(this),
            SqlTransactionStatement.Kind.BEGIN, modes, false);
    }
}

TransactionModes TransactionModeList() :
{
    TransactionModes modes = TransactionModes.NONE;
    TransactionModes mode;
}
{
    [
        mode = TransactionMode() { modes = modes.with(mode); }
        (
            [ <COMMA> ]
            mode = TransactionMode() { modes = modes.with(mode); }
        )*
    ]
    { return modes; }
}

TransactionModes TransactionMode() :
{
}
{
    <ISOLATION> <LEVEL>
    (
        <SERIALIZABLE> {
            return TransactionModes.isolation(TransactionModes.IsolationLevel.SERIALIZABLE);
        }
    |
        <REPEATABLE> <READ> {
            return TransactionModes.isolation(TransactionModes.IsolationLevel.REPEATABLE_READ);
        }
    |
        LOOKAHEAD(2)
        <READ> <COMMITTED> {
            return TransactionModes.isolation(TransactionModes.IsolationLevel.READ_COMMITTED);
        }
    |
        <READ> <UNCOMMITTED> {
            return TransactionModes.isolation(TransactionModes.IsolationLevel.READ_UNCOMMITTED);
        }
    )
|
    LOOKAHEAD(2)
    <READ> <ONLY> { return TransactionModes.readOnly(true); }
|
    <READ> <WRITE> { return TransactionModes.readOnly(false); }
|
    <DEFERRABLE> { return TransactionModes.deferrable(true); }
|
    <NOT> <DEFERRABLE> { return TransactionModes.deferrable(false); }
}

SqlTransactionStatement MillraceCommit() :
{
    final Span s;
    final boolean chain;
}
{
    ( <COMMIT> | <END> ) { s = span(); }
    [ <WORK> | <TRANSACTION> ]
    chain = ChainOpt()
    {
        return new SqlTransactionStatement(s.end(this),
            SqlTransactionStatement.Kind.COMMIT, TransactionModes.NONE, chain);
    }
}

/* ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name, or the block's ROLLBACK; as in PostgreSQL,
 * ABORT has no TO form. */
SqlTransactionStatement MillraceRollback() :
{
    final Span s;
    boolean chain = false;
    SqlIdentifier savepoint = null;
}
{
    (
        <ABORT> { s = span(); }
        [ <WORK> | <TRANSACTION> ]
        chain = ChainOpt()
    |
        <ROLLBACK> { s = span(); }
        [ <WORK> | <TRANSACTION> ]
        (
            <TO> savepoint = SavepointName()
        |
            chain = ChainOpt()
        )
    )
    {
        return savepoint != null
            ? SqlTransactionStatement.savepoint(s.end(this),
                SqlTransactionStatement.Kind.ROLLBACK_TO_SAVEPOINT, savepoint)
            : new SqlTransactionStatement(s.end(this),
                SqlTransactionStatement.Kind.ROLLBACK, TransactionModes.NONE, chain);
    }
}

SqlTransactionStatement MillraceSavepoint() :
{
    final Span s;
    final SqlIdentifier savepoint;
}
{
    <SAVEPOINT> { s = span(); }
    savepoint = SimpleIdentifier()
    {
        return SqlTransactionStatement.savepoint(s.end(this),
            SqlTransactionStatement.Kind.SAVEPOINT, savepoint);
    }
}

/* RELEASE [SAVEPOINT] name */
SqlTransactionStatement MillraceRelease() :
{
    final Span s;
    final SqlIdentifier savepoint;
}
{
    <RELEASE> { s = span(); }
    savepoint = SavepointName()
    {
        return SqlTransactionStatement.savepoint(s.end(this),
            SqlTransactionStatement.Kind.RELEASE_SAVEPOINT, savepoint);
    }
}

/* [SAVEPOINT] name. SAVEPOINT is not reserved, so a lone "savepoint" is the name, as in PostgreSQL. */
SqlIdentifier SavepointName() :
{
    final SqlIdentifier name;
}
{
    [
        LOOKAHEAD({ getToken(1).kind == SAVEPOINT && getToken(2).kind != EOF
            && getToken(2).kind != SEMICOLON })
        <SAVEPOINT>
    ]
    name = SimpleIdentifier() { return name; }
}

boolean ChainOpt() :
{
    boolean chain = true;
}
{
    (
        <AND> [ <NO> { chain = false; } ] <CHAIN> { return chain; }
    |
        { return false; }
    )
}

/* ------------------------------------------------------------------------------------------
 * EXPLAIN
 * ------------------------------------------------------------------------------------------ */

/** {@code EXPLAIN [PLAN | DATAFLOW | LOGICAL [PLAN]] [VERBOSE] [FOR] statement} or
 * {@code EXPLAIN (option, ...) statement}. Plain EXPLAIN shows the dataflow. */
SqlExplainStatement MillraceExplain() :
{
    final Span s;
    SqlExplainStatement.Mode mode = SqlExplainStatement.Mode.DATAFLOW;
    boolean verbose = false;
    List<SqlOption> opts = Collections.emptyList();
    final SqlNode stmt;
}
{
    <EXPLAIN> { s = span(); }
    (
        LOOKAHEAD(2)
        opts = ParenthesizedOptionList()
    |
        [
            LOOKAHEAD(1)
            (
                <PLAN> { mode = SqlExplainStatement.Mode.PLAN; }
            |
                <DATAFLOW> { mode = SqlExplainStatement.Mode.DATAFLOW; }
            |
                <LOGICAL> [ LOOKAHEAD(1) <PLAN> ] { mode = SqlExplainStatement.Mode.LOGICAL; }
            )
        ]
        [ LOOKAHEAD(1) <VERBOSE> { verbose = true; } ]
        [ <FOR> ]
    )
    (
        LOOKAHEAD(<SUBSCRIBE>)
        stmt = MillraceSubscribe()
    |
        stmt = SqlCreate()
    |
        stmt = SqlQueryOrDml()
    )
    {
        return SqlExplainStatement.create(s.end(this), mode, verbose, opts, stmt);
    }
}
