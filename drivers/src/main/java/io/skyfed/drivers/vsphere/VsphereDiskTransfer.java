package io.skyfed.drivers.vsphere;

import static io.skyfed.drivers.vsphere.VsphereJson.array;
import static io.skyfed.drivers.vsphere.VsphereJson.number;
import static io.skyfed.drivers.vsphere.VsphereJson.object;
import static io.skyfed.drivers.vsphere.VsphereJson.optionalString;
import static io.skyfed.drivers.vsphere.VsphereJson.string;

import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverException;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.OperationNotSupportedException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Disks in and out of vCenter through the content library, the only disk transfer the Automation API documents.
 *
 * <p>Export: the stopped VM is captured as an OVF template in the provider's library
 * ({@code POST /api/vcenter/ovf/library-item}), a download session is opened on it, its first VMDK (the boot disk,
 * streamOptimized) is prepared and streamed; closing the export ends the session and deletes the temporary item.
 *
 * <p>Import: a library item of type ovf is created, an update session receives a generated OVF descriptor and the
 * streamOptimized VMDK (pushed to the upload endpoints vCenter hands out), and the session is completed; the item
 * is then an image. Every create carries a {@code Client-Token}, so a retried create returns the first result; on
 * any failure the session is failed and the item deleted, so nothing is left half-made.
 */
final class VsphereDiskTransfer implements DiskTransferService {

    static final String EXPORT_PREFIX = "skyfed-export-";
    private static final String FORMAT = "vmdk";
    private static final System.Logger LOG = System.getLogger(VsphereDiskTransfer.class.getName());

    private final VsphereAccount account;
    private final VsphereSession session;

    VsphereDiskTransfer(VsphereAccount account, VsphereSession session) {
        this.account = account;
        this.session = session;
    }

    @Override
    public Set<String> exportFormats() {
        return Set.of(FORMAT);
    }

    @Override
    public Set<String> importFormats() {
        return Set.of(FORMAT);
    }

    private String library() {
        return account.settings.library().orElseThrow(() -> new OperationNotSupportedException(
                "disk transfer needs the provider setting 'library' (the content library to stage disks in)"));
    }

    // ---- export -------------------------------------------------------------------------------------------

    @Override
    public DiskExport exportDisk(String instanceId, String format) {
        if (!FORMAT.equals(format)) {
            throw new InvalidArgumentException("format", "vSphere exports " + FORMAT + ", not " + format);
        }
        String library = library();
        if (session.instance(instanceId).state() != InstanceState.STOPPED) {
            throw new InvalidStateException("instance " + instanceId + " must be stopped to export its disk");
        }
        String token = UUID.randomUUID().toString();
        JsonObject capture = new JsonObject();
        capture.add("source", fields("type", "VirtualMachine", "id", instanceId));
        capture.add("target", fields("library_id", library));
        capture.add("create_spec", fields("name", EXPORT_PREFIX + instanceId + "-" + token.substring(0, 8),
                "description", "temporary export of " + instanceId + " by Skyfed"));
        JsonObject result = object(account.read("capture VM as OVF", "instance", instanceId, "POST",
                "/api/vcenter/ovf/library-item", capture, token));
        if (!result.has("succeeded") || !result.get("succeeded").getAsBoolean()) {
            throw new InvalidStateException("vCenter could not capture " + instanceId + " as OVF: " + result.get("error"));
        }
        String item = string(result, "ovf_library_item_id");
        String download = null;
        try {
            download = account.read("open download session", "image", item, "POST",
                    "/api/content/library/item/download-session", fields("library_item_id", item),
                    UUID.randomUUID().toString()).getAsString();
            String files = "/api/content/library/item/download-session/" + download + "/file";
            String disk = array(account.get("list export files", "image", item, files)).asList().stream()
                    .map(f -> string(f, "name")).filter(n -> n.endsWith(".vmdk")).min(Comparator.naturalOrder())
                    .orElseThrow(() -> new ProviderUnavailableException("vCenter's OVF of " + instanceId
                            + " has no disk", null));
            account.read("prepare disk download", "image", item, "POST", files + "?action=prepare",
                    fields("file_name", disk, "endpoint_type", "HTTPS"));
            JsonObject prepared = await("disk download to be prepared", () -> object(account.get(
                    "read download file", "image", item, files + "?file_name=" + VsphereJson.query(disk))),
                    f -> string(f, "status"), "PREPARED", "ERROR");
            URI endpoint = URI.create(string(prepared.get("download_endpoint"), "uri"));
            InputStream body = new BufferedInputStream(account.download("download disk", endpoint), 64 * 1024);
            long virtualSize = VmdkHeader.peek(body).map(VmdkHeader::capacityBytes).orElse(-1L);
            String session = download;
            return new DiskExport(FORMAT, virtualSize, prepared.has("size") ? number(prepared, "size") : -1,
                    new FilterInputStream(body) {
                        @Override
                        public void close() throws IOException {
                            try {
                                super.close();
                            } finally {
                                cleanUpExport(session, item);
                            }
                        }
                    });
        } catch (IOException e) {
            cleanUpExport(download, item);
            throw new ProviderUnavailableException("reading the exported disk of " + instanceId + " failed", e);
        } catch (RuntimeException e) {
            cleanUpExport(download, item);
            throw e;
        }
    }

    private void cleanUpExport(String download, String item) {
        if (download != null) {
            quietly("end download session", "/api/content/library/item/download-session/" + download);
        }
        quietly("delete exported OVF", "/api/content/library/item/" + item);
    }

    // ---- import -------------------------------------------------------------------------------------------

    @Override
    public Image importDisk(DiskImportSpec spec, InputStream content) {
        if (!FORMAT.equals(spec.format())) {
            throw new InvalidArgumentException("format", "vCenter imports streamOptimized " + FORMAT + ", not "
                    + spec.format());
        }
        if (spec.name().isBlank() || spec.name().length() > 80 || spec.name().startsWith(EXPORT_PREFIX)) {
            throw new InvalidArgumentException("name", "an image name is 1 to 80 characters and does not start with "
                    + EXPORT_PREFIX);
        }
        String library = library();
        InputStream in = new BufferedInputStream(content, 64 * 1024);
        VmdkHeader header;
        try {
            header = VmdkHeader.peek(in).filter(VmdkHeader::streamOptimized).orElseThrow(() ->
                    new InvalidArgumentException("format", "the disk is not a streamOptimized VMDK"));
        } catch (IOException e) {
            throw new InvalidArgumentException("content", "the disk could not be read: " + e.getMessage());
        }
        long capacity = spec.virtualSize() > 0 ? spec.virtualSize() : header.capacityBytes();
        JsonObject model = fields("library_id", library, "name", spec.name(), "type", "ovf");
        model.addProperty("description", "imported by Skyfed");
        String item = account.read("create library item", "image", spec.name(), "POST",
                "/api/content/library/item", model, UUID.randomUUID().toString()).getAsString();
        try {
            upload(item, spec, capacity, in);
        } catch (RuntimeException e) {
            quietly("delete failed import", "/api/content/library/item/" + item);
            throw e;
        }
        return session.image(item);
    }

    private void upload(String item, DiskImportSpec spec, long capacity, InputStream disk) {
        String update = account.read("open update session", "image", item, "POST",
                "/api/content/library/item/update-session", fields("library_item_id", item),
                UUID.randomUUID().toString()).getAsString();
        String base = "/api/content/library/item/update-session/" + update;
        try {
            byte[] descriptor = VsphereOvf.descriptor(spec.name(), capacity).getBytes(StandardCharsets.UTF_8);
            push(base, VsphereOvf.DESCRIPTOR_FILE, new ByteArrayInputStream(descriptor), descriptor.length);
            push(base, VsphereOvf.DISK_FILE, disk, spec.contentLength());
            account.write("complete update session", "image", item, "POST", base + "?action=complete", null);
            await("update session to complete", () -> object(account.get("read update session", "image", item, base)),
                    s -> string(s, "state"), "DONE", "ERROR");
        } catch (RuntimeException e) {
            quietlyPost("fail update session", base + "?action=fail");
            throw e;
        }
        quietly("end update session", base);
    }

    private void push(String base, String name, InputStream content, long length) {
        JsonObject add = fields("name", name, "source_type", "PUSH");
        if (length >= 0) {
            add.addProperty("size", length);
        }
        JsonObject file = object(account.write("add " + name + " to update session", "image", name, "POST",
                base + "/file", add));
        account.upload("upload " + name, URI.create(string(file.get("upload_endpoint"), "uri")), content, length);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Polls a state until it is {@code done}, failing on {@code failed} or after the prepare timeout. */
    private JsonObject await(String what, java.util.function.Supplier<JsonObject> read,
                             java.util.function.Function<JsonObject, String> state, String done, String failed) {
        Instant deadline = Instant.now().plus(account.settings.prepareTimeout());
        long pause = TimeUnit.MILLISECONDS.toNanos(50);
        while (true) {
            JsonObject current = read.get();
            String s = state.apply(current);
            if (done.equals(s)) {
                return current;
            }
            if (failed.equals(s)) {
                throw new ProviderUnavailableException("vCenter failed waiting for the " + what + ": "
                        + optionalString(current, "error_message"), null);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ProviderUnavailableException("timed out waiting for the " + what, true, null);
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.SECONDS.toNanos(2));
        }
    }

    /** Removes what a failed or finished transfer leaves; a failure here is logged, never hides the first one. */
    private void quietly(String operation, String path) {
        try {
            account.read(operation, "image", null, "DELETE", path, null);
        } catch (NotFoundException gone) {
            // Already gone.
        } catch (DriverException e) {
            LOG.log(System.Logger.Level.WARNING, "vsphere " + account.providerId + ": " + operation + " failed: "
                    + e.getMessage());
        }
    }

    private void quietlyPost(String operation, String path) {
        try {
            account.write(operation, "image", null, "POST", path, null);
        } catch (DriverException e) {
            LOG.log(System.Logger.Level.WARNING, "vsphere " + account.providerId + ": " + operation + " failed: "
                    + e.getMessage());
        }
    }

    private static JsonObject fields(String... pairs) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < pairs.length; i += 2) {
            o.addProperty(pairs[i], pairs[i + 1]);
        }
        return o;
    }
}
