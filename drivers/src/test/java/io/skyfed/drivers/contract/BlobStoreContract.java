package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.Blob;
import io.skyfed.drivers.spi.BlobStore;
import io.skyfed.drivers.spi.Bucket;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import static io.skyfed.drivers.contract.DriverContractTest.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of buckets and blobs, for drivers that declare the buckets collection. */
public interface BlobStoreContract extends DriverUnderTest {

    @Test
    default void blobsStreamInAndOutWithMetadata() throws IOException {
        BlobStore store = session().blobStore().orElseThrow();
        Bucket bucket = store.createBucket(uniqueName("bucket"), null);
        int size = 3 * 1024 * 1024 + 17;
        try {
            Blob blob = store.putBlob(bucket.id(), "data.bin", "application/octet-stream",
                    Map.of("author", "contract"), new PatternStream(size), size);
            assertThat(blob.contentLength()).isEqualTo(size);
            assertThat(store.blob(bucket.id(), "data.bin").userMetadata()).containsEntry("author", "contract");
            try (InputStream in = store.openBlob(bucket.id(), "data.bin")) {
                assertThat(sha256(in)).isEqualTo(sha256(new PatternStream(size)));
            }
            assertThat(store.updateMetadata(bucket.id(), "data.bin", Map.of("version", "2")).userMetadata())
                    .isEqualTo(Map.of("version", "2"));
            assertThat(store.bucket(bucket.id()).blobCount()).isEqualTo(1);
            assertThatThrownBy(() -> store.deleteBucket(bucket.id())).isInstanceOf(InvalidStateException.class);
            store.deleteBlob(bucket.id(), "data.bin");
            assertThatThrownBy(() -> store.blob(bucket.id(), "data.bin")).isInstanceOf(NotFoundException.class);
        } finally {
            store.deleteBucket(bucket.id());
        }
        assertThatThrownBy(() -> store.bucket(bucket.id())).isInstanceOf(NotFoundException.class);
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
                digesting.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
