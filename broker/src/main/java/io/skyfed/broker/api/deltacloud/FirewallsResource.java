package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.FirewallRuleSpec;
import io.skyfed.drivers.spi.FirewallService;
import io.skyfed.drivers.spi.NotFoundException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.util.List;

@Path("/api/firewalls")
public class FirewallsResource {

    @Inject
    DeltacloudContext ctx;
    @Inject
    Listings listings;
    @Inject
    Tenancy tenancy;

    @GET
    public Response list() {
        return listings.ok(ctx, "firewalls", "firewall", tenancy.visible("firewalls", firewalls().list(), Firewall::id, false),
                (w, f) -> FirewallView.write(w, ctx.links(), f));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        FirewallService firewalls = firewalls();
        tenancy.require("firewalls", id);
        Firewall firewall = firewalls.get(id);
        return Responses.ok(ctx, w -> FirewallView.write(w, ctx.links(), firewall));
    }

    /** {@code name} and {@code description}. */
    @POST
    public Response create(String body) {
        RequestParams params = ctx.params(body);
        Firewall firewall = firewalls().create(params.required("name"), params.optional("description"));
        tenancy.claim("firewalls", firewall.id());
        return Responses.created(ctx, ctx.links().member("firewalls", firewall.id()),
                w -> FirewallView.write(w, ctx.links(), firewall));
    }

    /**
     * Adds a rule: {@code protocol}, {@code port_from}, {@code port_to}, and sources {@code ip_address1..n}
     * (CIDR blocks) and/or {@code group1..n} (firewall ids).
     */
    @POST
    @Path("{id}/rules")
    public Response addRule(@PathParam("id") String id, String body) {
        RequestParams params = ctx.params(body);
        List<String> addresses = params.numbered("ip_address");
        List<String> groups = params.numbered("group");
        if (addresses.isEmpty() && groups.isEmpty()) {
            throw DeltacloudException.badRequest("ip_address1", "a rule needs a source: ip_address1.. or group1..");
        }
        FirewallService firewalls = firewalls();
        tenancy.require("firewalls", id);
        groups.forEach(group -> tenancy.require("firewalls", group));
        Firewall firewall = firewalls.addRule(id, new FirewallRuleSpec(params.required("protocol"),
                params.requiredInt("port_from"), params.requiredInt("port_to"), addresses, groups));
        return Responses.created(ctx, ctx.links().member("firewalls", firewall.id()),
                w -> FirewallView.write(w, ctx.links(), firewall));
    }

    @DELETE
    @Path("{id}/{rule_id}")
    public Response deleteRule(@PathParam("id") String id, @PathParam("rule_id") String ruleId) {
        FirewallService firewalls = firewalls();
        tenancy.require("firewalls", id);
        // Egress rules do not show through Deltacloud, so they cannot be deleted through it either.
        if (FirewallView.ingress(firewalls.get(id)).stream().noneMatch(r -> r.id().equals(ruleId))) {
            throw new NotFoundException("firewall rule", ruleId);
        }
        firewalls.deleteRule(id, ruleId);
        return Responses.noContent();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        FirewallService firewalls = firewalls();
        tenancy.require("firewalls", id);
        firewalls.delete(id);
        tenancy.release("firewalls", id);
        return Responses.noContent();
    }

    private FirewallService firewalls() {
        return ctx.service(CollectionKind.FIREWALLS, DriverSession::firewalls);
    }
}
