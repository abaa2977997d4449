package io.skyfed.drivers.mock;

import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A bucket and its blobs. */
record MockBucket(String name, String location, ConcurrentMap<String, MockBlob> blobs) {

    MockBucket(String name, String location) {
        this(name, location, new ConcurrentSkipListMap<>(NaturalIdOrder.INSTANCE));
    }
}
