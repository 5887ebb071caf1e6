package io.millrace.storage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory budget shared by the state caches of all dataflows. A cache that would take the
 * total over the limit empties itself: its entries are committed, so they can always be read from
 * the store again.
 */
public final class StateMemory {
    private final long limitBytes;
    private final AtomicLong used = new AtomicLong();

    public StateMemory(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** A budget of a quarter of the heap. */
    public static StateMemory quarterOfHeap() {
        return new StateMemory(Runtime.getRuntime().maxMemory() / 4);
    }

    /** Takes {@code bytes} from the budget; false (taking nothing) if that would exceed it. */
    boolean reserve(long bytes) {
        long after = used.addAndGet(bytes);
        if (after > limitBytes) {
            used.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    public long usedBytes() {
        return used.get();
    }

    public long limitBytes() {
        return limitBytes;
    }
}
