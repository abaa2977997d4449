package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.DriverFactory;

final class DriverView {

    private DriverView() {
    }

    static void write(DocWriter w, Links links, DriverFactory driver) {
        write(w, links, driver, "driver");
    }

    /** @param name the element's name: {@code driver}, or the driver's id in the JSON listing */
    static void write(DocWriter w, Links links, DriverFactory driver, String name) {
        w.startObject(name);
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
