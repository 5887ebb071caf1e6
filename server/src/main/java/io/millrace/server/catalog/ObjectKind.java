package io.millrace.server.catalog;

/** The kinds of object the catalog holds. */
public enum ObjectKind {
    TABLE("table"),
    VIEW("view"),
    MATERIALIZED_VIEW("materialized view"),
    INDEX("index"),
    SEQUENCE("sequence"),
    SCHEMA("schema");

    private final String sqlName;

    ObjectKind(String sqlName) {
        this.sqlName = sqlName;
    }

    /** How SQL names the kind, e.g. in "materialized view \"v\" does not exist". */
    public String sqlName() {
        return sqlName;
    }
}
