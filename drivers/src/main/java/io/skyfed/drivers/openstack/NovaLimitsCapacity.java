package io.skyfed.drivers.openstack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.skyfed.drivers.resilience.HttpFailures;
import io.skyfed.drivers.resilience.RemoteProtocolException;
import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.resilience.RemoteRequestMapping;
import io.skyfed.drivers.resilience.RemoteTimeoutException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import io.skyfed.drivers.spi.CapacityFigure;
import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.CapacityService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The project's quotas and usage from Nova's {@code GET /limits} (absolute limits: cores, RAM, instances), which
 * jclouds does not expose; -1 in Nova means unlimited.
 */
final class NovaLimitsCapacity implements CapacityService {

    private final OpenStackAccount account;

    NovaLimitsCapacity(OpenStackAccount account) {
        this.account = account;
    }

    @Override
    public CapacityReport capacity() {
        JsonObject absolute;
        try {
            absolute = account.guard.idempotent("read limits", () -> {
                try {
                    return read();
                } catch (HttpTimeoutException e) {
                    throw new RemoteTimeoutException("limits: no answer in time", e);
                } catch (IOException e) {
                    throw new RemoteUnavailableException("limits: " + e, e);
                }
            });
        } catch (RemoteRequestException e) {
            throw RemoteRequestMapping.toDriverException(e, "limits", null);
        }
        return new CapacityReport(Instant.now(), List.of(
                figure(CapacityResource.VCPUS, absolute, "totalCoresUsed", "maxTotalCores"),
                figure(CapacityResource.MEMORY_MB, absolute, "totalRAMUsed", "maxTotalRAMSize"),
                figure(CapacityResource.INSTANCES, absolute, "totalInstancesUsed", "maxTotalInstances")));
    }

    private JsonObject read() throws IOException, InterruptedException {
        URI compute = account.keystone().endpoint("compute").orElseThrow(() -> new RemoteRequestException(501,
                "the project's catalog has no compute service", null));
        HttpResponse<String> response = account.http().send(HttpRequest.newBuilder(
                        URI.create(compute.toString().replaceAll("/+$", "") + "/limits"))
                .timeout(account.settings.socketTimeout())
                .header("X-Auth-Token", account.keystone().token().value())
                .header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() == 401) {
            account.keystone().invalidate();
        }
        if (response.statusCode() >= 400) {
            throw HttpFailures.fromStatus(response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), response.body(), null);
        }
        try {
            return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("limits")
                    .getAsJsonObject("absolute");
        } catch (RuntimeException e) {
            throw new RemoteProtocolException("unreadable Nova limits: " + e.getMessage(), e);
        }
    }

    private static CapacityFigure figure(CapacityResource resource, JsonObject absolute, String used, String max) {
        if (!absolute.has(used) || !absolute.has(max)) {
            throw new RemoteProtocolException("Nova limits lack " + used + " or " + max, null);
        }
        long inUse = Math.max(0, absolute.get(used).getAsLong());
        long limit = absolute.get(max).getAsLong();
        // Nova reports -1 for "no limit"; a quota lowered below usage means "full".
        return new CapacityFigure(resource, null, inUse, limit < 0 ? CapacityFigure.UNLIMITED : Math.max(limit, inUse));
    }
}
