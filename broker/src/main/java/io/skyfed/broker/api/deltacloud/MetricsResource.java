package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Metric;
import io.skyfed.drivers.spi.MetricService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

@Path("/api/metrics")
public class MetricsResource {

    @Inject
    DeltacloudContext ctx;
    @Inject
    Listings listings;
    @Inject
    Tenancy tenancy;

    @GET
    public Response list() {
        return listings.ok(ctx, "metrics", "metric", tenancy.visible("instances", metrics().list(), Metric::id, false),
                (w, m) -> MetricView.write(w, ctx.links(), m));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        MetricService metrics = metrics();
        tenancy.require("instances", id);
        Metric metric = metrics.get(id);
        return Responses.ok(ctx, w -> MetricView.write(w, ctx.links(), metric));
    }

    private MetricService metrics() {
        return ctx.service(CollectionKind.METRICS, DriverSession::metrics);
    }
}
