package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.Address;

final class AddressView {

    private AddressView() {
    }

    static void write(DocWriter w, Links links, Address a) {
        w.startObject("address");
        w.attribute("href", links.member("addresses", a.id()));
        w.attribute("id", a.id());
        w.element("ip", a.ipAddress());
        boolean associated = a.instanceId() != null;
        ActionLink.writeAll(w,
                associated ? null : new ActionLink("destroy", "delete", links.member("addresses", a.id())),
                associated ? null : new ActionLink("associate", "post", links.action("addresses", a.id(), "associate")),
                associated ? new ActionLink("disassociate", "post", links.action("addresses", a.id(), "disassociate")) : null);
        if (associated) {
            w.reference("instance", "href", links.member("instances", a.instanceId()), "id", a.instanceId());
        }
        w.end();
    }
}
