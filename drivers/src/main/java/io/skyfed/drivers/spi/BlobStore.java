package io.skyfed.drivers.spi;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Buckets and blobs ({@link CollectionKind#BUCKETS}). Content always streams: implementations read uploads
 * incrementally and hand out downloads as streams, never holding a whole object in memory on our side.
 */
public interface BlobStore {

    List<Bucket> buckets();

    /** @throws NotFoundException when there is no such bucket */
    Bucket bucket(String bucketId);

    /**
     * @param location null for the provider's default; drivers without {@link Feature#BUCKET_LOCATION} ignore it
     * @throws InvalidArgumentException when the name is taken or invalid
     */
    Bucket createBucket(String name, String location);

    /** @throws InvalidStateException while the bucket holds blobs */
    void deleteBucket(String bucketId);

    /** @throws NotFoundException when there is no such bucket */
    List<Blob> blobs(String bucketId);

    /** @throws NotFoundException when the bucket or blob does not exist */
    Blob blob(String bucketId, String blobId);

    /**
     * Stores {@code content} as {@code blobId}, replacing any blob of that name once the upload is complete
     * (a failed upload leaves the previous blob, or none, in place).
     *
     * @param contentLength the byte count if known, else -1
     * @throws NotFoundException when the bucket does not exist
     */
    Blob putBlob(String bucketId, String blobId, String contentType, Map<String, String> userMetadata,
                 InputStream content, long contentLength);

    /** Opens the blob's content; the caller closes the stream. */
    InputStream openBlob(String bucketId, String blobId);

    /** Replaces the blob's user metadata. */
    Blob updateMetadata(String bucketId, String blobId, Map<String, String> userMetadata);

    /** @throws NotFoundException when the bucket or blob does not exist */
    void deleteBlob(String bucketId, String blobId);
}
