package io.skyfed.image.compress;

import io.skyfed.image.Failures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs CPU-heavy jobs (deflating clusters or grains) on a pool and hands their results to a sink in submission
 * order, so a sequential file format can still be written by one thread. At most {@code maxInFlight} jobs are in
 * flight, which bounds memory whatever the size of the image; a deep queue keeps the workers busy while the writing
 * thread waits to be scheduled on a loaded machine.
 *
 * @param <R> the result of one job
 */
public final class OrderedPipeline<R> implements AutoCloseable {

    /** Consumes results in order; may throw the writer's I/O errors. */
    @FunctionalInterface
    public interface Sink<R> {
        void accept(R result) throws IOException;
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ExecutorService pool;
    private final ArrayDeque<Future<R>> inFlight = new ArrayDeque<>();
    private final int maxInFlight;
    private final Sink<R> sink;

    /**
     * @param threads     worker threads
     * @param maxInFlight jobs queued or running before {@link #submit} waits (at least {@code threads})
     */
    public OrderedPipeline(int threads, int maxInFlight, Sink<R> sink) {
        int id = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "skyfed-compress-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.maxInFlight = Math.max(threads, maxInFlight);
        this.sink = sink;
    }

    /** Queues a job, first passing finished results to the sink while the queue is full. */
    public void submit(Callable<R> job) throws IOException {
        while (inFlight.size() >= maxInFlight) {
            drainOne();
        }
        inFlight.add(pool.submit(job));
    }

    /** Waits for every queued job and passes its result on. */
    public void drain() throws IOException {
        while (!inFlight.isEmpty()) {
            drainOne();
        }
    }

    private void drainOne() throws IOException {
        Future<R> next = inFlight.poll();
        R result;
        try {
            result = next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw Failures.rethrow(e.getCause());
        }
        sink.accept(result);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
