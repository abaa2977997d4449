package io.skyfed.broker.api.deltacloud;

import io.skyfed.broker.security.Caller;
import io.skyfed.broker.security.CallerContext;
import io.skyfed.broker.security.ResourceOwners;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the caller of a Deltacloud request may see of a provider: its tenant's own resources (recorded when they
 * were created through Skyfed), plus, for images, the provider's catalogue (images nobody in Skyfed owns). Admins
 * and auditors see everything. Anything else answers 404, as if it did not exist. Runs on the request's worker
 * thread, so it waits for the database.
 */
@RequestScoped
public class Tenancy {

    private static final Duration DATABASE_WAIT = Duration.ofSeconds(30);

    @Inject
    CallerContext callers;
    @Inject
    DeltacloudContext ctx;
    @Inject
    ResourceOwners owners;

    /** The items of a listing the caller may see; {@code catalogue}: unowned items are visible to everyone. */
    <T> List<T> visible(String kind, List<T> items, Function<T, String> id, boolean catalogue) {
        Caller caller = callers.current();
        if (caller.seesEveryTenant()) {
            return items;
        }
        Map<String, String> owned = await(owners.owners(ctx.provider(), kind));
        return items.stream().filter(item -> caller.seesOwned(owned.get(id.apply(item)), catalogue)).toList();
    }

    /** 404 unless the caller's tenant owns the resource (or the caller sees everything). */
    void require(String kind, String id) {
        require(kind, id, false);
    }

    /** 404 unless the caller may see the resource; {@code catalogue}: an unowned one is visible to everyone. */
    void require(String kind, String id, boolean catalogue) {
        Caller caller = callers.current();
        if (id == null || caller.seesEveryTenant()) {
            return;
        }
        Optional<String> owner = await(owners.owner(ctx.provider(), kind, id));
        if (!caller.seesOwned(owner.orElse(null), catalogue)) {
            throw DeltacloudException.notFound("no " + kind + " resource " + id);
        }
    }

    /** Records the caller's tenant as the owner of what it just created. */
    void claim(String kind, String id) {
        await(owners.claim(ctx.provider(), kind, id, callers.current().tenant()));
    }

    void release(String kind, String id) {
        await(owners.release(ctx.provider(), kind, id));
    }

    private static <T> T await(Uni<T> query) {
        return query.await().atMost(DATABASE_WAIT);
    }
}
