package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.HardwareProfile;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Sizes; readable without credentials when the driver's profiles are the same for every account. */
@Path("/api/hardware_profiles")
public class HardwareProfilesResource {

    @Inject
    DeltacloudContext ctx;
    @Inject
    Listings listings;

    @GET
    public Response list() {
        List<HardwareProfile> profiles = profiles();
        return listings.ok(ctx, "hardware_profiles", "hardware_profile", profiles,
                (w, p) -> HardwareProfileView.write(w, ctx.links(), p));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        HardwareProfile profile = profiles().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> DeltacloudException.notFound("hardware profile '" + id + "' not found"));
        return Responses.ok(ctx, w -> HardwareProfileView.write(w, ctx.links(), profile));
    }

    private List<HardwareProfile> profiles() {
        ctx.requireCollection(CollectionKind.HARDWARE_PROFILES);
        if (ctx.credentials().isEmpty()) {
            return ctx.driver().publicHardwareProfiles().orElseGet(() -> ctx.session().hardwareProfiles());
        }
        return ctx.session().hardwareProfiles();
    }
}
