package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.Address;
import io.skyfed.drivers.spi.AddressService;
import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.DriverSession;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

@Path("/api/addresses")
public class AddressesResource {

    @Inject
    DeltacloudContext ctx;
    @Inject
    Listings listings;
    @Inject
    Tenancy tenancy;

    @GET
    public Response list() {
        return listings.ok(ctx, "addresses", "address", tenancy.visible("addresses", addresses().list(), Address::id, false),
                (w, a) -> AddressView.write(w, ctx.links(), a));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        AddressService addresses = addresses();
        tenancy.require("addresses", id);
        Address address = addresses.get(id);
        return Responses.ok(ctx, w -> AddressView.write(w, ctx.links(), address));
    }

    @POST
    public Response create() {
        Address address = addresses().create();
        tenancy.claim("addresses", address.id());
        return Responses.created(ctx, ctx.links().member("addresses", address.id()),
                w -> AddressView.write(w, ctx.links(), address));
    }

    @POST
    @Path("{id}/associate")
    public Response associate(@PathParam("id") String id, String body) {
        AddressService addresses = addresses();
        String instanceId = ctx.params(body).required("instance_id");
        tenancy.require("addresses", id);
        tenancy.require("instances", instanceId);
        Address address = addresses.associate(id, instanceId);
        return Responses.status(ctx, 202, w -> AddressView.write(w, ctx.links(), address));
    }

    @POST
    @Path("{id}/disassociate")
    public Response disassociate(@PathParam("id") String id) {
        AddressService addresses = addresses();
        tenancy.require("addresses", id);
        Address address = addresses.disassociate(id);
        return Responses.status(ctx, 202, w -> AddressView.write(w, ctx.links(), address));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        AddressService addresses = addresses();
        tenancy.require("addresses", id);
        addresses.delete(id);
        tenancy.release("addresses", id);
        return Responses.noContent();
    }

    private AddressService addresses() {
        return ctx.service(CollectionKind.ADDRESSES, DriverSession::addresses);
    }
}
