package io.millrace.parser;

import org.apache.calcite.sql.validate.SqlAbstractConformance;

/**
 * The SQL conformance of Millrace: PostgreSQL's choices where Calcite lets us choose. The parser
 * reads the syntactic ones ({@code !=}, {@code %}, {@code OFFSET ... LIMIT}); the planner should
 * give the same instance to its validator for the semantic ones.
 */
public final class MillraceConformance extends SqlAbstractConformance {
    public static final MillraceConformance INSTANCE = new MillraceConformance();

    private MillraceConformance() {}

    /** {@code a != b}. */
    @Override
    public boolean isBangEqualAllowed() {
        return true;
    }

    /** {@code a % b}. */
    @Override
    public boolean isPercentRemainderAllowed() {
        return true;
    }

    /** {@code OFFSET m LIMIT n} as well as {@code LIMIT n OFFSET m}. */
    @Override
    public boolean isOffsetLimitAllowed() {
        return true;
    }

    /** MySQL's {@code LIMIT start, count} is not PostgreSQL. */
    @Override
    public boolean isLimitStartCountAllowed() {
        return false;
    }

    /** {@code SELECT 1} without FROM. */
    @Override
    public boolean isFromRequired() {
        return false;
    }

    /** {@code GROUP BY 1}. */
    @Override
    public boolean isGroupByOrdinal() {
        return true;
    }

    /** {@code GROUP BY alias} (PostgreSQL resolves an input column first). */
    @Override
    public boolean isGroupByAlias() {
        return true;
    }

    @Override
    public boolean isSortByOrdinal() {
        return true;
    }

    @Override
    public boolean isSortByAlias() {
        return true;
    }

    /** In ORDER BY a select-list alias wins over an input column of the same name, as in PostgreSQL. */
    @Override
    public boolean isSortByAliasObscures() {
        return true;
    }

    /** {@code INSERT INTO t VALUES (1)} into a wider table fills the rest with defaults. */
    @Override
    public boolean isInsertSubsetColumnsAllowed() {
        return true;
    }

    /** {@code ROW(1, 2)}. */
    @Override
    public boolean allowExplicitRowValueConstructor() {
        return true;
    }

    /** {@code SELECT 'a' UNION SELECT 'bb'} is text, not char(2) padded. */
    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }

    /** {@code t1.a} for a column of {@code JOIN ... USING (a)}. */
    @Override
    public boolean allowQualifyingCommonColumn() {
        return true;
    }

    /** Integer overflow raises an error (22003), as in PostgreSQL. */
    @Override
    public boolean checkedArithmetic() {
        return true;
    }
}
