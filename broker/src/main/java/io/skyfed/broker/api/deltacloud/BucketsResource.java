package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.Blob;
import io.skyfed.drivers.spi.BlobStore;
import io.skyfed.drivers.spi.Bucket;
import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.DriverSession;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Buckets and their blobs; blob content streams through in both directions. */
@Path("/api/buckets")
public class BucketsResource {

    @Inject
    DeltacloudContext ctx;
    @Inject
    Listings listings;
    @Inject
    Tenancy tenancy;

    @GET
    public Response list() {
        return listings.ok(ctx, "buckets", "bucket", tenancy.visible("buckets", store().buckets(), Bucket::id, false),
                (w, b) -> BucketView.write(w, ctx.links(), b, null));
    }

    @GET
    @Path("{bucket}")
    public Response show(@PathParam("bucket") String bucketId) {
        BlobStore store = store(bucketId);
        Bucket bucket = store.bucket(bucketId);
        List<Blob> blobs = store.blobs(bucketId);
        return Responses.ok(ctx, w -> BucketView.write(w, ctx.links(), bucket, blobs));
    }

    /** {@code name}, and {@code bucket_location} where the driver supports it. */
    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public Response create(String body) {
        RequestParams params = ctx.params(body);
        Bucket bucket = store().createBucket(params.required("name"), params.optional("bucket_location"));
        tenancy.claim("buckets", bucket.id());
        return Responses.created(ctx, ctx.links().member("buckets", bucket.id()),
                w -> BucketView.write(w, ctx.links(), bucket, List.of()));
    }

    @DELETE
    @Path("{bucket}")
    public Response delete(@PathParam("bucket") String bucketId) {
        store(bucketId).deleteBucket(bucketId);
        tenancy.release("buckets", bucketId);
        return Responses.noContent();
    }

    /** A browser-style upload: {@code blob_id}, {@code blob_data}, {@code meta_params=n}, {@code meta_name1..n/meta_value1..n}. */
    @POST
    @Path("{bucket}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("bucket") String bucketId, MultipartFormDataInput form) throws IOException {
        Map<String, Collection<FormValue>> fields = form.getValues();
        String blobId = text(fields, "blob_id");
        if (blobId == null) {
            throw DeltacloudException.badRequest("blob_id", "parameter 'blob_id' is required");
        }
        FormValue data = first(fields, "blob_data");
        if (data == null || !data.isFileItem()) {
            throw DeltacloudException.badRequest("blob_data", "parameter 'blob_data' must be a file");
        }
        Map<String, String> metadata = new TreeMap<>();
        String count = text(fields, "meta_params");
        int n = count == null ? 0 : RequestParams.of(Map.of("meta_params", count)).requiredInt("meta_params");
        if (n < 0 || n > 64) {
            throw DeltacloudException.badRequest("meta_params", "meta_params must be between 0 and 64");
        }
        for (int i = 1; i <= n; i++) {
            String name = text(fields, "meta_name" + i);
            if (name == null) {
                throw DeltacloudException.badRequest("meta_name" + i, "parameter 'meta_name" + i + "' is required");
            }
            String value = text(fields, "meta_value" + i);
            BlobMetadataHeaders.put(metadata, name, value == null ? "" : value);
        }
        String contentType = data.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        Blob blob;
        try (InputStream in = Files.newInputStream(data.getFileItem().getFile())) {
            blob = store(bucketId).putBlob(bucketId, blobId, contentType, metadata, in, data.getFileItem().getFileSize());
        }
        return Responses.created(ctx, BlobView.href(ctx.links(), bucketId, blob.id()), w -> BlobView.write(w, ctx.links(), blob));
    }

    @GET
    @Path("{bucket}/{blob}")
    public Response blob(@PathParam("bucket") String bucketId, @PathParam("blob") String blobId) {
        Blob blob = store(bucketId).blob(bucketId, blobId);
        return Responses.ok(ctx, w -> BlobView.write(w, ctx.links(), blob));
    }

    @HEAD
    @Path("{bucket}/{blob}")
    public Response metadata(@PathParam("bucket") String bucketId, @PathParam("blob") String blobId) {
        Blob blob = store(bucketId).blob(bucketId, blobId);
        return BlobMetadataHeaders.write(Response.noContent(), blob.userMetadata()).build();
    }

    /** Uploads the request body as the blob, streaming; metadata comes from X-Deltacloud-Blobmeta-* headers. */
    @PUT
    @Path("{bucket}/{blob}")
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("bucket") String bucketId, @PathParam("blob") String blobId, InputStream content) {
        Map<String, String> metadata = BlobMetadataHeaders.read(ctx.httpRequest().headers());
        String length = ctx.header(HttpHeaders.CONTENT_LENGTH);
        long contentLength = length == null ? -1 : RequestParams.of(Map.of("Content-Length", length)).requiredInt("Content-Length");
        Blob blob = store(bucketId).putBlob(bucketId, blobId, ctx.header(HttpHeaders.CONTENT_TYPE), metadata, content, contentLength);
        return Responses.ok(ctx, w -> BlobView.write(w, ctx.links(), blob));
    }

    /** Replaces the blob's metadata with the request's X-Deltacloud-Blobmeta-* headers, echoed back. */
    @POST
    @Path("{bucket}/{blob}")
    @Consumes(MediaType.WILDCARD)
    public Response updateMetadata(@PathParam("bucket") String bucketId, @PathParam("blob") String blobId) {
        Map<String, String> metadata = BlobMetadataHeaders.read(ctx.httpRequest().headers());
        Blob blob = store(bucketId).updateMetadata(bucketId, blobId, metadata);
        return BlobMetadataHeaders.write(Response.noContent(), blob.userMetadata()).build();
    }

    @DELETE
    @Path("{bucket}/{blob}")
    public Response deleteBlob(@PathParam("bucket") String bucketId, @PathParam("blob") String blobId) {
        store(bucketId).deleteBlob(bucketId, blobId);
        return Responses.noContent();
    }

    @GET
    @Path("{bucket}/{blob}/content")
    public Response content(@PathParam("bucket") String bucketId, @PathParam("blob") String blobId) {
        BlobStore store = store(bucketId);
        Blob blob = store.blob(bucketId, blobId);
        InputStream in = store.openBlob(bucketId, blobId);
        StreamingOutput body = out -> {
            try (in) {
                in.transferTo(out);
            }
        };
        return Response.ok(body).header(HttpHeaders.CONTENT_TYPE, blob.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, blob.contentLength())
                .header("Content-Disposition", "attachment; filename=\"" + blob.id().replaceAll("[\"\\\\\\r\\n]", "_") + "\"")
                .build();
    }

    /** The blob store, once the bucket is known to be the caller's: its blobs are as private as it is. */
    private BlobStore store(String bucketId) {
        BlobStore store = store();
        tenancy.require("buckets", bucketId);
        return store;
    }

    private BlobStore store() {
        return ctx.service(CollectionKind.BUCKETS, DriverSession::blobStore);
    }

    private static FormValue first(Map<String, Collection<FormValue>> fields, String name) {
        Collection<FormValue> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.iterator().next();
    }

    private static String text(Map<String, Collection<FormValue>> fields, String name) {
        FormValue field = first(fields, name);
        if (field == null || field.isFileItem()) {
            return null;
        }
        String value = field.getValue();
        return value == null || value.isBlank() ? null : value;
    }
}
