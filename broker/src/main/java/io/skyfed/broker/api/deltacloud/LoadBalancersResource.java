package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.Listener;
import io.skyfed.drivers.spi.LoadBalancer;
import io.skyfed.drivers.spi.LoadBalancerService;
import io.skyfed.drivers.spi.LoadBalancerSpec;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.util.List;

@Path("/api/load_balancers")
public class LoadBalancersResource {

    @Inject
    DeltacloudContext ctx;
    @Inject
    Listings listings;

    @GET
    public Response list() {
        return listings.ok(ctx, "load_balancers", "load_balancer", balancers().list(),
                (w, lb) -> LoadBalancerView.write(w, ctx.links(), lb));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        LoadBalancer lb = balancers().get(id);
        return Responses.ok(ctx, w -> LoadBalancerView.write(w, ctx.links(), lb));
    }

    /** {@code name}, {@code realm_id}, {@code listener_protocol}, {@code listener_balancer_port}, {@code listener_instance_port}. */
    @POST
    public Response create(String body) {
        RequestParams params = ctx.params(body);
        Listener listener = new Listener(params.required("listener_protocol"),
                params.requiredInt("listener_balancer_port"), params.requiredInt("listener_instance_port"));
        LoadBalancer lb = balancers().create(new LoadBalancerSpec(params.required("name"), params.optional("realm_id"),
                List.of(listener)));
        return Responses.created(ctx, ctx.links().member("load_balancers", lb.id()),
                w -> LoadBalancerView.write(w, ctx.links(), lb));
    }

    @POST
    @Path("{id}/register")
    public Response register(@PathParam("id") String id, String body) {
        LoadBalancer lb = balancers().register(id, ctx.params(body).required("instance_id"));
        return Responses.ok(ctx, w -> LoadBalancerView.write(w, ctx.links(), lb));
    }

    @POST
    @Path("{id}/unregister")
    public Response unregister(@PathParam("id") String id, String body) {
        LoadBalancer lb = balancers().unregister(id, ctx.params(body).required("instance_id"));
        return Responses.ok(ctx, w -> LoadBalancerView.write(w, ctx.links(), lb));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        balancers().delete(id);
        return Responses.noContent();
    }

    private LoadBalancerService balancers() {
        return ctx.session(CollectionKind.LOAD_BALANCERS).loadBalancers().orElseThrow();
    }
}
