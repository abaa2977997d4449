package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.FirewallDirection;
import io.skyfed.drivers.spi.FirewallRule;
import java.util.List;

/** A firewall as Deltacloud shows it: Deltacloud rules have no direction, so only ingress rules show. */
final class FirewallView {

    private FirewallView() {
    }

    static List<FirewallRule> ingress(Firewall f) {
        return f.rules().stream().filter(r -> r.direction() == FirewallDirection.INGRESS).toList();
    }

    static void write(DocWriter w, Links links, Firewall f) {
        String href = links.member("firewalls", f.id());
        w.startObject("firewall");
        w.attribute("href", href);
        w.attribute("id", f.id());
        ActionLink.writeAll(w, new ActionLink("destroy", "delete", href),
                new ActionLink("add_rule", "post", href + "/rules"));
        w.element("name", f.name());
        w.element("description", f.description());
        w.optionalElement("owner_id", f.ownerId());
        w.startList("rules", "rule");
        for (FirewallRule r : ingress(f)) {
            String ruleHref = href + "/" + Links.segment(r.id());
            w.startItem();
            w.attribute("href", ruleHref);
            w.attribute("id", r.id());
            ActionLink.writeAll(w, new ActionLink("destroy", "delete", ruleHref));
            w.element("allow_protocol", r.protocol());
            w.element("port_from", Integer.toString(r.fromPort()));
            w.element("port_to", Integer.toString(r.toPort()));
            w.element("direction", "ingress");
            w.startList("sources", "source");
            for (String cidr : r.sourceCidrs()) {
                int slash = cidr.indexOf('/');
                w.startItem();
                w.attribute("type", "address");
                w.attribute("family", cidr.contains(":") ? "ipv6" : "ipv4");
                w.attribute("address", slash < 0 ? cidr : cidr.substring(0, slash));
                w.attribute("prefix", slash < 0 ? "32" : cidr.substring(slash + 1));
                w.end();
            }
            for (String group : r.sourceGroups()) {
                w.startItem();
                w.attribute("type", "group");
                w.attribute("name", group);
                w.attribute("owner", f.ownerId() == null ? "" : f.ownerId());
                w.end();
            }
            w.end();
            w.end();
        }
        w.end();
        w.end();
    }
}
