package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.KeyPair;

final class KeyView {

    private KeyView() {
    }

    static void write(DocWriter w, Links links, KeyPair key) {
        w.startObject("key");
        w.attribute("href", links.member("keys", key.id()));
        w.attribute("id", key.id());
        w.attribute("type", "key");
        w.element("name", key.name());
        ActionLink.writeAll(w, new ActionLink("destroy", "delete", links.member("keys", key.id())));
        w.optionalElement("fingerprint", key.fingerprint());
        w.optionalElement("pem", key.privateKeyPem());
        w.element("state", "AVAILABLE");
        w.end();
    }
}
