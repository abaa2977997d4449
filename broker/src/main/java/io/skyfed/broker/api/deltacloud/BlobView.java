package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.Blob;

import java.util.Map;
import java.util.TreeMap;

final class BlobView {

    private BlobView() {
    }

    static String href(Links links, String bucketId, String blobId) {
        return links.member("buckets", bucketId) + "/" + Links.segment(blobId);
    }

    static void write(DocWriter w, Links links, Blob blob) {
        String href = href(links, blob.bucketId(), blob.id());
        w.startObject("blob");
        w.attribute("href", href);
        w.attribute("id", blob.id());
        w.element("bucket", blob.bucketId());
        w.element("content_length", Long.toString(blob.contentLength()));
        w.element("content_type", blob.contentType());
        w.element("last_modified", blob.lastModified().toString());
        w.startList("user_metadata", "entry");
        for (Map.Entry<String, String> e : new TreeMap<>(blob.userMetadata()).entrySet()) {
            w.startItem();
            w.attribute("key", e.getKey());
            w.text(e.getValue());
            w.end();
        }
        w.end();
        w.reference("content", "href", href + "/content", "rel", "blob_content");
        w.end();
    }
}
