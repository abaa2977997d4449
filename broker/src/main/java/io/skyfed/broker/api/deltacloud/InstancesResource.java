package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Feature;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceSpec;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

@Path("/api/instances")
public class InstancesResource {

    @Inject
    DeltacloudContext ctx;
    @Inject
    Listings listings;
    @Inject
    Tenancy tenancy;

    @GET
    public Response list(@QueryParam("state") String state, @QueryParam("realm_id") String realmId,
                         @QueryParam("id") String id) {
        List<Instance> instances = ctx.session(CollectionKind.INSTANCES).instances().stream()
                .filter(i -> state == null || state.isBlank() || i.state().name().equalsIgnoreCase(state))
                .filter(i -> realmId == null || realmId.isBlank() || realmId.equals(i.realmId()))
                .filter(i -> id == null || id.isBlank() || id.equals(i.id()))
                .toList();
        instances = tenancy.visible("instances", instances, Instance::id, false);
        String authentication = authentication();
        return listings.ok(ctx, "instances", "instance", instances,
                (w, i) -> InstanceView.write(w, ctx.links(), i, authentication));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        tenancy.require("instances", id);
        Instance instance = ctx.session(CollectionKind.INSTANCES).instance(id);
        return Responses.ok(ctx, w -> InstanceView.write(w, ctx.links(), instance, authentication()));
    }

    /**
     * {@code image_id} (required), {@code realm_id}, {@code hwp_id} with {@code hwp_<property>} values, {@code name},
     * {@code keyname}, {@code user_data} (base64) and {@code firewalls1..n}.
     */
    @POST
    public Response create(String body) {
        RequestParams params = ctx.params(body);
        DriverSession session = ctx.session(CollectionKind.INSTANCES);
        Map<String, String> overrides = new HashMap<>(params.withPrefix("hwp_"));
        overrides.remove("id");
        InstanceSpec spec = new InstanceSpec(params.required("image_id"), params.optional("realm_id"),
                params.optional("hwp_id"), overrides, params.optional("name"),
                params.optional("keyname"), userData(params.optional("user_data")), params.numbered("firewalls"));
        if (spec.hardwareProfileId() == null && !spec.profileOverrides().isEmpty()) {
            throw DeltacloudException.badRequest("hwp_id", "hwp_* values need the hwp_id they apply to");
        }
        tenancy.require("images", spec.imageId(), true);
        tenancy.require("keys", spec.keyName());
        spec.firewallIds().forEach(firewall -> tenancy.require("firewalls", firewall));
        Instance instance = session.createInstance(spec);
        tenancy.claim("instances", instance.id());
        return Responses.created(ctx, ctx.links().member("instances", instance.id()),
                w -> InstanceView.write(w, ctx.links(), instance, authentication()));
    }

    @POST
    @Path("{id}/{action}")
    public Response act(@PathParam("id") String id, @PathParam("action") String actionName) {
        DriverSession session = ctx.session(CollectionKind.INSTANCES);
        BiFunction<DriverSession, String, Instance> operation = switch (actionName.toLowerCase(Locale.ROOT)) {
            case "start" -> DriverSession::start;
            case "stop" -> DriverSession::stop;
            case "reboot" -> DriverSession::reboot;
            case "destroy" -> (s, i) -> {
                s.destroy(i);
                return null;
            };
            default -> throw DeltacloudException.methodNotAllowed("instances have no action '" + actionName + "'");
        };
        InstanceAction action = InstanceAction.valueOf(actionName.toUpperCase(Locale.ROOT));
        tenancy.require("instances", id);
        Instance current = session.instance(id);
        if (!current.actions().contains(action)) {
            throw DeltacloudException.methodNotAllowed("instance " + id + " cannot " + actionName + " while "
                    + current.state() + "; it offers " + current.actions());
        }
        Instance result = operation.apply(session, id);
        if (result == null) {
            tenancy.release("instances", id);
            return Responses.noContent();
        }
        return Responses.status(ctx, 202, w -> InstanceView.write(w, ctx.links(), result, authentication()));
    }

    @DELETE
    @Path("{id}")
    public Response destroy(@PathParam("id") String id) {
        return act(id, "destroy");
    }

    /** The authentication type instances show, by the driver's features. */
    private String authentication() {
        if (ctx.driver().supports(Feature.INSTANCE_AUTHENTICATION_KEY)) {
            return "key";
        }
        return ctx.driver().supports(Feature.INSTANCE_AUTHENTICATION_PASSWORD) ? "password" : null;
    }

    private static byte[] userData(String base64) {
        if (base64 == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64.trim().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw DeltacloudException.badRequest("user_data", "user_data must be base64-encoded");
        }
    }
}
