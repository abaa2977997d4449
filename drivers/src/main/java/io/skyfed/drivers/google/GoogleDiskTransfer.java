package io.skyfed.drivers.google;

import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.BlobStore;
import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.DriverException;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.OperationNotSupportedException;
import io.skyfed.image.gce.GceFormat;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Disk import the way GCE takes disks: the image-converter's {@code gce} archive (a tar.gz holding
 * {@code disk.raw}) is streamed into a Cloud Storage staging object, then {@code images.insert} with
 * {@code rawDisk.source} pointing at it turns it into an image; the staging object is removed afterwards, and a
 * failed insert leaves neither object nor image behind.
 *
 * <p>Export is not offered: the Compute API has no call that exports an image or disk. {@code gcloud compute images
 * export} runs a Daisy workflow in Cloud Build (a builder VM copies the disk to Cloud Storage), which needs Cloud
 * Build and an image bucket, neither of which this driver drives.
 */
final class GoogleDiskTransfer implements DiskTransferService {

    private final GoogleAccount account;
    private final GoogleSession session;
    private final BlobStore storage;
    private final BlobStore uploads;

    /**
     * @param storage Cloud Storage under the provider's guard, for the staging object's removal
     * @param uploads Cloud Storage under the transfer guard, whose attempt budget fits an upload of gigabytes
     */
    GoogleDiskTransfer(GoogleAccount account, GoogleSession session, BlobStore storage, BlobStore uploads) {
        this.account = account;
        this.session = session;
        this.storage = storage;
        this.uploads = uploads;
    }

    @Override
    public Set<String> exportFormats() {
        return Set.of();
    }

    @Override
    public Set<String> importFormats() {
        return Set.of(GceFormat.NAME);
    }

    @Override
    public DiskExport exportDisk(String instanceId, String format) {
        throw new OperationNotSupportedException("the google driver cannot export disks: GCE exports images only "
                + "through a Cloud Build workflow (gcloud compute images export), not through the Compute API");
    }

    @Override
    public Image importDisk(DiskImportSpec spec, InputStream content) {
        if (!GceFormat.NAME.equals(spec.format())) {
            throw new InvalidArgumentException("format", "GCE imports " + GceFormat.NAME + " archives (tar.gz "
                    + "holding disk.raw), not " + spec.format());
        }
        if (!spec.name().matches(GoogleSession.NAME)) {
            throw new InvalidArgumentException("name", "an image name is 1 to 63 lower-case letters, digits and "
                    + "hyphens, starting with a letter");
        }
        String bucket = account.settings.importBucket().orElseThrow(() -> new OperationNotSupportedException(
                "disk import needs the provider setting import-bucket (a Cloud Storage bucket for staging)"));
        String object = "skyfed-import/" + spec.name() + "-" + UUID.randomUUID() + ".tar.gz";
        try {
            uploads.putBlob(bucket, object, "application/gzip", Map.of("skyfed-image", spec.name()), content,
                    spec.contentLength());
        } catch (DriverException failed) {
            // A timed-out upload may still have completed on the provider's side.
            removeStagingObject(bucket, object);
            throw failed;
        }
        try {
            JsonObject rawDisk = new JsonObject();
            rawDisk.addProperty("source", account.settings.storageEndpoint() + "/" + bucket + "/" + object);
            rawDisk.addProperty("containerType", "TAR");
            JsonObject body = new JsonObject();
            body.addProperty("name", spec.name());
            body.add("rawDisk", rawDisk);
            if (spec.architecture() != null) {
                body.addProperty("architecture", spec.architecture().equals("arm64") ? "ARM64" : "X86_64");
            }
            // requestId: a retried insert after a lost answer is the same insert, never a second image.
            URI insert = URI.create(account.settings.resource("global/images") + "?requestId=" + UUID.randomUUID());
            try {
                return account.create("Images:insert", "image", spec.name(),
                        () -> URI.create(GoogleJson.text(account.rest.post(insert, body), "selfLink")),
                        () -> session.image(spec.name()));
            } catch (DriverException failed) {
                removeFailedImage(spec.name());
                throw failed;
            }
        } finally {
            removeStagingObject(bucket, object);
        }
    }

    /**
     * The staging object is only a copy: failing to remove it must not turn a finished import into a failure (the
     * caller would import again), so it is logged for the bucket's lifecycle rules or an operator to clear.
     */
    private void removeStagingObject(String bucket, String object) {
        try {
            storage.deleteBlob(bucket, object);
        } catch (NotFoundException gone) {
            // never written, or already removed
        } catch (DriverException e) {
            System.getLogger(GoogleDiskTransfer.class.getName()).log(System.Logger.Level.WARNING,
                    account.providerId + ": staging object gs://" + bucket + "/" + object + " was not removed: "
                            + e.getMessage());
        }
    }

    /** An insert whose operation failed can leave the image in state FAILED: it must not linger. */
    private void removeFailedImage(String name) {
        try {
            account.act("Images:delete", "image", name, () -> URI.create(GoogleJson.text(account.rest
                    .delete(account.settings.resource("global/images/" + name)), "selfLink")));
        } catch (DriverException gone) {
            // NotFound is the usual case: the insert never made an image.
        }
    }
}
