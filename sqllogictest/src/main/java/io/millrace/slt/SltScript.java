package io.millrace.slt;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/** A parsed script: every record as written, with its conditions. */
public record SltScript(String name, List<SltRecord> records) {
    public SltScript {
        requireNonNull(name, "name is null");
        records = List.copyOf(records);
    }

    /**
     * The records that run on {@code engine}: records whose conditions exclude the engine are
     * dropped (and counted as skipped when they are statements or queries), and the first
     * applicable {@code halt} ends the script. {@code halt} records themselves are not returned.
     */
    public Active active(String engine) {
        List<SltRecord> kept = new ArrayList<>();
        int skipped = 0;
        for (SltRecord r : records) {
            if (!r.appliesTo(engine)) {
                if (r instanceof SltRecord.Statement || r instanceof SltRecord.Query) {
                    skipped++;
                }
                continue;
            }
            if (r instanceof SltRecord.Halt) {
                break;
            }
            kept.add(r);
        }
        return new Active(kept, skipped);
    }

    /** The records that run on one engine, in script order, and how many were skipped. */
    public record Active(List<SltRecord> records, int skipped) {
        public Active {
            records = List.copyOf(records);
        }
    }
}
