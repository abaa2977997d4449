package io.skyfed.drivers.ec2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * VM Import/Export inside {@link Ec2Fake}, with the request parameters and response elements of the EC2 API
 * reference (ImportImage, DescribeImportImageTasks, CancelImportTask, CreateInstanceExportTask, DescribeExportTasks,
 * CancelExportTask). Tasks advance one step per Describe, as real ones advance between looks: an import reads its
 * S3 object when it starts converting and ends {@code completed} with an AMI, or {@code deleted} with a ClientError
 * when the object is missing or empty; an export writes the imported disk back to S3 when it completes. Callers hold
 * the Ec2Fake's lock.
 */
final class Ec2VmImportExport {

    private static final long GIB = 1L << 30;

    record ImportedImage(String id, String description, String architecture, String snapshotId, int sizeGiB,
                         byte[] disk) {
    }

    private static final class ImportTask {
        final String id;
        final String clientToken;
        final String bucket;
        final String key;
        final String description;
        final String architecture;
        String status = "active";
        String statusMessage = "pending";
        int progress = 2;
        String imageId;
        byte[] disk;

        ImportTask(String id, String clientToken, String bucket, String key, String description, String architecture) {
            this.id = id;
            this.clientToken = clientToken;
            this.bucket = bucket;
            this.key = key;
            this.description = description;
            this.architecture = architecture;
        }
    }

    private static final class ExportTask {
        final String id;
        final String instanceId;
        final String format;
        final String bucket;
        final String key;
        final byte[] disk;
        String state = "active";

        ExportTask(String id, String instanceId, String format, String bucket, String key, byte[] disk) {
            this.id = id;
            this.instanceId = instanceId;
            this.format = format;
            this.bucket = bucket;
            this.key = key;
            this.disk = disk;
        }
    }

    private final Map<String, ImportTask> imports = new LinkedHashMap<>();
    private final Map<String, ExportTask> exports = new LinkedHashMap<>();
    private final Map<String, ImportedImage> images = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(0x2000);
    private final AtomicInteger importsStarted = new AtomicInteger();
    private final AtomicInteger exportsStarted = new AtomicInteger();

    /** How many import tasks ImportImage really started (a retry with the same ClientToken starts none). */
    int importsStarted() {
        return importsStarted.get();
    }

    int exportsStarted() {
        return exportsStarted.get();
    }

    synchronized List<String> importStatuses() {
        return imports.values().stream().map(t -> t.status).toList();
    }

    synchronized List<ImportedImage> images() {
        return new ArrayList<>(images.values());
    }

    synchronized ImportedImage image(String id) {
        return images.get(id);
    }

    synchronized String importImage(Map<String, List<String>> form, S3Fake s3) {
        String token = Ec2Fake.first(form, "ClientToken");
        for (ImportTask existing : imports.values()) {
            if (token != null && token.equals(existing.clientToken)) {
                return importXml(existing);
            }
        }
        String format = Ec2Fake.first(form, "DiskContainer.1.Format");
        if (format == null || !List.of("OVA", "VHD", "VHDX", "VMDK", "RAW").contains(format)) {
            throw new Ec2Fake.Ec2Error(400, "InvalidParameter", "Invalid disk container format: " + format);
        }
        String bucket = Ec2Fake.first(form, "DiskContainer.1.UserBucket.S3Bucket");
        String key = Ec2Fake.first(form, "DiskContainer.1.UserBucket.S3Key");
        if (bucket == null || key == null) {
            throw new Ec2Fake.Ec2Error(400, "MissingParameter", "The request must contain the parameter "
                    + "DiskContainer.1.UserBucket");
        }
        String architecture = Ec2Fake.first(form, "Architecture");
        ImportTask task = new ImportTask("import-ami-" + next(), token, bucket, key,
                Ec2Fake.first(form, "Description") == null ? "" : Ec2Fake.first(form, "Description"),
                architecture == null ? "x86_64" : architecture);
        imports.put(task.id, task);
        importsStarted.incrementAndGet();
        // VM Import reads the object once it starts, not later: deleting it after the task completed is safe.
        task.disk = s3.object(bucket, key);
        return importXml(task);
    }

    private static String importXml(ImportTask t) {
        return "<importTaskId>" + t.id + "</importTaskId><status>" + t.status + "</status><statusMessage>"
                + t.statusMessage + "</statusMessage><progress>" + t.progress + "</progress><description>"
                + Ec2Fake.esc(t.description) + "</description><architecture>" + t.architecture + "</architecture>"
                + "<licenseType>BYOL</licenseType><snapshotDetailSet><item><diskImageSize>"
                + (t.disk == null ? 0 : t.disk.length) + "</diskImageSize><status>" + t.status + "</status>"
                + "<userBucket><s3Bucket>" + t.bucket + "</s3Bucket><s3Key>" + Ec2Fake.esc(t.key) + "</s3Key>"
                + "</userBucket></item></snapshotDetailSet>";
    }

    synchronized String describeImportTasks(Map<String, List<String>> form) {
        StringBuilder set = new StringBuilder("<importImageTaskSet>");
        for (String id : ids(form, "ImportTaskId")) {
            ImportTask t = imports.get(id);
            if (t == null) {
                throw new Ec2Fake.Ec2Error(400, "InvalidConversionTaskId.Malformed", "The import task ID '" + id
                        + "' is malformed or does not exist");
            }
            set.append("<item>").append(importXml(t))
                    .append(t.imageId == null ? "" : "<imageId>" + t.imageId + "</imageId>").append("</item>");
            advance(t);
        }
        return set.append("</importImageTaskSet>").toString();
    }

    private void advance(ImportTask t) {
        if (!"active".equals(t.status)) {
            return;
        }
        if (t.progress < 28) {
            t.progress = 28;
            t.statusMessage = "converting";
            return;
        }
        if (t.disk == null || t.disk.length == 0) {
            t.status = "deleted";
            t.statusMessage = "ClientError: Disk validation failed [Unsupported or empty disk image]";
            return;
        }
        String image = "ami-" + next();
        int sizeGiB = (int) Math.max(1, (t.disk.length + GIB - 1) / GIB);
        images.put(image, new ImportedImage(image, t.description, t.architecture, "snap-" + next(), sizeGiB,
                t.disk));
        t.imageId = image;
        t.status = "completed";
        t.statusMessage = "";
        t.progress = 100;
    }

    synchronized String cancelImport(Map<String, List<String>> form) {
        ImportTask t = imports.get(Ec2Fake.first(form, "ImportTaskId"));
        if (t == null) {
            throw new Ec2Fake.Ec2Error(400, "InvalidConversionTaskId", "The import task does not exist");
        }
        String previous = t.status;
        t.status = "deleting";
        return "<importTaskId>" + t.id + "</importTaskId><previousState>" + previous + "</previousState><state>"
                + t.status + "</state>";
    }

    synchronized String createExport(Map<String, List<String>> form, String instanceId, ImportedImage image) {
        String format = Ec2Fake.first(form, "ExportToS3.DiskImageFormat");
        if (!List.of("VMDK", "VHD", "RAW").contains(format)) {
            throw new Ec2Fake.Ec2Error(400, "InvalidParameter", "Invalid disk image format: " + format);
        }
        String prefix = Ec2Fake.first(form, "ExportToS3.S3Prefix");
        String id = "export-i-" + next();
        ExportTask t = new ExportTask(id, instanceId, format, Ec2Fake.first(form, "ExportToS3.S3Bucket"),
                (prefix == null ? "" : prefix) + id + "." + format.toLowerCase(), image.disk());
        exports.put(id, t);
        exportsStarted.incrementAndGet();
        return "<exportTask>" + exportXml(t) + "</exportTask>";
    }

    private static String exportXml(ExportTask t) {
        return "<exportTaskId>" + t.id + "</exportTaskId><description/><state>" + t.state + "</state>"
                + "<statusMessage/><instanceExport><instanceId>" + t.instanceId + "</instanceId><targetEnvironment>"
                + "vmware</targetEnvironment></instanceExport><exportToS3><diskImageFormat>" + t.format
                + "</diskImageFormat><s3Bucket>" + t.bucket + "</s3Bucket><s3Key>" + t.key + "</s3Key>"
                + "</exportToS3>";
    }

    synchronized String describeExportTasks(Map<String, List<String>> form, S3Fake s3) {
        StringBuilder set = new StringBuilder("<exportTaskSet>");
        for (String id : ids(form, "ExportTaskId")) {
            ExportTask t = exports.get(id);
            if (t == null) {
                throw new Ec2Fake.Ec2Error(400, "InvalidExportTaskID.NotFound", "The export task ID '" + id
                        + "' does not exist");
            }
            set.append("<item>").append(exportXml(t)).append("</item>");
            if ("active".equals(t.state)) {
                t.state = s3.store(t.bucket, t.key, t.disk) ? "completed" : "cancelled";
            }
        }
        return set.append("</exportTaskSet>").toString();
    }

    synchronized String cancelExport(Map<String, List<String>> form) {
        ExportTask t = exports.get(Ec2Fake.first(form, "ExportTaskId"));
        if (t != null) {
            t.state = "cancelling";
        }
        return "<return>true</return>";
    }

    private static List<String> ids(Map<String, List<String>> form, String prefix) {
        List<String> values = new ArrayList<>();
        for (int n = 1; form.containsKey(prefix + "." + n); n++) {
            values.add(Ec2Fake.first(form, prefix + "." + n));
        }
        return values;
    }

    private String next() {
        return String.format("0%016x", ids.incrementAndGet());
    }
}
