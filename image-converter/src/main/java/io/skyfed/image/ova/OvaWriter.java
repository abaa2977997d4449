package io.skyfed.image.ova;

import io.skyfed.image.ImageWriter;
import io.skyfed.image.formatkit.CountingOutputStream;
import io.skyfed.image.formatkit.Spool;
import io.skyfed.image.tar.TarHeaders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an OVA: descriptor first, then the manifest, then the streamOptimized VMDK, as DSP0243 orders them. A tar
 * header carries its member's size, and the OVF carries the VMDK's size too, so the VMDK (already compressed, hence
 * about as large as the output) is spooled to a temporary file while its SHA-256 is computed; {@link #finish} then
 * streams the whole package to the target, front to back.
 */
final class OvaWriter implements ImageWriter {

    private final OutputStream target;
    private final Spool spool;
    private final ImageWriter vmdk;
    private final MessageDigest vmdkDigest;
    private final String name;
    private final long capacity;
    private final String adapterType;
    private final boolean manifest;
    private CountingOutputStream out;

    OvaWriter(OutputStream target, Spool spool, ImageWriter vmdk, MessageDigest vmdkDigest, String name,
              long capacity, String adapterType, boolean manifest) {
        this.target = target;
        this.spool = spool;
        this.vmdk = vmdk;
        this.vmdkDigest = vmdkDigest;
        this.name = name;
        this.capacity = capacity;
        this.adapterType = adapterType;
        this.manifest = manifest;
    }

    @Override
    public void write(long offset, ByteBuffer data) throws IOException {
        vmdk.write(offset, data);
    }

    @Override
    public void finish() throws IOException {
        vmdk.finish();
        vmdk.close();
        String diskFile = name + "-disk1.vmdk";
        long diskSize = spool.size();
        byte[] ovf = OvfWriter.descriptor(name, diskFile, diskSize, capacity, adapterType);
        out = new CountingOutputStream(target, false);
        member(name + ".ovf", ovf);
        if (manifest) {
            Map<String, String> digests = new LinkedHashMap<>();
            digests.put(name + ".ovf", sha256(ovf));
            digests.put(diskFile, HexFormat.of().formatHex(vmdkDigest.digest()));
            member(name + ".mf", Manifest.write(digests));
        }
        out.write(TarHeaders.ustar(diskFile, diskSize, 0));
        spool.copyTo(out);
        out.write(TarHeaders.padding(diskSize));
        out.write(TarHeaders.END);
        out.flush();
    }

    private void member(String file, byte[] content) throws IOException {
        out.write(TarHeaders.ustar(file, content.length, 0));
        out.write(content);
        out.write(TarHeaders.padding(content.length));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long bytesWritten() {
        return out != null ? out.count() : spool.size();
    }

    @Override
    public void close() throws IOException {
        try {
            vmdk.close();
        } finally {
            spool.close();
        }
    }

    static String checkName(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("ova: name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return name;
    }
}
