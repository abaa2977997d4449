package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.Realm;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.util.List;

@Path("/api/realms")
public class RealmsResource {

    @Inject
    DeltacloudContext ctx;
    @Inject
    Listings listings;

    @GET
    public Response list(@QueryParam("state") String state) {
        List<Realm> realms = ctx.session(CollectionKind.REALMS).realms().stream()
                .filter(r -> state == null || state.equalsIgnoreCase(r.available() ? "AVAILABLE" : "UNAVAILABLE"))
                .toList();
        return listings.ok(ctx, "realms", "realm", realms, (w, r) -> RealmView.write(w, ctx.links(), r));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        Realm realm = ctx.session(CollectionKind.REALMS).realm(id);
        return Responses.ok(ctx, w -> RealmView.write(w, ctx.links(), realm));
    }
}
