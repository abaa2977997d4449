package io.skyfed.broker.policy;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** Runs CPU-heavy work (a policy decision over the fleet) on a worker thread, back on the caller's Vert.x context. */
final class OffEventLoop {

    private OffEventLoop() {
    }

    static <T> Uni<T> run(Supplier<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            Uni<T> onWorker = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            return caller == null ? onWorker : onWorker.emitOn(command -> caller.runOnContext(ignored -> command.run()));
        });
    }
}
