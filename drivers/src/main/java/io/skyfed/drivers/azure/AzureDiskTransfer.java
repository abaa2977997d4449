package io.skyfed.drivers.azure;

import com.google.gson.JsonObject;
import io.skyfed.drivers.resilience.HttpFailures;
import io.skyfed.drivers.resilience.RemoteTimeoutException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import io.skyfed.image.Converter;
import io.skyfed.image.DiskImage;
import io.skyfed.image.FormatRegistry;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import io.skyfed.image.file.FileByteSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import org.jclouds.azurecompute.arm.domain.ImageProperties;
import org.jclouds.azurecompute.arm.domain.ManagedDiskParameters;
import org.jclouds.azurecompute.arm.domain.OSDisk;
import org.jclouds.azurecompute.arm.domain.StorageProfile;

/**
 * Disks in and out of Azure as managed disks ("Upload a VHD to Azure", "Download a VHD from Azure"). Import: the
 * disk is converted by image-converter to a fixed VHD whose size is a whole MiB (vpc with {@code azure_align}), an
 * empty managed disk of exactly that size is opened for upload, the VHD is written into it page by page through
 * the write SAS, access is revoked, and a managed image is made of it; a failure deletes the disk. Export: the
 * stopped instance's OS disk is opened with a read SAS and streamed as a fixed VHD; closing the stream revokes
 * access. Disk access grants are not in jclouds, so they are spoken natively.
 */
final class AzureDiskTransfer implements DiskTransferService {

    private static final Set<String> IMPORT_FORMATS = Set.of("raw", "qcow2", "vmdk", "vpc", "vhdx", "vdi");
    private static final long MIB = 1 << 20;
    private static final int ACCESS_SECONDS = 3600;

    private final AzureAccount account;
    private final AzureSession session;
    private final HttpClient http;

    AzureDiskTransfer(AzureAccount account, AzureSession session) {
        this.account = account;
        this.session = session;
        this.http = HttpClient.newBuilder().connectTimeout(account.settings.socketTimeout()).build();
    }

    @Override
    public Set<String> exportFormats() {
        return Set.of("vpc");
    }

    @Override
    public Set<String> importFormats() {
        return IMPORT_FORMATS;
    }

    @Override
    public DiskExport exportDisk(String instanceId, String format) {
        if (!"vpc".equals(format)) {
            throw new InvalidArgumentException("format", "Azure exports managed disks as fixed VHD (vpc), not "
                    + format);
        }
        if (session.instance(instanceId).state() != InstanceState.STOPPED) {
            throw new InvalidStateException("instance " + instanceId + " must be stopped to export its disk");
        }
        JsonObject vm = account.idempotent("GetVirtualMachine", "instance", instanceId, () -> account.arm.get(
                "/resourceGroups/" + account.group() + "/providers/Microsoft.Compute/virtualMachines/" + instanceId,
                AzureVolumeService.VM_API));
        String disk = vm.getAsJsonObject("properties").getAsJsonObject("storageProfile")
                .getAsJsonObject("osDisk").get("name").getAsString();
        String sas = grantAccess(disk, "Read");
        try {
            HttpResponse<InputStream> response = account.idempotent("GetBlob", "storage_volume", disk,
                    () -> download(sas));
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            InputStream content = new FilterInputStream(response.body()) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        endAccess(disk);
                    }
                }
            };
            return new DiskExport("vpc", length < 0 ? -1 : length - 512, length, content);
        } catch (RuntimeException e) {
            endAccess(disk);
            throw e;
        }
    }

    @Override
    public Image importDisk(DiskImportSpec spec, InputStream content) {
        if (!IMPORT_FORMATS.contains(spec.format())) {
            throw new InvalidArgumentException("format", "the azure driver imports " + IMPORT_FORMATS + ", not "
                    + spec.format());
        }
        if (!AzureNames.isResourceName(spec.name())) {
            throw new InvalidArgumentException("name", "'" + spec.name() + "' is not an image name");
        }
        try {
            session.image(spec.name());
            throw new InvalidArgumentException("name", "an image named '" + spec.name() + "' already exists");
        } catch (io.skyfed.drivers.spi.NotFoundException free) {
            // the name is free
        }
        Path spool = null;
        String disk = spec.name() + "-disk";
        try {
            // formats other than raw need random access to read, so the stream is spooled to a temporary file
            spool = Files.createTempFile("skyfed-azure-import", ".img");
            Files.copy(content, spool, StandardCopyOption.REPLACE_EXISTING);
            FormatRegistry registry = FormatRegistry.load();
            try (FileByteSource source = FileByteSource.open(spool);
                 DiskImage image = registry.require(spec.format()).open(source, OpenOptions.untrusted())) {
                long vhdSize = (image.virtualSize() + MIB - 1) / MIB * MIB + 512;
                createUploadDisk(disk, vhdSize);
                try {
                    String sas = grantAccess(disk, "Write");
                    try (PageBlobWriter pages = new PageBlobWriter(account.guard, http, sas,
                            account.settings.socketTimeout())) {
                        new Converter().convert(image, registry.require("vpc"), new WriteTarget.Stream(pages),
                                new WriteOptions(WriteOptions.parse("subformat=fixed,azure_align=on"), false, 1),
                                (done, total) -> { });
                    } finally {
                        endAccess(disk);
                    }
                    createImage(spec.name(), disk);
                } catch (RuntimeException | IOException e) {
                    deleteDisk(disk);
                    throw e;
                }
            }
        } catch (ImageFormatException e) {
            throw new InvalidArgumentException("content", "not a readable " + spec.format() + " disk: "
                    + e.getMessage());
        } catch (IOException e) {
            throw unwrap(e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // a temporary file left behind is removed with the temporary directory
                }
            }
        }
        return session.image(spec.name());
    }

    /** The guard's failures reach us wrapped in the converter's IOException; anything else is a transport failure. */
    private static RuntimeException unwrap(IOException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
            return runtime;
        }
        return new ProviderUnavailableException("disk transfer failed: " + e.getMessage(), e);
    }

    private void createUploadDisk(String name, long bytes) {
        JsonObject creation = new JsonObject();
        creation.addProperty("createOption", "Upload");
        creation.addProperty("uploadSizeBytes", bytes);
        JsonObject properties = new JsonObject();
        properties.add("creationData", creation);
        properties.addProperty("osType", "Linux");
        JsonObject body = new JsonObject();
        body.addProperty("location", account.settings.location());
        JsonObject sku = new JsonObject();
        sku.addProperty("name", "Standard_LRS");
        body.add("sku", sku);
        body.add("properties", properties);
        account.idempotent("CreateOrUpdateDisk", "storage_volume", name, () -> account.arm.put(
                AzureVolumeService.diskPath(account, name), AzureVolumeService.DISK_API, body));
    }

    private String grantAccess(String disk, String access) {
        JsonObject body = new JsonObject();
        body.addProperty("access", access);
        body.addProperty("durationInSeconds", ACCESS_SECONDS);
        // granting again returns a fresh SAS for the same disk: repeatable
        // the grant is an asynchronous operation: its result (the SAS) comes from polling, within one attempt
        JsonObject granted = account.idempotent("GrantDiskAccess", "storage_volume", disk, () ->
                account.arm.postAndAwait(AzureVolumeService.diskPath(account, disk) + "/beginGetAccess",
                        AzureVolumeService.DISK_API, body, account.settings.socketTimeout()));
        if (!granted.has("accessSAS")) {
            throw new ProviderUnavailableException("Resource Manager granted access to " + disk + " without a SAS",
                    null);
        }
        return granted.get("accessSAS").getAsString();
    }

    private void endAccess(String disk) {
        account.idempotent("RevokeDiskAccess", "storage_volume", disk, () -> account.arm.post(
                AzureVolumeService.diskPath(account, disk) + "/endGetAccess", AzureVolumeService.DISK_API, null));
    }

    private void createImage(String name, String disk) {
        ImageProperties properties = ImageProperties.builder().storageProfile(StorageProfile.create(null,
                OSDisk.builder().osType("Linux").managedDiskParameters(ManagedDiskParameters.create(
                        account.settings.resourceId("Microsoft.Compute/disks", disk), null)).build(),
                List.of())).build();
        account.idempotent("CreateOrUpdateImage", "image", name, () -> account.api()
                .getVirtualMachineImageApi(account.group()).createOrUpdate(name, account.settings.location(),
                        properties));
    }

    private void deleteDisk(String disk) {
        try {
            account.idempotent("DeleteDisk", "storage_volume", disk, () -> {
                account.arm.delete(AzureVolumeService.diskPath(account, disk), AzureVolumeService.DISK_API);
                return null;
            });
        } catch (RuntimeException e) {
            System.getLogger(AzureDiskTransfer.class.getName()).log(System.Logger.Level.WARNING,
                    "could not delete the disk of a failed import, " + disk + ": " + e.getMessage());
        }
    }

    private HttpResponse<InputStream> download(String sas) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sas)).timeout(account.settings.socketTimeout())
                .header("x-ms-version", "2021-08-06").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new RemoteTimeoutException("Get Blob: no answer in time", e);
        } catch (IOException e) {
            throw new RemoteUnavailableException("Get Blob: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteTimeoutException("Get Blob interrupted", e);
        }
        if (response.statusCode() >= 300) {
            try (InputStream body = response.body()) {
                body.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw HttpFailures.fromStatus(response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), "Get Blob", null);
        }
        return response;
    }
}
