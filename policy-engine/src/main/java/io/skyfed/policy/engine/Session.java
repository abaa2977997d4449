package io.skyfed.policy.engine;

import io.skyfed.policy.cel.EvaluationCounter;
import io.skyfed.policy.model.Site;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * State kept across the batches of one decision session: plugin attachments (CEL memo tables, keyed by identity)
 * and the version stamp of every site, so that a site that did not change keeps its stamp and its cached rule results.
 */
final class Session {

    private final Map<Object, Object> attachments =
            java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private final Map<String, Stamp> stamps = new HashMap<>();
    private long versions;

    private record Stamp(Site site, long version) {
    }

    /** The stamp a site starts a batch with: unchanged sites keep theirs. */
    long initialVersion(Site site) {
        Stamp previous = stamps.get(site.id());
        if (previous != null && previous.site.equals(site)) {
            return previous.version;
        }
        long v = ++versions;
        stamps.put(site.id(), new Stamp(site, v));
        return v;
    }

    @SuppressWarnings("unchecked")
    <T> T attachment(Object key, Supplier<T> init) {
        return (T) attachments.computeIfAbsent(key, k -> init.get());
    }

    long celEvaluations() {
        return attachments.values().stream().filter(EvaluationCounter.class::isInstance)
                .mapToLong(a -> ((EvaluationCounter) a).evaluations()).sum();
    }
}
