package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.Feature;

import java.util.ArrayList;
import java.util.List;

/** The entry point: the driver's collections, each with the features the driver supports on it. */
final class ApiView {

    private ApiView() {
    }

    /** The collections {@code driver} serves through the API, in alphabetical order. */
    static List<String> collections(DriverFactory driver) {
        List<String> names = new ArrayList<>();
        for (CollectionKind kind : CollectionKind.values()) {
            if (driver.supports(kind)) {
                names.add(kind.apiName());
            }
        }
        names.add("drivers");
        if (driver.supports(CollectionKind.INSTANCES)) {
            names.add("instance_states");
        }
        names.sort(null);
        return names;
    }

    static void write(DocWriter w, Links links, DriverFactory driver, String provider, String version) {
        w.startObject("api");
        w.attribute("version", version);
        w.attribute("driver", driver.id());
        w.attribute("provider", provider);
        w.startInlineList("links", "link");
        for (String collection : collections(driver)) {
            w.startItem();
            w.attribute("rel", collection);
            w.attribute("href", links.collection(collection));
            w.startInlineList("features", "feature");
            for (Feature feature : Feature.values()) {
                if (driver.supports(feature) && feature.collection().apiName().equals(collection)) {
                    FeatureParams doc = FeatureParams.of(feature);
                    w.startItem();
                    w.attribute("name", feature.apiName());
                    w.attribute("rel", doc.operation());
                    w.startInlineList("params", "param");
                    for (String param : doc.params()) {
                        w.startItem();
                        w.attribute("name", param);
                        w.end();
                    }
                    w.end();
                    w.end();
                }
            }
            w.end();
            w.end();
        }
        w.end();
        w.end();
    }
}
