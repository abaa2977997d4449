package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.DriverFactory;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** Every registered driver kind, listed without credentials. */
@Path("/api/drivers")
public class DriversResource {

    @Inject
    DeltacloudContext ctx;
    @Inject
    DriverRegistry registry;

    @GET
    public Response list() {
        if (ctx.format() == Format.JSON) {
            // The reference server's JSON listing is an object keyed by driver id, which its clients index into.
            return Responses.ok(ctx, w -> registry.all().forEach(d -> DriverView.write(w, ctx.links(), d, d.id())));
        }
        return Responses.ok(ctx, Responses.list("drivers", "driver", registry.all(),
                (w, d) -> DriverView.write(w, ctx.links(), d)));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        DriverFactory driver = registry.find(id).orElseThrow(() -> DeltacloudException.notFound("no driver '" + id + "'"));
        return Responses.ok(ctx, w -> DriverView.write(w, ctx.links(), driver));
    }
}
