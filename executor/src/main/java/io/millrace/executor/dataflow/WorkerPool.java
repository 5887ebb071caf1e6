package io.millrace.executor.dataflow;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads that run the workers' shares of each dataflow step. */
public final class WorkerPool implements AutoCloseable {
    private final int workers;
    private final ExecutorService executor;

    public WorkerPool(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        this.workers = workers;
        AtomicInteger ids = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "millrace-worker-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public int workers() {
        return workers;
    }

    /** Runs {@code task(w)} for every worker w, in parallel, and waits for all of them. */
    public void runAll(int count, WorkerTask task) {
        List<Future<?>> futures = new ArrayList<>(count);
        for (int w = 0; w < count; w++) {
            int worker = w;
            futures.add(executor.submit(() -> {
                task.run(worker);
                return null;
            }));
        }
        RuntimeException failure = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (failure == null) {
                    failure = cause instanceof RuntimeException re ? re
                            : new MillraceException(SqlState.INTERNAL_ERROR, String.valueOf(cause), cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MillraceException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Work for one worker. */
    @FunctionalInterface
    public interface WorkerTask {
        void run(int worker);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
