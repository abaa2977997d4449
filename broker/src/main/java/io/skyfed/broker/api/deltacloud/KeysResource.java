package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.KeyPair;
import io.skyfed.drivers.spi.KeyService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

@Path("/api/keys")
public class KeysResource {

    @Inject
    DeltacloudContext ctx;
    @Inject
    Listings listings;
    @Inject
    Tenancy tenancy;

    @GET
    public Response list() {
        return listings.ok(ctx, "keys", "key", tenancy.visible("keys", keys().list(), KeyPair::id, false), (w, k) -> KeyView.write(w, ctx.links(), k));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        KeyService keys = keys();
        tenancy.require("keys", id);
        KeyPair key = keys.get(id);
        return Responses.ok(ctx, w -> KeyView.write(w, ctx.links(), key));
    }

    /** {@code name}, and {@code public_key} to register an existing key instead of generating one. */
    @POST
    public Response create(String body) {
        RequestParams params = ctx.params(body);
        KeyPair key = keys().create(params.required("name"), params.optional("public_key"));
        tenancy.claim("keys", key.id());
        return Responses.created(ctx, ctx.links().member("keys", key.id()), w -> KeyView.write(w, ctx.links(), key));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        KeyService keys = keys();
        tenancy.require("keys", id);
        keys.delete(id);
        tenancy.release("keys", id);
        return Responses.noContent();
    }

    private KeyService keys() {
        return ctx.service(CollectionKind.KEYS, DriverSession::keys);
    }
}
