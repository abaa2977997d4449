package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.Blob;
import io.skyfed.drivers.spi.BlobStore;
import io.skyfed.drivers.spi.Bucket;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Buckets and blobs in memory. Uploads are read in chunks with a size cap, so a runaway client gets a clear
 * error instead of exhausting the heap; an upload that fails half-way leaves the previous blob in place.
 */
final class MockBlobStore implements BlobStore {

    /** The mock is a test double: it refuses blobs bigger than this. */
    static final long MAX_BLOB_BYTES = 64L * 1024 * 1024;
    private static final int MAX_BLOB_ID_LENGTH = 1024;

    private final MockCloud cloud;

    MockBlobStore(MockCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public List<Bucket> buckets() {
        return cloud.buckets.values().stream().map(MockBlobStore::describe).toList();
    }

    @Override
    public Bucket bucket(String bucketId) {
        return describe(stored(bucketId));
    }

    @Override
    public Bucket createBucket(String name, String location) {
        MockNames.idSafe("name", name);
        synchronized (cloud) {
            if (cloud.buckets.containsKey(name)) {
                throw new InvalidArgumentException("name", "a bucket named '" + name + "' exists");
            }
            MockBucket bucket = new MockBucket(name, location);
            cloud.buckets.put(name, bucket);
            return describe(bucket);
        }
    }

    @Override
    public void deleteBucket(String bucketId) {
        synchronized (cloud) {
            MockBucket bucket = stored(bucketId);
            if (!bucket.blobs().isEmpty()) {
                throw new InvalidStateException("bucket " + bucketId + " is not empty");
            }
            cloud.buckets.remove(bucketId);
        }
    }

    @Override
    public List<Blob> blobs(String bucketId) {
        return stored(bucketId).blobs().values().stream().map(MockBlob::blob).toList();
    }

    @Override
    public Blob blob(String bucketId, String blobId) {
        return storedBlob(bucketId, blobId).blob();
    }

    @Override
    public Blob putBlob(String bucketId, String blobId, String contentType, Map<String, String> userMetadata,
                        InputStream content, long contentLength) {
        MockBucket bucket = stored(bucketId);
        if (blobId == null || blobId.isEmpty() || blobId.length() > MAX_BLOB_ID_LENGTH
                || blobId.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidArgumentException("blob_id", "a blob id is 1 to " + MAX_BLOB_ID_LENGTH
                    + " characters without control characters");
        }
        if (contentLength > MAX_BLOB_BYTES) {
            throw new InvalidArgumentException("content", "the mock stores blobs of at most " + MAX_BLOB_BYTES + " bytes");
        }
        byte[] bytes = readCapped(content);
        if (contentLength >= 0 && bytes.length != contentLength) {
            throw new InvalidArgumentException("content", "expected " + contentLength + " bytes, received " + bytes.length);
        }
        Blob blob = new Blob(blobId, bucketId, bytes.length,
                contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType,
                cloud.now(), userMetadata);
        bucket.blobs().put(blobId, new MockBlob(blob, bytes));
        return blob;
    }

    @Override
    public InputStream openBlob(String bucketId, String blobId) {
        return new ByteArrayInputStream(storedBlob(bucketId, blobId).content());
    }

    @Override
    public Blob updateMetadata(String bucketId, String blobId, Map<String, String> userMetadata) {
        synchronized (cloud) {
            MockBlob stored = storedBlob(bucketId, blobId);
            Blob b = stored.blob();
            Blob updated = new Blob(b.id(), b.bucketId(), b.contentLength(), b.contentType(), cloud.now(), userMetadata);
            stored(bucketId).blobs().put(blobId, new MockBlob(updated, stored.content()));
            return updated;
        }
    }

    @Override
    public void deleteBlob(String bucketId, String blobId) {
        if (stored(bucketId).blobs().remove(blobId) == null) {
            throw new NotFoundException("blob", blobId);
        }
    }

    private MockBucket stored(String bucketId) {
        return MockSession.get(cloud.buckets, "bucket", bucketId);
    }

    private MockBlob storedBlob(String bucketId, String blobId) {
        return MockSession.get(stored(bucketId).blobs(), "blob", blobId);
    }

    private static Bucket describe(MockBucket bucket) {
        return new Bucket(bucket.name(), bucket.name(), bucket.blobs().size(), bucket.location());
    }

    private static byte[] readCapped(InputStream content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        try (content) {
            int n;
            while ((n = content.read(chunk)) >= 0) {
                if (out.size() + (long) n > MAX_BLOB_BYTES) {
                    throw new InvalidArgumentException("content", "the mock stores blobs of at most "
                            + MAX_BLOB_BYTES + " bytes");
                }
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new InvalidArgumentException("content", "the upload broke off: " + e.getMessage());
        }
        return out.toByteArray();
    }
}
