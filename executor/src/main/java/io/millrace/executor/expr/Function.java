package io.millrace.executor.expr;

/**
 * The scalar functions and operators the engine implements. {@link ExprCompiler} holds their
 * kernels; the planner maps SQL operators onto these.
 */
public enum Function {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">="),
    IS_DISTINCT_FROM("IS DISTINCT FROM"), IS_NOT_DISTINCT_FROM("IS NOT DISTINCT FROM"),
    IS_NULL("IS NULL"), IS_NOT_NULL("IS NOT NULL"),
    IS_TRUE("IS TRUE"), IS_NOT_TRUE("IS NOT TRUE"), IS_FALSE("IS FALSE"), IS_NOT_FALSE("IS NOT FALSE"),
    AND("AND"), OR("OR"), NOT("NOT"),
    PLUS("+"), MINUS("-"), TIMES("*"), DIVIDE("/"), MOD("%"), NEGATE("-"),
    /** Bitwise AND and left shift of integers (shifted bits beyond the type's width are lost). */
    BIT_AND("&"), SHIFT_LEFT("<<"),
    ABS("abs"), ROUND("round"), TRUNC("trunc"), FLOOR("floor"), CEIL("ceil"), SIGN("sign"),
    POWER("power"), SQRT("sqrt"), CBRT("cbrt"), EXP("exp"), LN("ln"), LOG10("log10"),
    CONCAT("||"), CONCAT_ALL("concat"),
    UPPER("upper"), LOWER("lower"), CHAR_LENGTH("char_length"), OCTET_LENGTH("octet_length"),
    SUBSTRING("substring"), POSITION("position"), REPLACE("replace"),
    TRIM_BOTH("btrim"), TRIM_LEADING("ltrim"), TRIM_TRAILING("rtrim"),
    LEFT("left"), RIGHT("right"), REPEAT("repeat"), REVERSE("reverse"), INITCAP("initcap"),
    LPAD("lpad"), RPAD("rpad"), STRPOS("strpos"), SPLIT_PART("split_part"), ASCII("ascii"), CHR("chr"), MD5("md5"),
    QUOTE_IDENT("quote_ident"), QUOTE_LITERAL("quote_literal"), PG_SIZE_PRETTY("pg_size_pretty"),
    /** A new random (version 4) uuid for every row. */
    GEN_RANDOM_UUID("gen_random_uuid"),
    /** The sequence functions, by the sequence's oid (see {@link SequenceFunctions}). */
    NEXTVAL("nextval"), CURRVAL("currval"), SETVAL("setval"), LASTVAL("lastval"),
    /** A record's text: (a,b), a field quoted where it needs it, a NULL field empty. */
    RECORD_TEXT("row"),
    /** encode(bytea, 'hex'|'base64'|'escape') and decode(text, ...): bytes to text and back. */
    ENCODE("encode"), DECODE("decode"),
    LIKE("LIKE"), NOT_LIKE("NOT LIKE"), ILIKE("ILIKE"), NOT_ILIKE("NOT ILIKE"),
    REGEX_MATCH("~"), NOT_REGEX_MATCH("!~"), REGEX_IMATCH("~*"), NOT_REGEX_IMATCH("!~*"),
    COALESCE("coalesce"), NULLIF("nullif"), GREATEST("greatest"), LEAST("least"),
    EXTRACT("extract"), DATE_TRUNC("date_trunc"), ADD_MONTHS("add_months"),
    /**
     * Intervals: interval ± interval, -interval, interval * and / a number, datetime ± interval
     * (a timestamp, timestamptz or time first), datetime - datetime (an interval), and PostgreSQL's
     * justify_*, age and extract over an interval.
     */
    INTERVAL_PLUS("+"), INTERVAL_MINUS("-"), INTERVAL_NEGATE("-"), INTERVAL_TIMES("*"), INTERVAL_DIVIDE("/"),
    DATETIME_PLUS_INTERVAL("+"), DATETIME_MINUS_INTERVAL("-"), DATETIME_DIFFERENCE("-"),
    JUSTIFY_HOURS("justify_hours"), JUSTIFY_DAYS("justify_days"), JUSTIFY_INTERVAL("justify_interval"),
    AGE("age"), EXTRACT_INTERVAL("extract"),
    /** {@code value AT TIME ZONE zone}: a timestamp read as local time there (a timestamptz), or a timestamptz's local time there. */
    AT_TIME_ZONE("AT TIME ZONE"),
    /** {@code ARRAY[a, b, ...]}. */
    ARRAY("ARRAY"),
    /** {@code array[i]}, 1-based; NULL outside the array. */
    ARRAY_ELEMENT("[]"),
    /**
     * {@code x op ANY (array)} and {@code x op ALL (array)}: the first argument is a text literal
     * holding the comparison's name ({@code EQ}, {@code NE}, {@code LT}, {@code LE}, {@code GT},
     * {@code GE}), an expression having no other place for it.
     */
    ANY("ANY"), ALL("ALL"),
    ARRAY_TO_STRING("array_to_string"), ARRAY_LENGTH("array_length"), CARDINALITY("cardinality"),
    ARRAY_LOWER("array_lower"), ARRAY_UPPER("array_upper"),
    ARRAY_APPEND("array_append"), ARRAY_PREPEND("array_prepend"), ARRAY_CAT("array_cat"),
    ARRAY_REMOVE("array_remove"), ARRAY_POSITION("array_position"),
    /** json and jsonb: {@code ->}, {@code ->>}, {@code #>}, {@code #>>}, {@code @>}, {@code <@}, jsonb {@code ||} and {@code -}. */
    JSON_GET("->"), JSON_GET_TEXT("->>"), JSON_PATH("#>"), JSON_PATH_TEXT("#>>"), JSON_CONTAINS("@>"),
    JSON_CONTAINED("<@"), JSON_CONCAT("||"), JSON_DELETE("-"),
    /** jsonb ? key: a key of the object, or a string element of the array, or the string itself. */
    JSON_EXISTS("?"),
    JSON_TYPEOF("jsonb_typeof"), JSON_ARRAY_LENGTH("jsonb_array_length"), TO_JSON("to_jsonb"),
    JSON_BUILD_OBJECT("jsonb_build_object"), JSON_BUILD_ARRAY("jsonb_build_array"), JSON_SET("jsonb_set"),
    JSON_PRETTY("jsonb_pretty"), JSON_STRIP_NULLS("jsonb_strip_nulls"),
    /** array @> array and array <@ array: every non-NULL element of the one is in the other. */
    ARRAY_CONTAINS("@>"), ARRAY_CONTAINED("<@");

    private final String displayName;

    Function(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * Whether each evaluation gives a new value (or changes something): a row that stands for
     * several copies must be evaluated once per copy.
     */
    public boolean isVolatile() {
        return this == GEN_RANDOM_UUID || this == NEXTVAL || this == SETVAL;
    }

    /** True when any NULL argument makes the result NULL without evaluating the function. */
    public boolean isStrict() {
        return switch (this) {
            case IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM, IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE,
                    IS_NOT_FALSE, AND, OR, COALESCE, NULLIF, GREATEST, LEAST, CONCAT_ALL, ARRAY, ANY, ALL,
                    ARRAY_APPEND, ARRAY_PREPEND, ARRAY_CAT, ARRAY_REMOVE, ARRAY_POSITION, JSON_BUILD_OBJECT,
                    JSON_BUILD_ARRAY, GEN_RANDOM_UUID, RECORD_TEXT -> false;
            default -> true;
        };
    }
}
