package io.skyfed.policy.engine;

import io.skyfed.policy.InvalidDocumentException;
import io.skyfed.policy.LocatedError;
import io.skyfed.policy.cel.InputLimits;
import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.Snapshot;
import io.skyfed.policy.model.Tenant;
import io.skyfed.policy.model.Workload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks what the engine relies on before any rule sees a snapshot: unique ids, references that resolve, and the
 * size bounds the CEL cost estimate assumes.
 */
public final class SnapshotValidator {

    private final String source;
    private final List<LocatedError> errors = new ArrayList<>();

    private SnapshotValidator(String source) {
        this.source = source;
    }

    public static void validate(Snapshot snapshot, String source) {
        SnapshotValidator v = new SnapshotValidator(source);
        v.check(snapshot);
        if (!v.errors.isEmpty()) {
            throw new InvalidDocumentException(v.errors);
        }
    }

    private void check(Snapshot snapshot) {
        Set<String> siteIds = new HashSet<>();
        for (Site s : snapshot.sites()) {
            String where = "sites[" + s.id() + "]";
            if (!siteIds.add(s.id())) {
                error(where + ": duplicate site id");
            }
            string(where + ".id", s.id());
            for (String f : List.of(s.provider(), s.region(), s.zone(), s.jurisdiction())) {
                string(where, f);
            }
            strings(where + ".certifications", s.certifications());
            strings(where + ".tags", s.tags());
            strings(where + ".imageFormats", s.imageFormats());
            strings(where + ".latencyMs", s.latencyMs().keySet());
            if (s.latencyMs().size() > InputLimits.MAX_LATENCY_ENTRIES) {
                error(where + ".latencyMs: more than " + InputLimits.MAX_LATENCY_ENTRIES + " entries");
            }
            if (s.latencyMs().values().stream().anyMatch(v -> v == null || v < 0)) {
                error(where + ".latencyMs: latencies must not be negative");
            }
            if (s.bandwidthMbps() < 0) {
                error(where + ".bandwidthMbps: must not be negative");
            }
        }
        Set<String> tenantIds = new HashSet<>();
        for (Tenant t : snapshot.tenants()) {
            if (!tenantIds.add(t.id())) {
                error("tenants[" + t.id() + "]: duplicate tenant id");
            }
            string("tenants[" + t.id() + "].id", t.id());
        }
        Set<String> workloadIds = new HashSet<>();
        for (Workload w : snapshot.workloads()) {
            String where = "workloads[" + w.id() + "]";
            if (!workloadIds.add(w.id())) {
                error(where + ": duplicate workload id");
            }
            if (w.currentSite() != null && !siteIds.contains(w.currentSite())) {
                error(where + ".currentSite: no site '" + w.currentSite() + "' in the snapshot");
            }
            for (String f : List.of(w.id(), w.tenant(), w.classification(), w.affinityGroup(),
                    w.antiAffinityGroup(), w.userLocation(), w.imageFormat())) {
                string(where, f);
            }
            strings(where + ".tags", w.tags());
            strings(where + ".residency", w.residency());
            strings(where + ".certifications", w.certifications());
        }
    }

    private void strings(String where, Collection<String> values) {
        if (values.size() > InputLimits.MAX_LIST) {
            error(where + ": more than " + InputLimits.MAX_LIST + " entries");
        }
        values.forEach(v -> string(where, v));
    }

    private void string(String where, String value) {
        if (value == null) {
            error(where + ": null entry");
        } else if (value.length() > InputLimits.MAX_STRING) {
            error(where + ": a string longer than " + InputLimits.MAX_STRING + " characters");
        }
    }

    private void error(String message) {
        if (errors.size() < 100) {
            errors.add(new LocatedError(source, 0, 0, message));
        }
    }
}
