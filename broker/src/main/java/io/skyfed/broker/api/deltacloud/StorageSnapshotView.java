package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.StorageSnapshot;

final class StorageSnapshotView {

    private StorageSnapshotView() {
    }

    static void write(DocWriter w, Links links, StorageSnapshot s) {
        w.startObject("storage_snapshot");
        w.attribute("href", links.member("storage_snapshots", s.id()));
        w.attribute("id", s.id());
        w.element("name", s.name());
        w.optionalElement("description", s.description());
        w.optionalElement("created", s.createdAt());
        w.element("state", s.state());
        w.reference("storage_volume", "href", links.member("storage_volumes", s.volumeId()), "id", s.volumeId());
        ActionLink.writeAll(w, new ActionLink("destroy", "delete", links.member("storage_snapshots", s.id())));
        w.end();
    }
}
