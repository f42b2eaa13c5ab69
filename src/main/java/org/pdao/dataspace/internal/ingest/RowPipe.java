package org.pdao.dataspace.internal.ingest;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reads a source on its own thread (parsing, profiling, digesting, and encoding every value as the
 * UTF-8 bytes the store's appender takes, so that the appending thread does no more than append) and
 * hands its rows over in batches through a small bounded queue, so memory stays bounded whatever the
 * source's size. A
 * failure on either side stops both: the reader's failure is rethrown by {@link #take}, and closing
 * the pipe early stops the reader.
 */
final class RowPipe implements AutoCloseable {

    private static final int BATCH = 2_048;
    private static final byte[][][] END = new byte[0][][];

    private final BlockingQueue<byte @Nullable [][][]> queue = new ArrayBlockingQueue<>(8);
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
        byte @Nullable [][][] batch = new byte[BATCH][][];
        int[] filled = {0};
        try {
            RowDigest digest = source.rowsToDigest();
            source.feedUtf8(utf8 -> {
                profiler.accept(utf8);
                if (digest != null) {
                    digest.accept(utf8);
                }
                batch[filled[0]++] = utf8;
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

    private void put(byte @Nullable [][][] batch) throws InterruptedException {
        while (!stopped) {
            if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
        if (batch != END) {
            throw new InterruptedException("load stopped");
        }
    }

    /**
     * The next batch of rows, each value UTF-8 or null (a null row ends the batch early), or null when
     * the source is done; rethrows the reader's failure.
     */
    byte @Nullable [][][] take() throws Exception {
        byte[][][] batch = queue.take();
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
