package io.skyfed.drivers.openstack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.skyfed.drivers.resilience.HttpFailures;
import io.skyfed.drivers.resilience.RemoteProtocolException;
import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.resilience.RemoteRequestMapping;
import io.skyfed.drivers.resilience.RemoteTimeoutException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.OperationNotSupportedException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Disk import into Glance (Image API v2): create the image record, stream the disk into {@code /file}, and delete
 * the record again if the upload fails, so nothing is left half-made. jclouds has no Glance API, so this speaks it
 * natively. The upload is one attempt: a consumed stream cannot be replayed.
 */
final class GlanceDiskTransfer implements DiskTransferService {

    /** image-converter's format names and Glance's disk_format for them. */
    private static final Map<String, String> DISK_FORMATS = Map.of("raw", "raw", "qcow2", "qcow2", "vmdk", "vmdk",
            "vpc", "vhd", "vhdx", "vhdx", "vdi", "vdi");

    private final OpenStackAccount account;
    private final OpenStackSession session;

    GlanceDiskTransfer(OpenStackAccount account, OpenStackSession session) {
        this.account = account;
        this.session = session;
    }

    @Override
    public Set<String> exportFormats() {
        return Set.of();
    }

    @Override
    public Set<String> importFormats() {
        return DISK_FORMATS.keySet();
    }

    @Override
    public DiskExport exportDisk(String instanceId, String format) {
        throw new OperationNotSupportedException("the openstack driver cannot export disks yet");
    }

    @Override
    public Image importDisk(DiskImportSpec spec, InputStream content) {
        String diskFormat = DISK_FORMATS.get(spec.format());
        if (diskFormat == null) {
            throw new InvalidArgumentException("format", "Glance takes " + DISK_FORMATS.keySet() + ", not "
                    + spec.format());
        }
        if (spec.name().isBlank() || spec.name().length() > 255) {
            throw new InvalidArgumentException("name", "an image name is 1 to 255 characters");
        }
        JsonObject record = new JsonObject();
        record.addProperty("name", spec.name());
        record.addProperty("disk_format", diskFormat);
        record.addProperty("container_format", "bare");
        record.addProperty("visibility", "private");
        if (spec.architecture() != null) {
            record.addProperty("architecture", spec.architecture());
        }
        String id = call("create Glance image", () -> {
            HttpResponse<String> created = send(glance("/v2/images"), "POST", "application/json",
                    HttpRequest.BodyPublishers.ofString(record.toString(), StandardCharsets.UTF_8));
            return field(created.body(), "id");
        }, false);
        try {
            call("upload image data", () -> {
                HttpRequest.BodyPublisher body = spec.contentLength() >= 0
                        ? HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> content), spec.contentLength())
                        : HttpRequest.BodyPublishers.ofInputStream(() -> content);
                return send(glance("/v2/images/" + id + "/file"), "PUT", "application/octet-stream", body);
            }, false);
        } catch (RuntimeException uploadFailed) {
            call("delete failed image", () -> send(glance("/v2/images/" + id), "DELETE", null,
                    HttpRequest.BodyPublishers.noBody()), true);
            throw uploadFailed;
        }
        return session.image(id);
    }

    private URI glance(String path) throws IOException, InterruptedException {
        URI base = account.keystone().endpoint("image").orElseThrow(() -> new RemoteRequestException(501,
                "the project's catalog has no image service", null));
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }

    private HttpResponse<String> send(URI uri, String method, String contentType, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(account.settings.socketTimeout())
                .header("X-Auth-Token", account.keystone().token().value())
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = account.http().send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() == 401) {
            account.keystone().invalidate();
        }
        if (response.statusCode() >= 400) {
            throw HttpFailures.fromStatus(response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), response.body(), null);
        }
        return response;
    }

    private <T> T call(String operation, Callable<T> call, boolean idempotent) {
        Callable<T> translated = () -> {
            try {
                return call.call();
            } catch (HttpTimeoutException e) {
                throw new RemoteTimeoutException(operation + ": no answer in time", e);
            } catch (IOException e) {
                throw new RemoteUnavailableException(operation + ": " + e, e);
            }
        };
        try {
            return idempotent ? account.guard.idempotent(operation, translated)
                    : account.guard.once(operation, translated);
        } catch (RemoteRequestException e) {
            throw RemoteRequestMapping.toDriverException(e, "image", null);
        }
    }

    private static String field(String json, String name) {
        try {
            return JsonParser.parseString(json).getAsJsonObject().get(name).getAsString();
        } catch (RuntimeException e) {
            throw new RemoteProtocolException("unreadable Glance answer: " + e.getMessage(), e);
        }
    }
}
