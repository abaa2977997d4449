package io.skyfed.broker.api.deltacloud;

import io.skyfed.broker.Version;
import io.skyfed.drivers.spi.DriverFactory;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** The entry point. Readable without credentials; {@code ?force_auth=1} checks them with the provider. */
@Path("/api")
public class ApiResource {

    @Inject
    DeltacloudContext ctx;

    @GET
    public Response entryPoint(@QueryParam("force_auth") String forceAuth) {
        DriverFactory driver = ctx.driver();
        if (forceAuth != null && !forceAuth.isBlank() && !"0".equals(forceAuth) && !"false".equals(forceAuth)) {
            ctx.session().realms();
        }
        return Responses.ok(ctx, w -> ApiView.write(w, ctx.links(), driver, ctx.provider(), Version.DELTACLOUD_API));
    }
}
