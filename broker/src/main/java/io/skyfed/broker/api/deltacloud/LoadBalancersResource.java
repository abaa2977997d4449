package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.DriverSession;
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
    @Inject
    Tenancy tenancy;

    @GET
    public Response list() {
        return listings.ok(ctx, "load_balancers", "load_balancer", tenancy.visible("load_balancers", balancers().list(), LoadBalancer::id, false),
                (w, lb) -> LoadBalancerView.write(w, ctx.links(), lb));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        LoadBalancerService balancers = balancers();
        tenancy.require("load_balancers", id);
        LoadBalancer lb = balancers.get(id);
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
        tenancy.claim("load_balancers", lb.id());
        return Responses.created(ctx, ctx.links().member("load_balancers", lb.id()),
                w -> LoadBalancerView.write(w, ctx.links(), lb));
    }

    @POST
    @Path("{id}/register")
    public Response register(@PathParam("id") String id, String body) {
        LoadBalancer lb = membership(id, body, LoadBalancerService::register);
        return Responses.ok(ctx, w -> LoadBalancerView.write(w, ctx.links(), lb));
    }

    @POST
    @Path("{id}/unregister")
    public Response unregister(@PathParam("id") String id, String body) {
        LoadBalancer lb = membership(id, body, LoadBalancerService::unregister);
        return Responses.ok(ctx, w -> LoadBalancerView.write(w, ctx.links(), lb));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        LoadBalancerService balancers = balancers();
        tenancy.require("load_balancers", id);
        balancers.delete(id);
        tenancy.release("load_balancers", id);
        return Responses.noContent();
    }

    /** Registers or unregisters an instance: both must be the caller's. */
    private LoadBalancer membership(String id, String body, Membership change) {
        LoadBalancerService balancers = balancers();
        String instanceId = ctx.params(body).required("instance_id");
        tenancy.require("load_balancers", id);
        tenancy.require("instances", instanceId);
        return change.apply(balancers, id, instanceId);
    }

    private interface Membership {
        LoadBalancer apply(LoadBalancerService balancers, String id, String instanceId);
    }

    private LoadBalancerService balancers() {
        return ctx.service(CollectionKind.LOAD_BALANCERS, DriverSession::loadBalancers);
    }
}
