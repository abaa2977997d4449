package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.ImageService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.util.List;

@Path("/api/images")
public class ImagesResource {

    @Inject
    DeltacloudContext ctx;
    @Inject
    Listings listings;
    @Inject
    Tenancy tenancy;

    @GET
    public Response list(@QueryParam("owner_id") String ownerId, @QueryParam("architecture") String architecture) {
        DriverSession session = ctx.session(CollectionKind.IMAGES);
        String owner = "self".equals(ownerId) ? ctx.credentials().orElseThrow().user() : blankToNull(ownerId);
        List<Image> images = tenancy.visible("images",
                session.images(new ImageFilter(owner, blankToNull(architecture))), Image::id, true);
        boolean deletable = session.imageService().isPresent();
        return listings.ok(ctx, "images", "image", images,
                (w, i) -> ImageView.write(w, ctx.links(), i, deletable));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id) {
        DriverSession session = ctx.session(CollectionKind.IMAGES);
        tenancy.require("images", id, true);
        Image image = session.image(id);
        boolean deletable = session.imageService().isPresent();
        return Responses.ok(ctx, w -> ImageView.write(w, ctx.links(), image, deletable));
    }

    /** Captures an instance: {@code instance_id}, optional {@code name} and {@code description}. */
    @POST
    public Response create(String body) {
        RequestParams params = ctx.params(body);
        String instanceId = params.required("instance_id");
        ImageService images = images();
        tenancy.require("instances", instanceId);
        Image image = images.createFromInstance(instanceId, params.optional("name"), params.optional("description"));
        tenancy.claim("images", image.id());
        return Responses.created(ctx, ctx.links().member("images", image.id()),
                w -> ImageView.write(w, ctx.links(), image, true));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        ImageService images = images();
        tenancy.require("images", id);
        images.delete(id);
        tenancy.release("images", id);
        return Responses.noContent();
    }

    private ImageService images() {
        return ctx.session(CollectionKind.IMAGES).imageService().orElseThrow(() ->
                DeltacloudException.methodNotAllowed("driver " + ctx.driver().id() + " cannot create or delete images"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
