package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.Listener;
import io.skyfed.drivers.spi.LoadBalancer;

final class LoadBalancerView {

    private LoadBalancerView() {
    }

    static void write(DocWriter w, Links links, LoadBalancer lb) {
        String href = links.member("load_balancers", lb.id());
        w.startObject("load_balancer");
        w.attribute("href", href);
        w.attribute("id", lb.id());
        w.element("name", lb.name());
        ActionLink.writeAll(w, new ActionLink("destroy", "delete", href),
                new ActionLink("register", "post", href + "/register"));
        w.startList("public_addresses", "address");
        for (String address : lb.publicAddresses()) {
            w.startItem();
            w.text(address);
            w.end();
        }
        w.end();
        w.optionalElement("created_at", lb.createdAt());
        if (!lb.realmIds().isEmpty()) {
            String realm = lb.realmIds().get(0);
            w.reference("realm", "href", links.member("realms", realm), "id", realm);
        }
        w.startList("listeners", "listener");
        for (Listener l : lb.listeners()) {
            w.startItem();
            w.attribute("protocol", l.protocol());
            w.element("load_balancer_port", Integer.toString(l.loadBalancerPort()));
            w.element("instance_port", Integer.toString(l.instancePort()));
            w.end();
        }
        w.end();
        w.startList("instances", "instance");
        for (String instance : lb.instanceIds()) {
            w.startItem();
            w.attribute("href", links.member("instances", instance));
            w.attribute("id", instance);
            ActionLink.writeAll(w, new ActionLink("unregister", "post", href + "/unregister;instance_id=" + Links.segment(instance)));
            w.end();
        }
        w.end();
        w.end();
    }
}
