package io.skyfed.drivers.ec2;

import io.skyfed.drivers.spi.BlobStore;
import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverException;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.OperationNotSupportedException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jclouds.ec2.domain.BlockDevice;
import org.jclouds.ec2.domain.RunningInstance;
import org.w3c.dom.Element;

/**
 * Disks in and out of EC2 through VM Import/Export, which reads and writes only S3: an import uploads the disk to
 * the provider's {@code disk-bucket}, starts {@code ImportImage} on the object, waits for the task and deletes the
 * object; an export runs {@code CreateInstanceExportTask} into the bucket, waits, and streams the object, deleting
 * it when the caller closes the stream. jclouds 2.7.0 has none of these actions, so they go through
 * {@link Ec2Query}. AWS converts what it imports, but only from the formats it documents.
 */
final class Ec2DiskTransfer implements DiskTransferService {

    /** image-converter's names and VM Import's; AWS reads VMDK only stream-optimized (ESX) and VHD fixed or dynamic. */
    private static final Map<String, String> IMPORT_FORMATS = Map.of("vmdk", "VMDK", "vpc", "VHD", "vhdx", "VHDX",
            "raw", "RAW");
    /** What CreateInstanceExportTask writes, in order of preference (VMDK is compressed, RAW is not). */
    private static final Map<String, String> EXPORT_FORMATS = new LinkedHashMap<>();

    static {
        EXPORT_FORMATS.put("vmdk", "VMDK");
        EXPORT_FORMATS.put("vpc", "VHD");
        EXPORT_FORMATS.put("raw", "RAW");
    }

    private static final long GIB = 1L << 30;
    private static final System.Logger LOG = System.getLogger(Ec2DiskTransfer.class.getName());

    private final Ec2Account account;
    private final Ec2Session session;
    private final BlobStore s3;
    private final String bucket;

    Ec2DiskTransfer(Ec2Account account, Ec2Session session, BlobStore s3, String bucket) {
        this.account = account;
        this.session = session;
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Set<String> exportFormats() {
        return new LinkedHashSet<>(EXPORT_FORMATS.keySet());
    }

    @Override
    public Set<String> importFormats() {
        return IMPORT_FORMATS.keySet();
    }

    // ---- import ----------------------------------------------------------------------------------------------

    @Override
    public Image importDisk(DiskImportSpec spec, InputStream content) {
        String format = IMPORT_FORMATS.get(spec.format());
        if (format == null) {
            throw new InvalidArgumentException("format", "EC2 imports " + IMPORT_FORMATS.keySet() + ", not "
                    + spec.format());
        }
        if (spec.name().isBlank() || spec.name().length() > 255) {
            throw new InvalidArgumentException("name", "an image name is 1 to 255 characters");
        }
        String architecture = spec.architecture() == null ? null : switch (spec.architecture()) {
            case "x86_64", "i386", "arm64" -> spec.architecture();
            default -> throw new InvalidArgumentException("architecture", "EC2 imports x86_64, i386 or arm64, not "
                    + spec.architecture());
        };
        String key = "skyfed-import/" + UUID.randomUUID() + "." + spec.format();
        s3.putBlob(bucket, key, "application/octet-stream", Map.of(), content, spec.contentLength());
        try {
            Map<String, String> request = new LinkedHashMap<>();
            // The token makes ImportImage idempotent: a retry after a lost answer returns the first task.
            request.put("ClientToken", UUID.randomUUID().toString());
            request.put("Description", spec.name());
            request.put("DiskContainer.1.Format", format);
            request.put("DiskContainer.1.UserBucket.S3Bucket", bucket);
            request.put("DiskContainer.1.UserBucket.S3Key", key);
            if (architecture != null) {
                request.put("Architecture", architecture);
            }
            String taskId = Ec2Query.text(query("ImportImage", "image", null, request), "importTaskId");
            return session.image(awaitImport(taskId));
        } finally {
            deleteQuietly(key);
        }
    }

    private String awaitImport(String taskId) {
        Instant deadline = Instant.now().plus(account.settings.diskTaskLimit());
        while (true) {
            Element task = query("DescribeImportImageTasks", "image", taskId, Map.of("ImportTaskId.1", taskId));
            String status = Ec2Query.text(task, "status");
            if ("completed".equals(status)) {
                return Ec2Query.text(task, "imageId");
            }
            if ("deleted".equals(status) || "deleting".equals(status)) {
                // AWS ends a task this way when it cannot use the disk (no OS found, unsupported layout, ...).
                throw new InvalidArgumentException("content", "EC2 refused the disk (import task " + taskId + "): "
                        + Ec2Query.text(task, "statusMessage"));
            }
            if (Instant.now().isAfter(deadline)) {
                query("CancelImportTask", "image", taskId, Map.of("ImportTaskId", taskId));
                throw new ProviderUnavailableException("EC2 import task " + taskId + " did not finish within "
                        + account.settings.diskTaskLimit() + "; cancelled", true, null);
            }
            pause();
        }
    }

    // ---- export ----------------------------------------------------------------------------------------------

    @Override
    public DiskExport exportDisk(String instanceId, String format) {
        String diskFormat = EXPORT_FORMATS.get(format);
        if (diskFormat == null) {
            throw new InvalidArgumentException("format", "EC2 exports " + EXPORT_FORMATS.keySet() + ", not " + format);
        }
        Instance instance = session.instance(instanceId);
        if (instance.state() != InstanceState.STOPPED) {
            throw new InvalidStateException("instance " + instanceId + " is " + instance.state().apiName()
                    + ": only a stopped instance's disk can be exported");
        }
        long virtualSize = rootVolumeGiB(instanceId) * GIB;
        Map<String, String> request = new LinkedHashMap<>();
        request.put("InstanceId", instanceId);
        request.put("TargetEnvironment", "vpc".equals(format) ? "microsoft" : "vmware");
        request.put("ExportToS3.DiskImageFormat", diskFormat);
        request.put("ExportToS3.S3Bucket", bucket);
        request.put("ExportToS3.S3Prefix", "skyfed-export/");
        // No idempotency token exists for this action: one attempt, never a second task.
        Element started = once("CreateInstanceExportTask", instanceId, request);
        String taskId = Ec2Query.text(started, "exportTaskId");
        String key = Ec2Query.text(started, "s3Key");
        awaitExport(taskId);
        long length = s3.blob(bucket, key).contentLength();
        InputStream content = s3.openBlob(bucket, key);
        return new DiskExport(format, virtualSize, length, new FilterInputStream(content) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    deleteQuietly(key);
                }
            }
        });
    }

    private long rootVolumeGiB(String instanceId) {
        RunningInstance running = account.read("DescribeInstances", "instance", instanceId, () -> account.api()
                .getInstanceApi().get().describeInstancesInRegion(account.region(), instanceId))
                .iterator().next().iterator().next();
        BlockDevice root = running.getEbsBlockDevices().get(running.getRootDeviceName());
        if (root == null) {
            throw new OperationNotSupportedException("instance " + instanceId + " has no EBS root volume: EC2 "
                    + "exports only EBS-backed instances");
        }
        return session.storageVolumes().orElseThrow().get(root.getVolumeId()).capacityGb();
    }

    private void awaitExport(String taskId) {
        Instant deadline = Instant.now().plus(account.settings.diskTaskLimit());
        while (true) {
            Element task = query("DescribeExportTasks", "instance", null, Map.of("ExportTaskId.1", taskId));
            String state = Ec2Query.text(task, "state");
            if ("completed".equals(state)) {
                return;
            }
            if ("cancelled".equals(state) || "cancelling".equals(state)) {
                throw new InvalidStateException("EC2 export task " + taskId + " was cancelled: "
                        + Ec2Query.text(task, "statusMessage"));
            }
            if (Instant.now().isAfter(deadline)) {
                query("CancelExportTask", "instance", null, Map.of("ExportTaskId", taskId));
                throw new ProviderUnavailableException("EC2 export task " + taskId + " did not finish within "
                        + account.settings.diskTaskLimit() + "; cancelled", true, null);
            }
            pause();
        }
    }

    // ---- plumbing --------------------------------------------------------------------------------------------

    private Element query(String action, String kind, String id, Map<String, String> parameters) {
        return account.read(action, kind, id, () -> account.query().call(action, parameters));
    }

    private Element once(String action, String instanceId, Map<String, String> parameters) {
        return account.write(action, "instance", instanceId, () -> account.query().call(action, parameters));
    }

    private void pause() {
        try {
            Thread.sleep(account.settings.diskPoll().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("interrupted while waiting for an EC2 disk task", e);
        }
    }

    /** The staging object is ours alone; failing to remove it must not hide the outcome, so it is logged. */
    private void deleteQuietly(String key) {
        try {
            s3.deleteBlob(bucket, key);
        } catch (DriverException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete staging object s3://" + bucket + "/" + key
                    + " of provider " + account.providerId + ": " + e.getMessage());
        }
    }
}
