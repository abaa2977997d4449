package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

@Path("/api/storage_volumes")
public class StorageVolumesResource {

    @Inject
    DeltacloudContext ctx;
    @Inject
    Listings listings;
    @Inject
    Tenancy tenancy;

    @GET
    public Response list() {
        return listings.ok(ctx, "storage_volumes", "storage_volume", tenancy.visible("storage_volumes", volumes().list(), StorageVolume::id, false),
                (w, v) -> StorageVolumeView.write(w, ctx.links(), v));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        StorageVolumeService volumes = volumes();
        tenancy.require("storage_volumes", id);
        StorageVolume volume = volumes.get(id);
        return Responses.ok(ctx, w -> StorageVolumeView.write(w, ctx.links(), volume));
    }

    /** {@code capacity} (GB), {@code realm_id}, {@code snapshot_id}, {@code name}, {@code description}; all optional. */
    @POST
    public Response create(String body) {
        RequestParams params = ctx.params(body);
        Integer capacity = params.optionalInt("capacity");
        if (capacity != null && capacity <= 0) {
            throw DeltacloudException.badRequest("capacity", "capacity must be a positive number of GB");
        }
        StorageVolumeService volumes = volumes();
        tenancy.require("storage_snapshots", params.optional("snapshot_id"));
        StorageVolume volume = volumes.create(new StorageVolumeSpec(params.optional("name"),
                capacity == null ? null : capacity.longValue(), params.optional("realm_id"),
                params.optional("snapshot_id"), params.optional("description")));
        tenancy.claim("storage_volumes", volume.id());
        return Responses.created(ctx, ctx.links().member("storage_volumes", volume.id()),
                w -> StorageVolumeView.write(w, ctx.links(), volume));
    }

    /** {@code instance_id}, and {@code device} (driver's choice when absent). */
    @POST
    @Path("{id}/attach")
    public Response attach(@PathParam("id") String id, String body) {
        RequestParams params = ctx.params(body);
        StorageVolumeService volumes = volumes();
        tenancy.require("storage_volumes", id);
        tenancy.require("instances", params.required("instance_id"));
        StorageVolume volume = volumes.attach(id, params.required("instance_id"), params.optional("device"));
        return Responses.status(ctx, 202, w -> StorageVolumeView.write(w, ctx.links(), volume));
    }

    @POST
    @Path("{id}/detach")
    public Response detach(@PathParam("id") String id) {
        StorageVolumeService volumes = volumes();
        tenancy.require("storage_volumes", id);
        StorageVolume volume = volumes.detach(id);
        return Responses.status(ctx, 202, w -> StorageVolumeView.write(w, ctx.links(), volume));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        StorageVolumeService volumes = volumes();
        tenancy.require("storage_volumes", id);
        volumes.delete(id);
        tenancy.release("storage_volumes", id);
        return Responses.noContent();
    }

    private StorageVolumeService volumes() {
        return ctx.service(CollectionKind.STORAGE_VOLUMES, DriverSession::storageVolumes);
    }
}
