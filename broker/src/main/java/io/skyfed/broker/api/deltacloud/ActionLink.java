package io.skyfed.broker.api.deltacloud;

/** One {@code <link rel method href/>} of an {@code <actions>} list. */
record ActionLink(String rel, String method, String href) {

    static void writeAll(DocWriter w, ActionLink... links) {
        w.startList("actions", "link");
        for (ActionLink link : links) {
            if (link != null) {
                w.startItem();
                w.attribute("rel", link.rel());
                w.attribute("method", link.method());
                w.attribute("href", link.href());
                w.end();
            }
        }
        w.end();
    }
}
