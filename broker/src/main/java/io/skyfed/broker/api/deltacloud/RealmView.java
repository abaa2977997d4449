package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.Realm;

final class RealmView {

    private RealmView() {
    }

    static void write(DocWriter w, Links links, Realm realm) {
        w.startObject("realm");
        w.attribute("href", links.member("realms", realm.id()));
        w.attribute("id", realm.id());
        w.element("name", realm.name());
        w.element("state", realm.available() ? "AVAILABLE" : "UNAVAILABLE");
        w.optionalElement("limit", realm.limit());
        w.end();
    }
}
