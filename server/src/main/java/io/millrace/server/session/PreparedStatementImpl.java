package io.millrace.server.session;

import io.millrace.pgwire.PgPortal;
import io.millrace.pgwire.PgPreparedStatement;
import io.millrace.pgwire.PgType;
import io.millrace.pgwire.ResultColumn;
import java.util.List;
import java.util.function.Function;

/** An analysed statement: its parameter and result types, and how to bind it into a portal. */
final class PreparedStatementImpl implements PgPreparedStatement {
    private final List<PgType> parameterTypes;
    private final List<ResultColumn> resultColumns;
    private final Function<List<Object>, PgPortal> binder;

    PreparedStatementImpl(List<PgType> parameterTypes, List<ResultColumn> resultColumns,
            Function<List<Object>, PgPortal> binder) {
        this.parameterTypes = List.copyOf(parameterTypes);
        this.resultColumns = List.copyOf(resultColumns);
        this.binder = binder;
    }

    /** A statement without parameters whose work runs when executed. */
    static PreparedStatementImpl of(List<ResultColumn> columns, java.util.function.Supplier<Outcome> work) {
        return new PreparedStatementImpl(List.of(), columns, params -> new StatementPortal(columns, work));
    }

    @Override
    public List<PgType> parameterTypes() {
        return parameterTypes;
    }

    @Override
    public List<ResultColumn> resultColumns() {
        return resultColumns;
    }

    @Override
    public PgPortal bind(List<Object> parameters) {
        return binder.apply(parameters);
    }
}
