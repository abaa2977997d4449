package io.skyfed.drivers.rhevm;

import static io.skyfed.drivers.rhevm.OvirtJson.items;
import static io.skyfed.drivers.rhevm.OvirtJson.link;
import static io.skyfed.drivers.rhevm.OvirtJson.ref;
import static io.skyfed.drivers.rhevm.OvirtJson.required;
import static io.skyfed.drivers.rhevm.OvirtJson.text;

import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverException;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Disk export and import through the engine's image transfers and the image I/O service: the boot disk of a
 * stopped VM is read as qcow2 (as stored) or raw; an imported disk is uploaded into a new disk, which becomes a
 * template (an image) through a temporary VM, the only way the engine makes templates. A failed import removes
 * everything it made.
 */
final class RhevmDiskTransfer implements DiskTransferService {

    /** image-converter's format names and the engine's disk formats. */
    private static final Map<String, String> FORMATS = Map.of("qcow2", "cow", "raw", "raw");

    private final RhevmAccount account;
    private final RhevmSession session;

    RhevmDiskTransfer(RhevmAccount account, RhevmSession session) {
        this.account = account;
        this.session = session;
    }

    @Override
    public Set<String> exportFormats() {
        return FORMATS.keySet();
    }

    @Override
    public Set<String> importFormats() {
        return FORMATS.keySet();
    }

    @Override
    public DiskExport exportDisk(String instanceId, String format) {
        String wire = FORMATS.get(format);
        if (wire == null) {
            throw new InvalidArgumentException("format", "the rhevm driver exports " + FORMATS.keySet() + ", not "
                    + format);
        }
        JsonObject vm = session.vm(instanceId);
        if (!"down".equals(text(vm, "status"))) {
            throw new InvalidStateException("instance " + instanceId + " is " + text(vm, "status")
                    + ": only a stopped instance's disk can be exported");
        }
        List<JsonObject> attachments = items(account.get("list disk attachments", "instance", instanceId,
                "/vms/" + instanceId + "/diskattachments"), "disk_attachment");
        String diskId = attachments.stream().filter(a -> OvirtJson.flag(a, "bootable"))
                .map(a -> Optional.ofNullable(ref(a, "disk")).orElse(text(a, "id"))).findFirst()
                .orElseThrow(() -> new InvalidStateException("instance " + instanceId + " has no boot disk"));
        JsonObject disk = account.get("get disk", "disk", diskId, "/disks/" + diskId);
        if (wire.equals("cow") && !"cow".equals(text(disk, "format"))) {
            throw new InvalidArgumentException("format", "the boot disk of " + instanceId + " is stored raw; "
                    + "export it as raw");
        }
        ImageTransfer transfer = ImageTransfer.open(account, diskId, "download", wire);
        HttpResponse<InputStream> response;
        try {
            response = account.read("download disk", "disk", diskId, c -> c.download(transfer.url));
        } catch (RuntimeException e) {
            transfer.cancel();
            throw e;
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new DiskExport(format, OvirtJson.number(disk, "provisioned_size", -1), length,
                new TransferStream(response.body(), transfer, diskId));
    }

    /** The download: closing it after the last byte finalizes the transfer, closing it early cancels it. */
    private static final class TransferStream extends FilterInputStream {
        private final ImageTransfer transfer;
        private final String diskId;
        private boolean ended;
        private boolean closed;

        TransferStream(InputStream in, ImageTransfer transfer, String diskId) {
            super(in);
            this.transfer = transfer;
            this.diskId = diskId;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            super.close();
            if (!ended) {
                transfer.cancel();
                return;
            }
            try {
                transfer.finish(diskId);
            } catch (DriverException e) {
                throw new IOException("the engine did not complete the download: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public Image importDisk(DiskImportSpec spec, InputStream content) {
        String wire = FORMATS.get(spec.format());
        if (wire == null) {
            throw new InvalidArgumentException("format", "the rhevm driver imports " + FORMATS.keySet() + ", not "
                    + spec.format());
        }
        if (!RhevmSession.NAME.matcher(spec.name()).matches()) {
            throw new InvalidArgumentException("name", "an image name is 1 to 64 letters, digits, '-', '_' or '.'");
        }
        if (spec.virtualSize() <= 0) {
            throw new InvalidArgumentException("virtual_size", "the disk's virtual size must be given");
        }
        if (findTemplate(spec.name()).isPresent()) {
            throw new InvalidArgumentException("name", "an image named '" + spec.name() + "' exists already");
        }
        String realm = session.clusters().stream().map(c -> required(c, "id")).sorted().findFirst()
                .orElseThrow(() -> new InvalidArgumentException("realm_id", "the engine has no cluster"));
        RhevmVolumeService volumes = new RhevmVolumeService(account, session);
        String domain = volumes.dataDomain(realm);

        List<Runnable> undo = new ArrayList<>();
        try {
            String diskName = RhevmSession.temporaryName(spec.name() + "-disk");
            JsonObject disk = new JsonObject();
            disk.addProperty("name", diskName);
            disk.addProperty("format", wire);
            disk.addProperty("sparse", wire.equals("cow"));
            disk.addProperty("provisioned_size", spec.virtualSize());
            if (wire.equals("cow") && spec.contentLength() > 0) {
                disk.addProperty("initial_size", spec.contentLength());
            }
            disk.add("storage_domains", OvirtJson.list("storage_domain", link(domain)));
            String diskId = session.createOnce("disk", diskName,
                    c -> RhevmSession.byName(c, "/disks", "disk", diskName), "/disks", disk);
            undo.add(() -> remove("remove imported disk", "/disks/" + diskId));
            account.await("finish creating", "disk", diskId, "/disks/" + diskId,
                    d -> !"locked".equals(text(d, "status")));

            ImageTransfer transfer = ImageTransfer.open(account, diskId, "upload", wire);
            try {
                account.write("upload disk", "disk", diskId, c -> {
                    c.upload(transfer.url, content, spec.contentLength());
                    return null;
                });
            } catch (RuntimeException e) {
                transfer.cancel();
                throw e;
            }
            transfer.finish(diskId);

            String vmName = RhevmSession.temporaryName("skyfed-import");
            JsonObject vm = new JsonObject();
            vm.addProperty("name", vmName);
            vm.add("cluster", link(realm));
            vm.add("template", link(RhevmSession.BLANK_TEMPLATE));
            String vmId = session.createOnce("vm", vmName, c -> RhevmSession.vmByName(c, vmName), "/vms", vm);
            undo.add(0, () -> remove("remove temporary vm", "/vms/" + vmId));
            account.await("be created", "instance", vmId, "/vms/" + vmId,
                    v -> !"image_locked".equals(text(v, "status")));
            JsonObject attachment = new JsonObject();
            attachment.add("disk", link(diskId));
            attachment.addProperty("interface", "virtio");
            attachment.addProperty("bootable", true);
            attachment.addProperty("active", true);
            account.write("attach imported disk", "disk", diskId,
                    c -> c.post("/vms/" + vmId + "/diskattachments", attachment));

            JsonObject template = new JsonObject();
            template.addProperty("name", spec.name());
            template.add("vm", link(vmId));
            String templateId = session.createOnce("template", spec.name(),
                    c -> RhevmSession.byName(c, "/templates", "template", spec.name()), "/templates", template);
            undo.add(0, () -> remove("remove imported template", "/templates/" + templateId));
            account.await("be created", "image", templateId, "/templates/" + templateId,
                    t -> !"locked".equals(text(t, "status")));
            // The template holds its own copy of the disk; the VM goes, and with it the uploaded disk.
            remove("remove temporary vm", "/vms/" + vmId);
            return session.image(templateId);
        } catch (RuntimeException e) {
            undo.forEach(Runnable::run);
            throw e;
        }
    }

    private Optional<String> findTemplate(String name) {
        return account.read("find template by name", "image", name,
                c -> RhevmSession.byName(c, "/templates", "template", name));
    }

    /** Removes something the import made; idempotent, and quiet when it is gone or the engine is unreachable. */
    private void remove(String operation, String path) {
        try {
            account.read(operation, "disk", null, c -> {
                c.delete(path);
                return null;
            });
        } catch (NotFoundException gone) {
            // Removed already (a VM's removal takes its disks along).
        } catch (DriverException e) {
            // Cleanup is best effort; the original failure is what the caller must see.
        }
    }
}
