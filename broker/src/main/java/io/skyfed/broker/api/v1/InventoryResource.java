package io.skyfed.broker.api.v1;

import io.skyfed.broker.api.v1.InventoryViews.HardwareProfileItem;
import io.skyfed.broker.api.v1.InventoryViews.ImageItem;
import io.skyfed.broker.api.v1.InventoryViews.InstanceItem;
import io.skyfed.broker.api.v1.InventoryViews.InventoryPage;
import io.skyfed.broker.api.v1.InventoryViews.ProviderStatus;
import io.skyfed.broker.federation.InventoryService;
import io.skyfed.broker.federation.ProviderInventory;
import io.skyfed.broker.security.Caller;
import io.skyfed.broker.security.CallerContext;
import io.skyfed.broker.security.ResourceOwners;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The federated inventory across every enabled provider, served from the periodically refreshed cache. */
@Path("/v1/inventory")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inventory")
public class InventoryResource {

    private final InventoryService inventory;
    private final CallerContext callers;
    private final ResourceOwners owners;

    InventoryResource(InventoryService inventory, CallerContext callers, ResourceOwners owners) {
        this.inventory = inventory;
        this.callers = callers;
        this.owners = owners;
    }

    @GET
    @Path("instances")
    @Operation(summary = "Instances of every provider (a tenant's own only); filters: provider, location, state,"
            + " realm, q (name)")
    public Uni<InventoryPage<InstanceItem>> instances(@Context UriInfo uri) {
        InventoryQuery query = InventoryQuery.parse(uri.getQueryParameters(), Set.of("state", "realm"));
        return visible("instances", false).flatMap(visible -> page(query, provider -> provider.instances().stream()
                .filter(i -> query.matches("state", i.state().apiName()) && query.matches("realm", i.realmId())
                        && query.matchesSearch(i.name()) && visible.test(key(provider.provider(), i.id())))
                .map(i -> InstanceItem.of(provider, i)), item -> key(item.where().provider(), item.id())));
    }

    @GET
    @Path("images")
    @Operation(summary = "Images of every provider (a tenant's own and the providers' catalogues); filters:"
            + " provider, location, architecture, q (name)")
    public Uni<InventoryPage<ImageItem>> images(@Context UriInfo uri) {
        InventoryQuery query = InventoryQuery.parse(uri.getQueryParameters(), Set.of("architecture"));
        return visible("images", true).flatMap(visible -> page(query, provider -> provider.images().stream()
                .filter(i -> query.matches("architecture", i.architecture()) && query.matchesSearch(i.name())
                        && visible.test(key(provider.provider(), i.id())))
                .map(i -> ImageItem.of(provider, i)), item -> key(item.where().provider(), item.id())));
    }

    @GET
    @Path("hardware-profiles")
    @Operation(summary = "Hardware profiles of every provider; filters: provider, location, q (name)")
    public Uni<InventoryPage<HardwareProfileItem>> hardwareProfiles(@Context UriInfo uri) {
        InventoryQuery query = InventoryQuery.parse(uri.getQueryParameters(), Set.of());
        return page(query, provider -> provider.hardwareProfiles().stream()
                .filter(p -> query.matchesSearch(p.name()))
                .map(p -> HardwareProfileItem.of(provider, p)), item -> key(item.where().provider(), item.id()));
    }

    @GET
    @Path("providers")
    @Operation(summary = "When each provider's inventory was last read, and whether it is stale")
    public Uni<List<ProviderStatus>> providers() {
        return inventory.current().map(all -> all.stream().map(this::status).toList());
    }

    @POST
    @Path("providers/{name}/refresh")
    @Operation(summary = "Re-read one provider's inventory now")
    public Uni<ProviderStatus> refresh(@PathParam("name") String name) {
        return inventory.refresh(name).map(this::status);
    }

    /**
     * Which items of a kind the caller sees, by {@link #key}: everything for admins and auditors, else its
     * tenant's own, plus unowned ones when the kind is a {@code catalogue} (provider images).
     */
    private Uni<Predicate<String>> visible(String kind, boolean catalogue) {
        Caller caller = callers.current();
        if (caller.seesEveryTenant()) {
            return Uni.createFrom().item(key -> true);
        }
        return owners.owners(kind).map(owned -> key -> caller.seesOwned(owned.get(key), catalogue));
    }

    private <T> Uni<InventoryPage<T>> page(InventoryQuery query,
                                           Function<ProviderInventory, Stream<T>> items,
                                           Function<T, String> key) {
        return inventory.current().map(all -> {
            List<ProviderInventory> selected = all.stream()
                    .filter(p -> query.matches("provider", p.provider())
                            && query.matches("location", ProviderRequest.location(p.location())))
                    .toList();
            List<T> sorted = selected.stream().flatMap(p -> items.apply(p))
                    .sorted(Comparator.comparing(key)).toList();
            Page<T> page = query.page().apply(sorted, key);
            return new InventoryPage<>(page.items(), page.nextCursor(),
                    selected.stream().map(this::status).toList());
        });
    }

    private ProviderStatus status(ProviderInventory provider) {
        Instant now = Instant.now();
        Double age = provider.refreshedAt() == null ? null
                : Duration.between(provider.refreshedAt(), now).toMillis() / 1000.0;
        return new ProviderStatus(provider.provider(), provider.refreshedAt(), provider.attemptedAt(), age,
                inventory.isStale(provider, now), provider.lastError());
    }

    /** Sorts by provider, then id. */
    private static String key(String provider, String id) {
        return ResourceOwners.key(provider, id);
    }
}
