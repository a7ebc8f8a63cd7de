package dev.hearth.model;

/**
 * How the forward pass spreads independent rows (matrix rows, attention heads) over threads. The core
 * uses {@link #SERIAL}, which is what TeaVM builds run; a JVM host may install a threaded runner
 * ({@code dev.hearth.cli.ThreadedRowRunner}). Results are identical either way: every row is computed by
 * the same code in the same order within the row.
 */
public interface RowRunner {
    /** Calls task.rows(from, to) over disjoint ranges that cover [0, n), and returns when all are done. */
    void run(int n, RowTask task);

    interface RowTask {
        void rows(int from, int to);
    }

    RowRunner SERIAL = (n, task) -> task.rows(0, n);
}
