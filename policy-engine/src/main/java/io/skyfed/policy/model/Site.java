package io.skyfed.policy.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A place workloads can run: an on-premise cluster or host, or a public region or zone.
 *
 * @param capacity   what the site has, already capped by any quota the provider imposes
 * @param used       what is in use now, including the running workloads of the snapshot
 * @param drained    true when the site is down or being emptied: nothing new goes there and its workloads leave
 * @param latencyMs  round-trip latency from user locations (by location name) to the site
 * @param bandwidthMbps sustained transfer rate for disk moves into or out of the site
 */
public record Site(
        String id,
        SiteKind kind,
        String provider,
        String region,
        String zone,
        String jurisdiction,
        List<String> certifications,
        List<String> tags,
        Map<String, Long> latencyMs,
        List<String> imageFormats,
        Resources capacity,
        Resources used,
        Prices prices,
        long bandwidthMbps,
        boolean drained) {

    public Site {
        Objects.requireNonNull(id, "site id");
        Objects.requireNonNull(kind, "site kind");
        provider = provider == null ? "" : provider;
        region = region == null ? "" : region;
        zone = zone == null ? "" : zone;
        jurisdiction = jurisdiction == null ? "" : jurisdiction;
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
        tags = tags == null ? List.of() : List.copyOf(tags);
        latencyMs = latencyMs == null ? Map.of() : Map.copyOf(latencyMs);
        imageFormats = imageFormats == null ? List.of() : List.copyOf(imageFormats);
        capacity = capacity == null ? Resources.ZERO : capacity;
        used = used == null ? Resources.ZERO : used;
        prices = prices == null ? Prices.FREE : prices;
    }

    public boolean onPremise() {
        return kind == SiteKind.ON_PREMISE;
    }

    public Site withCapacity(Resources newCapacity) {
        return new Site(id, kind, provider, region, zone, jurisdiction, certifications, tags, latencyMs,
                imageFormats, newCapacity, used, prices, bandwidthMbps, drained);
    }

    public Site withUsed(Resources newUsed) {
        return new Site(id, kind, provider, region, zone, jurisdiction, certifications, tags, latencyMs,
                imageFormats, capacity, newUsed, prices, bandwidthMbps, drained);
    }
}
