package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.DriverFactory;

final class DriverView {

    private DriverView() {
    }

    static void write(DocWriter w, Links links, DriverFactory driver) {
        w.startObject("driver");
        w.attribute("href", links.member("drivers", driver.id()));
        w.attribute("id", driver.id());
        w.element("name", driver.displayName());
        w.startInlineList("providers", "provider");
        for (String provider : driver.knownProviders()) {
            w.startItem();
            w.attribute("id", provider);
            w.end();
        }
        w.end();
        w.end();
    }
}
