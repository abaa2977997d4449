package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.Blob;
import io.skyfed.drivers.spi.Bucket;

import java.util.List;

final class BucketView {

    private BucketView() {
    }

    /** @param blobs the bucket's blobs, or null in listings (which do not enumerate them) */
    static void write(DocWriter w, Links links, Bucket bucket, List<Blob> blobs) {
        w.startObject("bucket");
        w.attribute("href", links.member("buckets", bucket.id()));
        w.attribute("id", bucket.id());
        w.element("name", bucket.name());
        w.element("size", Long.toString(bucket.blobCount()));
        w.optionalElement("location", bucket.location());
        if (blobs != null) {
            w.startInlineList("blobs", "blob");
            for (Blob blob : blobs) {
                w.startItem();
                w.attribute("id", blob.id());
                w.attribute("href", BlobView.href(links, bucket.id(), blob.id()));
                w.end();
            }
            w.end();
        }
        ActionLink.writeAll(w, new ActionLink("destroy", "delete", links.member("buckets", bucket.id())),
                new ActionLink("create_blob", "post", links.member("buckets", bucket.id())));
        w.end();
    }
}
