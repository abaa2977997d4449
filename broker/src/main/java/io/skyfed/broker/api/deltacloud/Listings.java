package io.skyfed.broker.api.deltacloud;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Renders collection listings, reusing the bytes of the last rendering while the listed records are equal.
 * A listing of 1,000 instances is a megabyte of XML; rendering it per request would cap the API at a few dozen
 * requests a second, while comparing the driver's (immutable) records with the cached ones costs microseconds.
 * The data is always fetched from the driver with the caller's credentials, so a cached body is only ever served
 * to a caller whose own data it shows.
 */
@ApplicationScoped
public class Listings {

    /** Bodies kept at most, in bytes. */
    static final long MAX_CACHED_BYTES = 128L * 1024 * 1024;

    /** What a listing depends on besides its records: who asked, and how it is shown. */
    private record Key(String driver, String provider, String user, Format format, String api, String collection) {
    }

    private record Entry(List<?> records, Rendered rendered) {
    }

    private final Cache<Key, Entry> cache = Caffeine.newBuilder()
            .maximumWeight(MAX_CACHED_BYTES)
            .weigher((Key k, Entry e) -> e.rendered().weight())
            .build();

    <T> Response ok(DeltacloudContext ctx, String collection, String item, List<T> records, BiConsumer<DocWriter, T> member) {
        Key key = new Key(ctx.driver().id(), ctx.provider(), ctx.credentials().map(c -> c.user()).orElse(""),
                ctx.format(), ctx.links().api(), collection);
        Entry cached = cache.getIfPresent(key);
        if (cached != null && cached.records().equals(records)) {
            return Responses.ok(ctx, cached.rendered());
        }
        DocWriter writer = ctx.format().writer(1024 + records.size() * 1024);
        Responses.list(collection, item, records, member).write(writer);
        Rendered rendered = Rendered.reusable(ctx.format(), writer.finish());
        cache.put(key, new Entry(List.copyOf(records), rendered));
        return Responses.ok(ctx, rendered);
    }
}
