package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageSnapshotService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

@Path("/api/storage_snapshots")
public class StorageSnapshotsResource {

    @Inject
    DeltacloudContext ctx;
    @Inject
    Listings listings;
    @Inject
    Tenancy tenancy;

    @GET
    public Response list() {
        return listings.ok(ctx, "storage_snapshots", "storage_snapshot", tenancy.visible("storage_snapshots", snapshots().list(), StorageSnapshot::id, false),
                (w, s) -> StorageSnapshotView.write(w, ctx.links(), s));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        StorageSnapshotService snapshots = snapshots();
        tenancy.require("storage_snapshots", id);
        StorageSnapshot snapshot = snapshots.get(id);
        return Responses.ok(ctx, w -> StorageSnapshotView.write(w, ctx.links(), snapshot));
    }

    /** {@code volume_id}, optional {@code name} and {@code description}. */
    @POST
    public Response create(String body) {
        RequestParams params = ctx.params(body);
        StorageSnapshotService snapshots = snapshots();
        tenancy.require("storage_volumes", params.required("volume_id"));
        StorageSnapshot snapshot = snapshots.create(params.required("volume_id"), params.optional("name"),
                params.optional("description"));
        tenancy.claim("storage_snapshots", snapshot.id());
        return Responses.created(ctx, ctx.links().member("storage_snapshots", snapshot.id()),
                w -> StorageSnapshotView.write(w, ctx.links(), snapshot));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        StorageSnapshotService snapshots = snapshots();
        tenancy.require("storage_snapshots", id);
        snapshots.delete(id);
        tenancy.release("storage_snapshots", id);
        return Responses.noContent();
    }

    private StorageSnapshotService snapshots() {
        return ctx.service(CollectionKind.STORAGE_SNAPSHOTS, DriverSession::storageSnapshots);
    }
}
