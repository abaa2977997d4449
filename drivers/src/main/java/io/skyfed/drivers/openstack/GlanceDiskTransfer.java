package io.skyfed.drivers.openstack;

import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverException;
import io.skyfed.drivers.spi.HardwareProperty;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Disks in and out through Glance (Image API v2). Import: create the image record, stream the disk into
 * {@code /file}, and delete the record again if the upload fails, so nothing is left half-made; the upload is one
 * attempt, since a consumed stream cannot be replayed. Export: snapshot the stopped server into an image (Nova's
 * {@code createImage} action, retried after looking its unique name up in Glance), wait for Glance to mark it active, stream {@code /file}, and delete the image when
 * the caller closes the stream. Glance hands out what the compute back end stored (qcow2 with file-backed disks,
 * raw with Ceph); it does not convert, so a request for the other format fails and removes the snapshot.
 */
final class GlanceDiskTransfer implements DiskTransferService {

    /** image-converter's format names and Glance's disk_format for them. */
    private static final Map<String, String> DISK_FORMATS = Map.of("raw", "raw", "qcow2", "qcow2", "vmdk", "vmdk",
            "vpc", "vhd", "vhdx", "vhdx", "vdi", "vdi");
    private static final List<String> EXPORT_FORMATS = List.of("qcow2", "raw");
    private static final System.Logger LOG = System.getLogger(GlanceDiskTransfer.class.getName());

    private final OpenStackAccount account;
    private final OpenStackSession session;
    private final OpenStackRest rest;

    GlanceDiskTransfer(OpenStackAccount account, OpenStackSession session) {
        this.account = account;
        this.session = session;
        this.rest = new OpenStackRest(account);
    }

    @Override
    public Set<String> exportFormats() {
        return new LinkedHashSet<>(EXPORT_FORMATS);
    }

    @Override
    public Set<String> importFormats() {
        return DISK_FORMATS.keySet();
    }

    // ---- export ----------------------------------------------------------------------------------------------

    @Override
    public DiskExport exportDisk(String instanceId, String format) {
        if (!EXPORT_FORMATS.contains(format)) {
            throw new InvalidArgumentException("format", "Glance exports " + EXPORT_FORMATS + ", not " + format);
        }
        Instance instance = session.instance(instanceId);
        if (instance.state() != InstanceState.STOPPED) {
            throw new InvalidStateException("instance " + instanceId + " is " + instance.state().apiName()
                    + ": only a stopped instance's disk can be exported");
        }
        JsonObject createImage = new JsonObject();
        JsonObject spec = new JsonObject();
        String name = "skyfed-export-" + UUID.randomUUID();
        spec.addProperty("name", name);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("skyfed-export", instanceId);
        spec.add("metadata", metadata);
        createImage.add("createImage", spec);
        // Nova has no idempotency token for createImage: the image's name is unique, and a retry first looks for it
        // in Glance, so a lost answer never leads to a second snapshot.
        String imageId = rest.withLookUp("snapshot server", OpenStackRest.about("instance", instanceId),
                () -> imageNamed(name), () -> {
            HttpResponse<String> answer = rest.exchange("compute", "POST", "/servers/" + instanceId + "/action",
                    "application/json", HttpRequest.BodyPublishers.ofString(createImage.toString()),
                    HttpResponse.BodyHandlers.ofString());
            // Microversion 2.45 and later answer with a body; earlier ones only with the image's Location.
            String body = answer.body();
            if (body != null && body.contains("image_id")) {
                return com.google.gson.JsonParser.parseString(body).getAsJsonObject().get("image_id").getAsString();
            }
            String location = answer.headers().firstValue("Location").orElseThrow(() ->
                    new io.skyfed.drivers.resilience.RemoteProtocolException("createImage answered without the "
                            + "image's id", null));
            return location.substring(location.lastIndexOf('/') + 1);
        });
        try {
            JsonObject image = awaitActive(imageId);
            String stored = image.get("disk_format").getAsString();
            if (!stored.equals(format)) {
                throw new InvalidArgumentException("format", "this cloud stores server snapshots as " + stored
                        + ", not " + format);
            }
            long size = image.has("size") && !image.get("size").isJsonNull() ? image.get("size").getAsLong() : -1;
            long virtualSize = image.has("virtual_size") && !image.get("virtual_size").isJsonNull()
                    ? image.get("virtual_size").getAsLong() : flavorDiskBytes(instance, size);
            InputStream content = rest.guarded("download image data", true, OpenStackRest.about("image", imageId),
                    () -> rest.exchange("image", "GET", "/v2/images/" + imageId + "/file", null,
                            HttpRequest.BodyPublishers.noBody(), HttpResponse.BodyHandlers.ofInputStream()).body());
            return new DiskExport(format, virtualSize, size, new FilterInputStream(content) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        deleteQuietly(imageId);
                    }
                }
            });
        } catch (RuntimeException e) {
            deleteQuietly(imageId);
            throw e;
        }
    }

    /**
     * Glance computes virtual_size only on some back ends; without it the boot disk is as large as the flavour's
     * root disk, the size Nova gave it (the file size would understate a qcow2).
     */
    private long flavorDiskBytes(Instance instance, long fileSize) {
        return session.hardwareProfile(instance.profile().hardwareProfileId()).property(HardwareProperty.STORAGE)
                .map(p -> (long) (Double.parseDouble(p.value()) * (1L << 30)))
                .filter(bytes -> bytes > 0).orElse(fileSize);
    }

    private JsonObject awaitActive(String imageId) {
        Instant deadline = Instant.now().plus(account.settings.diskTaskLimit());
        while (true) {
            JsonObject image = rest.read("look at snapshot", "image", "GET", "/v2/images/" + imageId, null,
                    OpenStackRest.about("image", imageId), j -> j);
            String status = image.get("status").getAsString();
            if ("active".equals(status)) {
                return image;
            }
            if (!"queued".equals(status) && !"saving".equals(status) && !"importing".equals(status)) {
                throw new ProviderUnavailableException("the server snapshot " + imageId + " ended " + status, null);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ProviderUnavailableException("the server snapshot " + imageId + " was not ready within "
                        + account.settings.diskTaskLimit(), true, null);
            }
            try {
                Thread.sleep(account.settings.diskPoll().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderUnavailableException("interrupted while waiting for a server snapshot", e);
            }
        }
    }

    /** The Glance image of this name, if there is one (a createImage whose answer was lost made it). */
    private Optional<String> imageNamed(String name) throws Exception {
        JsonObject found = rest.unguardedGet("image", "/v2/images?name=" + name);
        for (var image : found.getAsJsonArray("images")) {
            if (name.equals(image.getAsJsonObject().get("name").getAsString())) {
                return Optional.of(image.getAsJsonObject().get("id").getAsString());
            }
        }
        return Optional.empty();
    }

    // ---- import ----------------------------------------------------------------------------------------------

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
        String id = rest.write("create Glance image", "image", "POST", "/v2/images", record,
                OpenStackRest.about("image", null), j -> j.get("id").getAsString());
        try {
            rest.transfer("upload image data", OpenStackRest.about("image", id), () -> {
                HttpRequest.BodyPublisher body = spec.contentLength() >= 0
                        ? HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> content), spec.contentLength())
                        : HttpRequest.BodyPublishers.ofInputStream(() -> content);
                return rest.exchange("image", "PUT", "/v2/images/" + id + "/file", "application/octet-stream", body,
                        HttpResponse.BodyHandlers.ofString(), account.settings.transferTimeout());
            });
        } catch (RuntimeException uploadFailed) {
            deleteQuietly(id);
            throw uploadFailed;
        }
        return session.image(id);
    }

    /** Removing our own leftover image must not hide the outcome of the call; a failure to do so is logged. */
    private void deleteQuietly(String imageId) {
        try {
            rest.read("delete image", "image", "DELETE", "/v2/images/" + imageId, null,
                    OpenStackRest.about("image", imageId), j -> null);
        } catch (DriverException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete image " + imageId + " of provider "
                    + account.providerId + ": " + e.getMessage());
        }
    }
}
