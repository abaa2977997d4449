package io.skyfed.broker.workflow;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.skyfed.broker.cluster.Replica;
import io.skyfed.broker.persistence.JobEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * This replica's share of the job engine: {@code skyfed.jobs.concurrency} slots, each a thread that claims one job
 * at a time ({@code FOR UPDATE SKIP LOCKED}, so replicas never share a job) and runs it, plus a heartbeat that
 * renews the leases of the jobs held. An idle slot sleeps until the poll interval passes or a job is submitted on
 * this replica; nothing spins. A job whose replica died is claimed again once its lease has expired.
 */
@ApplicationScoped
public class JobWorker {

    private static final Logger LOG = Logger.getLogger(JobWorker.class);

    private final JobStore store;
    private final JobRunner runner;
    private final JobsConfig config;
    private final String owner;
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final List<Thread> slots = new ArrayList<>();
    private final Object wakeUp = new Object();
    private ScheduledExecutorService heartbeat;
    private volatile boolean running;

    JobWorker(JobStore store, JobRunner runner, JobsConfig config, Replica replica) {
        this.store = store;
        this.runner = runner;
        this.config = config;
        this.owner = replica.name();
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("job engine disabled on this replica (skyfed.jobs.enabled=false)");
            return;
        }
        running = true;
        heartbeat = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "skyfed-job-heartbeat"));
        long every = Math.max(100, config.lease().toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        for (int i = 0; i < config.concurrency(); i++) {
            Thread slot = daemon(this::work, "skyfed-job-slot-" + i);
            slots.add(slot);
            slot.start();
        }
        LOG.infof("job engine: replica %s, %d slots, lease %s", owner, config.concurrency(), config.lease());
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wake();
        slots.forEach(Thread::interrupt);
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
    }

    /** Lets an idle slot look for work now (a job was just submitted). */
    public void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void work() {
        while (running) {
            try {
                Optional<JobEntity> job = store.claim(owner, config.lease());
                if (job.isPresent()) {
                    held.add(job.get().id);
                    try {
                        runner.run(job.get(), owner);
                    } finally {
                        held.remove(job.get().id);
                    }
                    continue;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.errorf(e, "job slot %s: %s", Thread.currentThread().getName(), e.getMessage());
            }
            idle();
        }
    }

    private void idle() {
        synchronized (wakeUp) {
            try {
                wakeUp.wait(config.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void renewLeases() {
        for (UUID job : held) {
            try {
                if (!store.renew(job, owner, config.lease())) {
                    LOG.warnf("lease on job %s lost; its runner stops at its next write", job);
                }
            } catch (RuntimeException e) {
                LOG.warnf("renewing the lease on job %s failed: %s", job, e.getMessage());
            }
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
