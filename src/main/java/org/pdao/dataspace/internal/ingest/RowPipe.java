package org.pdao.dataspace.internal.ingest;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reads a source on its own thread (parsing, profiling, digesting) and hands its rows over in
 * batches through a small bounded queue, so memory stays bounded whatever the source's size. A
 * failure on either side stops both: the reader's failure is rethrown by {@link #take}, and closing
 * the pipe early stops the reader.
 */
final class RowPipe implements AutoCloseable {

    private static final int BATCH = 2_048;
    private static final String[][] END = new String[0][];

    private final BlockingQueue<@Nullable String[][]> queue = new ArrayBlockingQueue<>(8);
    private final Thread reader;
    private volatile @Nullable Throwable failure;
    private volatile boolean stopped;

    private RowPipe(RowSource source, DatasetProfiler profiler) {
        this.reader = new Thread(() -> read(source, profiler), "dataspace-load-reader");
        reader.setDaemon(true);
    }

    static RowPipe start(RowSource source, DatasetProfiler profiler) {
        RowPipe pipe = new RowPipe(source, profiler);
        pipe.reader.start();
        return pipe;
    }

    private void read(RowSource source, DatasetProfiler profiler) {
        @Nullable String[][] batch = new String[BATCH][];
        int[] filled = {0};
        try {
            source.feed(row -> {
                profiler.accept(row);
                batch[filled[0]++] = Arrays.copyOf(row, row.length);
                if (filled[0] == BATCH) {
                    put(batch.clone());
                    Arrays.fill(batch, null);
                    filled[0] = 0;
                }
            });
            if (filled[0] > 0) {
                put(Arrays.copyOf(batch, BATCH));
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            try {
                put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void put(@Nullable String[][] batch) throws InterruptedException {
        while (!stopped) {
            if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
        if (batch != END) {
            throw new InterruptedException("load stopped");
        }
    }

    /** The next batch (a null entry ends it early), or null when the source is done; rethrows the reader's failure. */
    @Nullable String[][] take() throws Exception {
        String[][] batch = queue.take();
        if (batch == END) {
            Throwable e = failure;
            if (e instanceof Exception exception) {
                throw exception;
            }
            if (e instanceof Error error) {
                throw error;
            }
            return null;
        }
        return batch;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        queue.clear();
        reader.join(10_000);
    }
}
