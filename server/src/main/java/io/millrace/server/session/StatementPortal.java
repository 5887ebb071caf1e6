package io.millrace.server.session;

import io.millrace.pgwire.PgPortal;
import io.millrace.pgwire.PgResult;
import io.millrace.pgwire.ResultColumn;
import java.util.List;
import java.util.function.Supplier;

/**
 * A bound statement: runs on the first Execute; rows are then handed out in pieces when the
 * client asks for a limited number at a time.
 */
final class StatementPortal implements PgPortal {
    private final List<ResultColumn> columns;
    private final Supplier<Outcome> work;
    private Outcome outcome;
    private int position;
    private boolean completed;

    StatementPortal(List<ResultColumn> columns, Supplier<Outcome> work) {
        this.columns = columns;
        this.work = work;
    }

    @Override
    public List<ResultColumn> resultColumns() {
        return columns;
    }

    @Override
    public PgResult execute(int maxRows) {
        if (outcome == null) {
            outcome = work.get();
        } else if (completed) {
            // PostgreSQL answers an Execute of a finished portal with an empty completion.
            return outcome instanceof Outcome.Rows r ? new PgResult.Rows(List.of(), false, r.verb() + " 0", List.of())
                    : new PgResult.Command(((Outcome.Command) outcome).tag(), List.of());
        }
        if (outcome instanceof Outcome.Rows r) {
            int total = r.rows().size();
            int end = maxRows <= 0 ? total : Math.min(total, position + maxRows);
            List<Object[]> page = r.rows().subList(position, end);
            List<String> notices = position == 0 ? r.notices() : List.of();
            position = end;
            boolean suspended = end < total;
            completed = !suspended;
            return new PgResult.Rows(page, suspended, r.verb() + " " + page.size(), notices);
        }
        completed = true;
        if (outcome instanceof Outcome.Command c) {
            return new PgResult.Command(c.tag(), c.notices());
        }
        return ((Outcome.Copy) outcome).result();
    }

    @Override
    public void close() {
    }
}
