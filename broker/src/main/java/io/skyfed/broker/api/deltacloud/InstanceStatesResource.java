package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.CollectionKind;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** The selected driver's instance life cycle, readable without credentials. */
@Path("/api/instance_states")
public class InstanceStatesResource {

    @Inject
    DeltacloudContext ctx;

    @GET
    public Response show() {
        ctx.requireCollection(CollectionKind.INSTANCES);
        return Responses.ok(ctx, w -> InstanceStatesView.write(w, ctx.driver().instanceStates()));
    }
}
