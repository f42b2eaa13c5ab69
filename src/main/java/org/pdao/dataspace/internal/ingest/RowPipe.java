package org.pdao.dataspace.internal.ingest;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reads a source on its own thread (parsing, profiling, and giving every value as the UTF-8 bytes the store's
 * appender takes, so that the appending thread does no more than append) and hands its rows over in batches through
 * a small bounded queue, so memory stays bounded whatever the source's size. A source whose rows must be digested (a
 * database: one SM3 per row, {@link RowDigest}) gets a third thread that digests the same batches, read-only, while
 * the reader reads on. A failure on any side stops all: the reader's or the digester's failure is rethrown by
 * {@link #take}, and closing the pipe early stops them.
 */
final class RowPipe implements AutoCloseable {

    private static final int BATCH = 2_048;
    private static final byte[][][] END = new byte[0][][];

    private final BlockingQueue<byte @Nullable [][][]> queue = new ArrayBlockingQueue<>(8);
    private final @Nullable BlockingQueue<byte @Nullable [][][]> toDigest;
    private final Thread reader;
    private final @Nullable Thread digester;
    private volatile @Nullable Throwable failure;
    private volatile boolean stopped;

    private RowPipe(RowSource source, DatasetProfiler profiler) {
        RowDigest digest = source.rowsToDigest();
        this.reader = new Thread(() -> read(source, profiler), "dataspace-load-reader");
        reader.setDaemon(true);
        if (digest == null) {
            this.toDigest = null;
            this.digester = null;
        } else {
            BlockingQueue<byte @Nullable [][][]> batches = new ArrayBlockingQueue<>(8);
            this.toDigest = batches;
            this.digester = new Thread(() -> digest(batches, digest), "dataspace-load-digest");
            digester.setDaemon(true);
        }
    }

    static RowPipe start(RowSource source, DatasetProfiler profiler) {
        RowPipe pipe = new RowPipe(source, profiler);
        if (pipe.digester != null) {
            pipe.digester.start();
        }
        pipe.reader.start();
        return pipe;
    }

    private void read(RowSource source, DatasetProfiler profiler) {
        byte @Nullable [][][] batch = new byte[BATCH][][];
        int[] filled = {0};
        try {
            source.feedUtf8(utf8 -> {
                profiler.accept(utf8);
                batch[filled[0]++] = utf8;
                if (filled[0] == BATCH) {
                    hand(batch.clone());
                    Arrays.fill(batch, null);
                    filled[0] = 0;
                }
            });
            if (filled[0] > 0) {
                hand(Arrays.copyOf(batch, BATCH));
            }
        } catch (Throwable e) {
            if (failure == null) {
                failure = e;
            }
        } finally {
            try {
                hand(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Gives a batch to the appender and, when there is one, to the digester (both only read it). */
    private void hand(byte @Nullable [][][] batch) throws InterruptedException {
        if (toDigest != null) {
            put(toDigest, batch);
        }
        put(queue, batch);
    }

    private void digest(BlockingQueue<byte @Nullable [][][]> batches, RowDigest digest) {
        try {
            for (byte[][][] batch = batches.take(); batch != END; batch = batches.take()) {
                for (byte[][] row : batch) {
                    if (row == null) {
                        break;
                    }
                    digest.accept(row);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failure = e;
            stopped = true;
        }
    }

    /** Puts a batch; once the pipe is stopped a batch is dropped and the end always arrives (nothing waits forever). */
    private void put(BlockingQueue<byte @Nullable [][][]> target, byte @Nullable [][][] batch)
            throws InterruptedException {
        while (true) {
            if (target.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
            if (stopped) {
                if (batch != END) {
                    throw new InterruptedException("load stopped");
                }
                target.clear();
                target.offer(END);
                return;
            }
        }
    }

    /**
     * The next batch of rows, each value UTF-8 or null (a null row ends the batch early), or null when
     * the source is done (and, for a digested source, every row digested); rethrows the reader's or the
     * digester's failure.
     */
    byte @Nullable [][][] take() throws Exception {
        byte[][][] batch = queue.take();
        if (batch == END) {
            if (digester != null) {
                digester.join();
            }
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
        if (toDigest != null) {
            toDigest.clear();
        }
        reader.join(10_000);
        if (digester != null) {
            digester.interrupt();
            digester.join(10_000);
        }
    }
}
