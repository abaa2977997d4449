package io.skyfed.broker.api.deltacloud;

/** Deltacloud's error document: status, request URL, backend, code and message (and the bad parameter). */
final class ErrorView {

    private ErrorView() {
    }

    static void write(DocWriter w, int status, String url, String driver, String provider, String message,
                      String parameter) {
        w.startObject("error");
        w.attribute("status", Integer.toString(status));
        w.attribute("url", url);
        w.reference("backend", "driver", driver, "provider", provider);
        w.element("code", Integer.toString(status));
        w.element("message", message == null ? "" : message);
        w.optionalElement("parameter", parameter);
        w.end();
    }
}
