package io.skyfed.drivers.libvirt;

import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskImportSpec;
import io.skyfed.drivers.spi.DiskTransferService;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import org.libvirt.LibvirtException;
import org.libvirt.StorageVol;
import org.libvirt.Stream;

/**
 * Disks in and out of a libvirt host through storage-volume streams (virStorageVolDownload / virStorageVolUpload),
 * which libvirt carries over the same qemu+ssh or qemu+tls connection. Formats are passed through as stored:
 * converting between them is image-converter's job, on the stream.
 */
final class LibvirtDiskTransfer implements DiskTransferService {

    private static final Set<String> FORMATS = Set.of("qcow2", "raw");
    private static final int CHUNK = 256 * 1024;

    private final LibvirtSession session;
    private final LibvirtHost host;

    LibvirtDiskTransfer(LibvirtSession session) {
        this.session = session;
        this.host = session.host();
    }

    @Override
    public Set<String> exportFormats() {
        return FORMATS;
    }

    @Override
    public Set<String> importFormats() {
        return FORMATS;
    }

    @Override
    public DiskExport exportDisk(String instanceId, String format) {
        Instance instance = session.instance(instanceId);
        if (instance.state() != InstanceState.STOPPED) {
            throw new InvalidStateException("instance " + instanceId + " is " + instance.state().apiName()
                    + ": only a stopped instance's disk can be exported");
        }
        record Opened(Stream stream, String format, long capacity, long allocation) {
        }
        Opened opened = host.write("download disk", "instance", instanceId, c -> {
            DomainXml.Metadata metadata = DomainXml.metadata(c.domainLookupByUUIDString(instanceId).getXMLDesc(0));
            if (metadata.diskVolume() == null) {
                throw new RemoteRequestException(501, "instance " + instanceId
                        + " was not created by Skyfed: which disk to export is unknown", null);
            }
            StorageVol disk = c.storagePoolLookupByName(host.settings.instancePool())
                    .storageVolLookupByName(metadata.diskVolume());
            Stream stream = c.streamNew(0);
            disk.download(stream, 0, 0, 0);
            return new Opened(stream, LibvirtSession.formatOf(disk.getXMLDesc(0)), disk.getInfo().capacity,
                    disk.getInfo().allocation);
        });
        if (!opened.format().equals(format)) {
            abort(opened.stream());
            throw new InvalidArgumentException("format", "the disk is stored as " + opened.format() + ", not "
                    + format);
        }
        return new DiskExport(opened.format(), opened.capacity(), -1, new StreamInput(opened.stream()));
    }

    @Override
    public Image importDisk(DiskImportSpec spec, InputStream content) {
        if (!FORMATS.contains(spec.format())) {
            throw new InvalidArgumentException("format", "libvirt volumes take " + FORMATS + ", not " + spec.format());
        }
        if (!spec.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
            throw new InvalidArgumentException("name", "an image name is 1 to 63 letters, digits, '.', '_' or '-'");
        }
        if (spec.virtualSize() <= 0) {
            throw new InvalidArgumentException("virtual_size", "the disk's virtual size is needed to create its volume");
        }
        try {
            session.image(spec.name());
            throw new InvalidArgumentException("name", "image '" + spec.name() + "' exists");
        } catch (NotFoundException e) {
            if (!e.kind().equals("image")) {
                // The image pool itself is missing: say so, rather than that the image is.
                throw e;
            }
        }
        String volumeXml = "<volume><name>" + spec.name() + "</name><capacity unit='bytes'>" + spec.virtualSize()
                + "</capacity><target><format type='" + spec.format() + "'/></target></volume>";
        host.write("create image volume", "image", spec.name(), c -> c.storagePoolLookupByName(
                host.settings.imagePool()).storageVolCreateXML(volumeXml, 0).getName());
        try {
            host.transfer("upload disk", "image", spec.name(), c -> {
                StorageVol volume = c.storagePoolLookupByName(host.settings.imagePool())
                        .storageVolLookupByName(spec.name());
                Stream stream = c.streamNew(0);
                volume.upload(stream, 0, 0, 0);
                send(stream, content, spec.contentLength());
                return null;
            });
        } catch (RuntimeException e) {
            // Nothing may remain of a failed import.
            host.write("remove failed import", "image", spec.name(), c -> {
                c.storagePoolLookupByName(host.settings.imagePool()).storageVolLookupByName(spec.name()).delete(0);
                return null;
            });
            throw e;
        }
        return session.image(spec.name());
    }

    /**
     * Sends the content, then finishes the stream; a content that fails or ends short of {@code expected} bytes
     * (when known) aborts it instead, since libvirt would keep a volume holding only its beginning.
     */
    private static void send(Stream stream, InputStream content, long expected) throws LibvirtException {
        byte[] buffer = new byte[CHUNK];
        long total = 0;
        try {
            int n;
            while ((n = content.read(buffer)) >= 0) {
                for (int sent = 0; sent < n; ) {
                    sent += stream.send(sent == 0 && n == buffer.length ? buffer
                            : Arrays.copyOfRange(buffer, sent, n));
                }
                total += n;
            }
        } catch (IOException e) {
            abort(stream);
            throw new ProviderUnavailableException("reading the disk to upload failed after " + total + " bytes: "
                    + e.getMessage(), e);
        } catch (LibvirtException | RuntimeException e) {
            abort(stream);
            throw e;
        }
        if (expected >= 0 && total != expected) {
            abort(stream);
            throw new InvalidArgumentException("content", "expected " + expected + " bytes, received " + total);
        }
        stream.finish();
    }

    private static void abort(Stream stream) {
        try {
            stream.abort();
        } catch (LibvirtException alreadyClosed) {
            // The stream failed on its own; there is nothing left to abort.
        }
    }

    /** Reads a download stream; closing it early aborts the transfer on the host. */
    private static final class StreamInput extends InputStream {
        private final Stream stream;
        private final byte[] chunk = new byte[CHUNK];
        private int position;
        private int limit;
        private boolean done;

        StreamInput(Stream stream) {
            this.stream = stream;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position == limit && !fill()) {
                return -1;
            }
            int n = Math.min(len, limit - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            return n;
        }

        private boolean fill() throws IOException {
            if (done) {
                return false;
            }
            try {
                int n = stream.receive(chunk);
                if (n <= 0) {
                    done = true;
                    stream.finish();
                    return false;
                }
                position = 0;
                limit = n;
                return true;
            } catch (LibvirtException e) {
                done = true;
                throw new IOException("libvirt download failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                abort(stream);
            }
        }
    }
}
