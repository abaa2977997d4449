package io.skyfed.image.ova;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.FormatRegistry;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.ImageWriter;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import io.skyfed.image.formatkit.Malformed;
import io.skyfed.image.formatkit.OptionReader;
import io.skyfed.image.formatkit.Spool;
import io.skyfed.image.formatkit.TargetOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OVA (DSP0243): a tar of an OVF descriptor and its disks. Reading opens the OVF's first disk through the registry;
 * writing produces descriptor, SHA-256 manifest and a streamOptimized VMDK from the registry's "vmdk" writer.
 * Options: {@code subformat} (only streamOptimized), {@code adapter_type} (ide, lsilogic, buslogic, lsisas1068,
 * pvscsi; default lsilogic), {@code name} (base name of the members, default "disk"), {@code manifest} (on),
 * {@code spool_dir}/{@code spool_max} (the temporary VMDK file).
 */
public final class OvaFormat implements ImageFormat {

    public static final String NAME = "ova";

    private final Supplier<FormatRegistry> registry;
    private volatile FormatRegistry loaded;

    /** The service-loader constructor: the registry is loaded on first use (it contains this format). */
    public OvaFormat() {
        this(FormatRegistry::load);
    }

    public OvaFormat(Supplier<FormatRegistry> registry) {
        this.registry = registry;
    }

    private FormatRegistry registry() {
        if (loaded == null) {
            loaded = registry.get();
        }
        return loaded;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A ustar header (checksum and magic) whose member name ends in ".ovf", as DSP0243 puts it first. */
    @Override
    public int probe(ByteSource source) throws IOException {
        if (source.size() < 1024) {
            return 0;
        }
        ByteBuffer b = ByteBuffer.allocate(512);
        source.readFully(0, b);
        byte[] h = b.array();
        if (!new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return 0;
        }
        int end = 0;
        while (end < 100 && h[end] != 0) {
            end++;
        }
        return new String(h, 0, end, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT).endsWith(".ovf")
                ? 100 : 0;
    }

    @Override
    public DiskImage open(ByteSource source, OpenOptions options) throws IOException {
        return Malformed.guard(source, "OVA", () -> OvaImage.open(source, options, registry()));
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public boolean writesSequentially() {
        return true;
    }

    @Override
    public ImageWriter create(WriteTarget target, long virtualSize, WriteOptions options) throws IOException {
        OptionReader o = new OptionReader(NAME, options);
        o.choice("subformat", "streamOptimized", "streamOptimized");
        String adapter = o.choice("adapter_type", "lsilogic", "ide", "lsilogic", "buslogic", "lsisas1068", "pvscsi");
        String name = OvaWriter.checkName(o.string("name", "disk"));
        boolean manifest = o.flag("manifest", true);
        Path spoolDir = Path.of(o.string("spool_dir", System.getProperty("java.io.tmpdir")));
        long spoolMax = o.size("spool_max", Long.MAX_VALUE);
        o.rejectUnknown();
        ImageFormat vmdk = registry().byName("vmdk").filter(ImageFormat::canWrite).orElseThrow(() ->
                new IllegalArgumentException("ova: writing an OVA needs the vmdk writer, which is not installed"));
        Map<String, String> vmdkOptions = new LinkedHashMap<>();
        vmdkOptions.put("subformat", "streamOptimized");
        vmdkOptions.put("adapter_type", adapter.equals("pvscsi") || adapter.equals("lsisas1068") ? "lsilogic" : adapter);
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Spool spool = new Spool(spoolDir, "skyfed-ova", spoolMax);
        try {
            OutputStream spooled = new DigestOutputStream(spool.output(), digest);
            ImageWriter inner = vmdk.create(new WriteTarget.Stream(spooled), virtualSize,
                    new WriteOptions(vmdkOptions, options.compress(), options.threads()));
            OutputStream out = TargetOutput.stream(target);
            return new OvaWriter(out, spool, inner, digest, name, virtualSize, adapter, manifest);
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
    }
}
