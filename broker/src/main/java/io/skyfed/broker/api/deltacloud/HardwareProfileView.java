package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;

import java.util.Locale;

/** A profile with its properties; ranges and enums carry the create parameter that picks a value. */
final class HardwareProfileView {

    private HardwareProfileView() {
    }

    static void write(DocWriter w, Links links, HardwareProfile profile) {
        w.startObject("hardware_profile");
        w.attribute("href", links.member("hardware_profiles", profile.id()));
        w.attribute("id", profile.id());
        w.element("id", profile.id());
        w.element("name", profile.name());
        w.startInlineList("properties", "property");
        for (HardwareProperty p : profile.properties()) {
            w.startItem();
            w.attribute("name", p.name());
            w.attribute("kind", p.kind().name().toLowerCase(Locale.ROOT));
            w.attribute("unit", p.unit());
            w.attribute("value", p.value());
            if (p.kind() != HardwareProperty.Kind.FIXED) {
                w.reference("param", "operation", "create", "href", links.collection("instances"), "method", "post",
                        "name", p.parameterName());
                if (p.kind() == HardwareProperty.Kind.RANGE) {
                    w.reference("range", "first", p.first(), "last", p.last());
                } else {
                    w.startList("enum", "entry");
                    for (String v : p.values()) {
                        w.startItem();
                        w.attribute("value", v);
                        w.end();
                    }
                    w.end();
                }
            }
            w.end();
        }
        w.end();
        w.end();
    }
}
