package io.skyfed.drivers.jclouds;

import io.skyfed.drivers.resilience.ProviderGuard;
import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.resilience.RemoteRequestMapping;
import io.skyfed.drivers.spi.Blob;
import io.skyfed.drivers.spi.BlobStore;
import io.skyfed.drivers.spi.Bucket;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.ListContainerOptions;

/**
 * The SPI blob store over any jclouds blob store (S3, Swift, Azure Blob, Cloud Storage). Uploads stream from the
 * caller to the provider; an upload of unknown length is first spooled to a temporary file (never to memory),
 * since these APIs need the length up front. Reads are retried, writes are not: a PUT of a stream cannot be
 * replayed once consumed.
 */
public final class JcloudsBlobStore implements BlobStore {

    private final ProviderGuard guard;
    private final ProviderGuard transfers;
    private final Supplier<org.jclouds.blobstore.BlobStore> store;
    private final Function<RuntimeException, RuntimeException> translate;

    /**
     * @param transfers the guard of blob content puts and gets, whose attempt budget fits gigabytes
     * @param translate the provider's failure translation (e.g. EC2's error codes), applied to what jclouds throws
     */
    public JcloudsBlobStore(ProviderGuard guard, ProviderGuard transfers, Supplier<org.jclouds.blobstore.BlobStore> store,
                            Function<RuntimeException, RuntimeException> translate) {
        this.guard = guard;
        this.transfers = transfers;
        this.store = store;
        this.translate = translate;
    }

    @Override
    public List<Bucket> buckets() {
        List<Bucket> buckets = new ArrayList<>();
        for (StorageMetadata container : read("list buckets", "bucket", null, () -> store.get().list())) {
            buckets.add(new Bucket(container.getName(), container.getName(), -1, location(container)));
        }
        return buckets.stream().map(b -> bucket(b.id())).toList();
    }

    @Override
    public Bucket bucket(String bucketId) {
        requireBucket(bucketId);
        long count = allBlobs(bucketId).size();
        return new Bucket(bucketId, bucketId, count, null);
    }

    @Override
    public Bucket createBucket(String name, String location) {
        boolean created = write("create bucket", "bucket", name,
                () -> store.get().createContainerInLocation(null, name));
        if (!created) {
            throw new InvalidArgumentException("name", "bucket '" + name + "' already exists");
        }
        return new Bucket(name, name, 0, location);
    }

    @Override
    public void deleteBucket(String bucketId) {
        requireBucket(bucketId);
        if (!allBlobs(bucketId).isEmpty()) {
            throw new InvalidStateException("bucket " + bucketId + " is not empty");
        }
        read("delete bucket", "bucket", bucketId, () -> store.get().deleteContainerIfEmpty(bucketId));
    }

    @Override
    public List<Blob> blobs(String bucketId) {
        requireBucket(bucketId);
        return allBlobs(bucketId).stream().map(name -> blob(bucketId, name)).toList();
    }

    private List<String> allBlobs(String bucketId) {
        List<String> names = new ArrayList<>();
        ListContainerOptions options = ListContainerOptions.Builder.recursive();
        while (true) {
            ListContainerOptions page = options;
            PageSet<? extends StorageMetadata> set = read("list blobs", "bucket", bucketId,
                    () -> store.get().list(bucketId, page));
            set.stream().filter(m -> m.getType() == StorageType.BLOB).forEach(m -> names.add(m.getName()));
            if (set.getNextMarker() == null) {
                return names;
            }
            options = ListContainerOptions.Builder.recursive().afterMarker(set.getNextMarker());
        }
    }

    @Override
    public Blob blob(String bucketId, String blobId) {
        BlobMetadata metadata = read("blob metadata", "blob", blobId, () -> store.get().blobMetadata(bucketId, blobId));
        if (metadata == null) {
            requireBucket(bucketId);
            throw new NotFoundException("blob", blobId);
        }
        return toBlob(bucketId, metadata);
    }

    @Override
    public Blob putBlob(String bucketId, String blobId, String contentType, Map<String, String> userMetadata,
                        InputStream content, long contentLength) {
        requireBucket(bucketId);
        if (blobId == null || blobId.isEmpty() || blobId.length() > 1024) {
            throw new InvalidArgumentException("blob_id", "a blob name is 1 to 1024 characters");
        }
        if (contentLength >= 0) {
            upload(bucketId, blobId, contentType, userMetadata, content, contentLength);
        } else {
            Path spool = spool(content);
            try (InputStream spooled = Files.newInputStream(spool)) {
                upload(bucketId, blobId, contentType, userMetadata, spooled, Files.size(spool));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                spool.toFile().delete();
            }
        }
        return blob(bucketId, blobId);
    }

    private void upload(String bucketId, String blobId, String contentType, Map<String, String> userMetadata,
                        InputStream content, long length) {
        org.jclouds.blobstore.BlobStore blobs = store.get();
        org.jclouds.blobstore.domain.Blob blob = blobs.blobBuilder(blobId)
                .payload(content).contentLength(length)
                .contentType(contentType == null ? "application/octet-stream" : contentType)
                .userMetadata(userMetadata == null ? Map.of() : userMetadata)
                .build();
        write(transfers, "put blob", "blob", blobId, () -> blobs.putBlob(bucketId, blob));
    }

    private static Path spool(InputStream content) {
        try {
            Path file = Files.createTempFile("skyfed-blob-", ".upload");
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("spooling an upload of unknown length", e);
        }
    }

    @Override
    public InputStream openBlob(String bucketId, String blobId) {
        org.jclouds.blobstore.domain.Blob blob = read(transfers, "get blob", "blob", blobId,
                () -> store.get().getBlob(bucketId, blobId));
        if (blob == null) {
            requireBucket(bucketId);
            throw new NotFoundException("blob", blobId);
        }
        try {
            return blob.getPayload().openStream();
        } catch (IOException e) {
            throw new ProviderUnavailableException("opening blob " + blobId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Blob updateMetadata(String bucketId, String blobId, Map<String, String> userMetadata) {
        Blob current = blob(bucketId, blobId);
        // Object stores replace metadata by copying the object onto itself; repeating the copy is harmless.
        read("update blob metadata", "blob", blobId, () -> store.get().copyBlob(bucketId, blobId, bucketId, blobId,
                CopyOptions.builder().contentMetadata(contentMetadata(current)).userMetadata(userMetadata).build()));
        return blob(bucketId, blobId);
    }

    private org.jclouds.io.ContentMetadata contentMetadata(Blob current) {
        return org.jclouds.io.ContentMetadataBuilder.create().contentType(current.contentType()).build();
    }

    @Override
    public void deleteBlob(String bucketId, String blobId) {
        blob(bucketId, blobId);
        read("delete blob", "blob", blobId, () -> {
            store.get().removeBlob(bucketId, blobId);
            return null;
        });
    }

    private void requireBucket(String bucketId) {
        boolean exists;
        try {
            exists = read("bucket exists", "bucket", bucketId, () -> store.get().containerExists(bucketId));
        } catch (InvalidArgumentException invalidName) {
            exists = false;
        }
        if (!exists) {
            throw new NotFoundException("bucket", bucketId);
        }
    }

    private static Blob toBlob(String bucketId, BlobMetadata m) {
        Long length = m.getContentMetadata().getContentLength();
        String type = m.getContentMetadata().getContentType();
        return new Blob(m.getName(), bucketId, length == null ? m.getSize() == null ? -1 : m.getSize() : length,
                type == null ? "application/octet-stream" : type,
                m.getLastModified() == null ? Instant.EPOCH : m.getLastModified().toInstant(), m.getUserMetadata());
    }

    private static String location(StorageMetadata m) {
        return m.getLocation() == null ? null : m.getLocation().getId();
    }

    private <T> T read(String operation, String kind, String id, Callable<T> call) {
        return read(guard, operation, kind, id, call);
    }

    private <T> T read(ProviderGuard guard, String operation, String kind, String id, Callable<T> call) {
        try {
            return guard.idempotent(operation, () -> translated(call));
        } catch (RemoteRequestException e) {
            throw RemoteRequestMapping.toDriverException(e, kind, id);
        } catch (IllegalArgumentException e) {
            throw invalid(kind, e);
        }
    }

    private <T> T write(String operation, String kind, String id, Callable<T> call) {
        return write(guard, operation, kind, id, call);
    }

    private <T> T write(ProviderGuard guard, String operation, String kind, String id, Callable<T> call) {
        try {
            return guard.once(operation, () -> translated(call));
        } catch (RemoteRequestException e) {
            throw RemoteRequestMapping.toDriverException(e, kind, id);
        } catch (IllegalArgumentException e) {
            throw invalid(kind, e);
        }
    }

    /** jclouds validates names before calling (S3 bucket naming rules): its first "Reason" line says why. */
    private static InvalidArgumentException invalid(String kind, IllegalArgumentException e) {
        String message = e.getMessage() == null ? kind + " name is not valid" : e.getMessage().lines()
                .filter(l -> l.contains("Reason")).findFirst().orElse(e.getMessage()).trim();
        return new InvalidArgumentException(kind, message);
    }

    private <T> T translated(Callable<T> call) throws Exception {
        try {
            return call.call();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate.apply(e);
        }
    }
}
