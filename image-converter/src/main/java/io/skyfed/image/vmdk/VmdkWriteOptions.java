package io.skyfed.image.vmdk;

import io.skyfed.image.Sizes;
import io.skyfed.image.WriteOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** qemu-img's vmdk {@code -o} options that the writers honour; anything else is an error. */
record VmdkWriteOptions(String subformat, String adapterType, String hwVersion, String toolsVersion,
                        boolean zeroedGrain, int threads) {

    private static final Set<String> SUBFORMATS = Set.of("monolithicSparse", "streamOptimized", "monolithicFlat",
            "twoGbMaxExtentSparse", "twoGbMaxExtentFlat", "vmfs");
    private static final Set<String> ADAPTERS = Set.of("ide", "buslogic", "lsilogic", "legacyESX");
    /** Sectors per track in every geometry VMware and qemu write. */
    private static final int SECTORS_PER_TRACK = 63;

    static VmdkWriteOptions parse(WriteOptions options) {
        String subformat = "monolithicSparse";
        String adapter = "ide";
        String hw = "4";
        String tools = "2147483647";
        boolean compat6 = false;
        boolean zeroed = false;
        for (Map.Entry<String, String> e : options.options().entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "subformat" -> {
                    if (!SUBFORMATS.contains(v)) {
                        throw new IllegalArgumentException("vmdk: unknown subformat '" + v + "'");
                    }
                    subformat = v;
                }
                case "adapter_type" -> {
                    if (!ADAPTERS.contains(v)) {
                        throw new IllegalArgumentException("vmdk: adapter_type must be one of " + ADAPTERS);
                    }
                    adapter = v;
                }
                case "compat6" -> compat6 = Sizes.parseSwitch("compat6", v);
                case "hwversion" -> {
                    if (!v.equals("undefined") && !v.matches("[0-9]{1,4}")) {
                        throw new IllegalArgumentException("vmdk: hwversion must be a number");
                    }
                    hw = v;
                }
                case "toolsversion" -> {
                    if (!v.matches("[0-9]{1,10}")) {
                        throw new IllegalArgumentException("vmdk: toolsversion must be a number");
                    }
                    tools = v;
                }
                case "zeroed_grain" -> zeroed = Sizes.parseSwitch("zeroed_grain", v);
                case "size" -> {
                    // qemu-img create's size; convert takes the size from the source.
                }
                case "backing_file", "backing_fmt" ->
                        throw new IllegalArgumentException("vmdk: " + e.getKey() + " is refused: outputs are self-contained");
                default -> throw new IllegalArgumentException("vmdk does not support option '" + e.getKey() + "'");
            }
        }
        if (compat6) {
            if (options.options().containsKey("hwversion")) {
                throw new IllegalArgumentException("vmdk: compat6 and hwversion cannot both be given");
            }
            hw = "6";
        }
        if (options.compress() && !subformat.equals("streamOptimized")) {
            throw new IllegalArgumentException("vmdk: compression (-c) needs subformat=streamOptimized");
        }
        return new VmdkWriteOptions(subformat, adapter, hw, tools, zeroed, options.threads());
    }

    /** The disk database entries of the descriptor, with the geometry qemu derives for the adapter. */
    Map<String, String> ddb(long sectors) {
        int heads = adapterType.equals("ide") ? 16 : 255;
        long cylinders = Math.min(16383, sectors / ((long) heads * SECTORS_PER_TRACK));
        Map<String, String> d = new LinkedHashMap<>();
        if (!hwVersion.equals("undefined")) {
            d.put("ddb.virtualHWVersion", hwVersion);
        }
        d.put("ddb.geometry.cylinders", Long.toString(cylinders));
        d.put("ddb.geometry.heads", Integer.toString(heads));
        d.put("ddb.geometry.sectors", Integer.toString(SECTORS_PER_TRACK));
        d.put("ddb.adapterType", adapterType);
        d.put("ddb.toolsVersion", toolsVersion);
        return d;
    }
}
