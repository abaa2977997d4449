package io.skyfed.image.vmdk;

import io.skyfed.image.ImageFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text descriptor of a VMDK: key/value lines and extent lines, parsed with bounded effort. */
record VmdkDescriptor(Map<String, String> values, List<ExtentLine> extents) {

    /** Descriptors are a few hundred bytes; anything larger than this is not one. */
    static final int MAX_BYTES = 1 << 20;
    private static final int MAX_EXTENTS = 4096;
    static final String SIGNATURE = "# Disk DescriptorFile";

    /** {@code RW 4192256 SPARSE "disk-s001.vmdk" [offset]}. */
    record ExtentLine(String access, long sectors, String type, String file, long offset) {
    }

    String createType() {
        return values.getOrDefault("createType", "");
    }

    String parentCid() {
        return values.getOrDefault("parentCID", "ffffffff");
    }

    static VmdkDescriptor parse(String name, String text) throws ImageFormatException {
        Map<String, String> values = new LinkedHashMap<>();
        List<ExtentLine> extents = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.replace("\r", "").replace("\0", "").trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("RW ") || upper.startsWith("RDONLY ") || upper.startsWith("NOACCESS ")) {
                if (extents.size() >= MAX_EXTENTS) {
                    throw new ImageFormatException(name + ": VMDK descriptor lists more than " + MAX_EXTENTS + " extents");
                }
                extents.add(parseExtent(name, line));
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                String key = line.substring(0, eq).trim();
                String value = line.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(key, value);
            }
        }
        return new VmdkDescriptor(values, extents);
    }

    private static ExtentLine parseExtent(String name, String line) throws ImageFormatException {
        int q1 = line.indexOf('"');
        int q2 = q1 < 0 ? -1 : line.indexOf('"', q1 + 1);
        String[] head = (q1 < 0 ? line : line.substring(0, q1)).trim().split("\\s+");
        if (head.length != 3) {
            throw new ImageFormatException(name + ": bad VMDK extent line '" + line + "'");
        }
        long sectors;
        long offset = 0;
        try {
            sectors = Long.parseLong(head[1]);
            if (q2 > 0) {
                String tail = line.substring(q2 + 1).trim();
                if (!tail.isEmpty()) {
                    offset = Long.parseLong(tail.split("\\s+")[0]);
                }
            }
        } catch (NumberFormatException e) {
            throw new ImageFormatException(name + ": bad number in VMDK extent line '" + line + "'");
        }
        if (sectors <= 0 || offset < 0 || sectors > (1L << 44) || offset > (1L << 44)) {
            throw new ImageFormatException(name + ": VMDK extent size or offset out of range in '" + line + "'");
        }
        String type = head[2].toUpperCase(Locale.ROOT);
        String file = q2 > 0 ? line.substring(q1 + 1, q2) : "";
        if (!type.equals("ZERO") && file.isEmpty()) {
            throw new ImageFormatException(name + ": VMDK extent line without a file name: '" + line + "'");
        }
        return new ExtentLine(head[0].toUpperCase(Locale.ROOT), sectors, type, file, offset);
    }

    /** The descriptor text a writer embeds, in the layout qemu-img and VMware produce. */
    static String render(String createType, long sectors, String extentType, String file, Map<String, String> ddb,
                         long cid) {
        StringBuilder b = new StringBuilder();
        b.append(SIGNATURE).append('\n');
        b.append("version=1\n");
        b.append(String.format("CID=%08x", cid)).append('\n');
        b.append("parentCID=ffffffff\n");
        b.append("createType=\"").append(createType).append("\"\n\n");
        b.append("# Extent description\n");
        b.append("RW ").append(sectors).append(' ').append(extentType).append(" \"").append(file).append("\"\n\n");
        b.append("# The Disk Data Base\n#DDB\n\n");
        ddb.forEach((k, v) -> b.append(k).append(" = \"").append(v).append("\"\n"));
        return b.toString();
    }
}
