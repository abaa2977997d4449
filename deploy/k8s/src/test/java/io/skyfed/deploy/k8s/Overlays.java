package io.skyfed.deploy.k8s;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The module's overlays, each rendered once per test run; callers get their own copy to alter. */
final class Overlays {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path REALM_FILE = MODULE.resolve("../keycloak/skyfed-realm.json").normalize();
    private static final Map<String, RenderedManifest> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    static RenderedManifest dev() {
        return render("dev");
    }

    static RenderedManifest prod() {
        return render("prod");
    }

    static RenderedManifest render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> {
            Path dir = MODULE.resolve("overlays").resolve(name);
            return RenderedManifest.parse("overlays/" + name, Kustomize.render(dir));
        }).copy();
    }
}
