package dev.hearth.cli;

import dev.hearth.model.RowRunner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * JVM only: spreads rows over a fixed pool of daemon threads, the caller taking the last share. Lives in
 * the CLI package so TeaVM builds of the core never reach it.
 */
public final class ThreadedRowRunner implements RowRunner {
    private final int threads;
    private final ExecutorService pool;

    public ThreadedRowRunner(int threads) {
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads - 1), r -> {
            Thread t = new Thread(r, "hearth-rows");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void run(int n, RowTask task) {
        if (threads <= 1 || n < 2 * threads) {
            task.rows(0, n);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] f = new Future<?>[threads - 1];
        int per = (n + threads - 1) / threads;
        for (int i = 0; i < threads - 1; i++) {
            int from = i * per;
            int to = Math.min(n, from + per);
            f[i] = pool.submit(() -> task.rows(from, to));
        }
        task.rows(Math.min(n, (threads - 1) * per), n);
        for (Future<?> x : f) {
            try {
                x.get();
            } catch (Exception e) {
                throw new IllegalStateException("a row worker failed", e);
            }
        }
    }
}
