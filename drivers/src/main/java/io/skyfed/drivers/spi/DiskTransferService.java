package io.skyfed.drivers.spi;

import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

/** Moving disks in and out of a provider, for migration and bursting. Content always streams. */
public interface DiskTransferService {

    /** The formats {@link #exportDisk} can produce, in order of preference. */
    Set<String> exportFormats();

    /** The formats {@link #importDisk} accepts. */
    Set<String> importFormats();

    /**
     * Opens the boot disk of a stopped instance.
     *
     * @param format one of {@link #exportFormats()}
     * @throws InvalidStateException when the instance is not stopped
     */
    DiskExport exportDisk(String instanceId, String format);

    /**
     * Reads {@code content} to the end and registers it as an image; nothing remains on the provider on failure.
     *
     * @throws InvalidArgumentException when the format is not accepted
     */
    Image importDisk(DiskImportSpec spec, InputStream content);

    /**
     * The SHA-256 (lower-case hex) of the guest-visible content of an image this service imported, computed by
     * the provider from what it stored; empty when the provider cannot tell. Migrations compare it with the
     * digest of the source disk, so a transfer that corrupted data on the way in fails.
     *
     * @throws NotFoundException when there is no such image
     */
    default Optional<String> contentSha256(String imageId) {
        return Optional.empty();
    }
}
