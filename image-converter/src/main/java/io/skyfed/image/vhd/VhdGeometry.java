package io.skyfed.image.vhd;

/**
 * CHS geometry as the VHD specification (appendix "CHS calculation") and qemu compute it: a 16-bit cylinder count,
 * at most 16 heads and 255 sectors per track, so at most 65535 × 16 × 255 sectors (about 127 GiB).
 */
record VhdGeometry(int cylinders, int heads, int sectorsPerTrack) {

    static final long MAX_SECTORS = 65535L * 16 * 255;
    static final VhdGeometry MAX = new VhdGeometry(65535, 16, 255);

    long sectors() {
        return (long) cylinders * heads * sectorsPerTrack;
    }

    boolean isMax() {
        return sectors() == MAX_SECTORS;
    }

    /** The specification's algorithm: the geometry may cover slightly fewer sectors than asked. */
    static VhdGeometry of(long totalSectors) {
        long sectors = Math.min(totalSectors, MAX_SECTORS);
        int spt;
        int heads;
        long cylTimesHeads;
        if (sectors >= 65535L * 16 * 63) {
            spt = 255;
            heads = 16;
            cylTimesHeads = sectors / spt;
        } else {
            spt = 17;
            cylTimesHeads = sectors / spt;
            heads = (int) Math.max(4, (cylTimesHeads + 1023) / 1024);
            if (cylTimesHeads >= heads * 1024L || heads > 16) {
                spt = 31;
                heads = 16;
                cylTimesHeads = sectors / spt;
            }
            if (cylTimesHeads >= heads * 1024L) {
                spt = 63;
                heads = 16;
                cylTimesHeads = sectors / spt;
            }
        }
        return new VhdGeometry((int) (cylTimesHeads / heads), heads, spt);
    }

    /**
     * The smallest geometry that covers {@code totalSectors}, found the way qemu's vpc driver searches for it
     * (asking for one more sector at a time until the rounded-down geometry is large enough).
     */
    static VhdGeometry covering(long totalSectors) {
        VhdGeometry g = new VhdGeometry(0, 0, 0);
        for (long i = 0; totalSectors > g.sectors() && !g.isMax(); i++) {
            g = of(totalSectors + i);
        }
        return g;
    }
}
