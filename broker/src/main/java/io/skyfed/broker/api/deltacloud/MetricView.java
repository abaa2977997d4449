package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.Metric;
import io.skyfed.drivers.spi.MetricSample;
import io.skyfed.drivers.spi.MetricSeries;

final class MetricView {

    private MetricView() {
    }

    static void write(DocWriter w, Links links, Metric m) {
        w.startObject("metric");
        w.attribute("href", links.member("metrics", m.id()));
        w.attribute("id", m.id());
        w.element("entity", m.id());
        w.element("entity_type", m.entityType());
        w.startObject("properties");
        for (MetricSeries series : m.series()) {
            w.startList(series.name(), "sample");
            for (MetricSample s : series.samples()) {
                w.startItem();
                w.startInlineList("properties", "property");
                property(w, "timestamp", s.timestamp().toString());
                property(w, "unit", series.unit());
                property(w, "average", Double.toString(s.average()));
                property(w, "minimum", Double.toString(s.minimum()));
                property(w, "maximum", Double.toString(s.maximum()));
                w.end();
                w.end();
            }
            w.end();
        }
        w.end();
        w.end();
    }

    private static void property(DocWriter w, String name, String value) {
        w.startItem();
        w.attribute("name", name);
        w.attribute("value", value);
        w.end();
    }
}
