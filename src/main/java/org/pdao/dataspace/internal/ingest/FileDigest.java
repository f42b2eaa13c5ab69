package org.pdao.dataspace.internal.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;

/**
 * The SM3 digest of an uploaded file's bytes, computed on its own thread while the source's parser
 * reads the same file, so that the digest is not a serial step before or after the load: a load asks
 * for it ({@link #hex}) only once all rows are staged, before it decides to swap them in. The file
 * is the platform's own copy of the upload and does not change while it is read. Closing it stops
 * the thread.
 */
public final class FileDigest implements AutoCloseable {

    private static final int CHUNK = 1 << 16;

    private final FutureTask<String> task;
    private final Thread thread;

    private FileDigest(Path file) {
        this.task = new FutureTask<>(() -> of(file));
        this.thread = new Thread(task, "dataspace-load-digest");
        thread.setDaemon(true);
    }

    /** Starts digesting {@code file} on its own thread. */
    static FileDigest start(Path file) {
        FileDigest digest = new FileDigest(file);
        digest.thread.start();
        return digest;
    }

    /** The digest, hex; waits for the thread to finish reading. */
    String hex() throws IOException, InterruptedException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("digest failed", e.getCause());
        } catch (CancellationException e) {
            throw new InterruptedIOException("digest stopped");
        }
    }

    /** The SM3 digest of {@code file}, hex, computed on the calling thread. */
    public static String of(Path file) throws IOException {
        SM3Digest digest = new SM3Digest();
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("digest stopped");
                }
                digest.update(buffer, 0, n);
            }
        }
        byte[] sm3 = new byte[digest.getDigestSize()];
        digest.doFinal(sm3, 0);
        return Hex.toHexString(sm3);
    }

    @Override
    public void close() {
        if (!task.isDone()) {
            task.cancel(true);
        }
    }
}
