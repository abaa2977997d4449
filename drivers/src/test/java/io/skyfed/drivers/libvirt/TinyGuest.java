package io.skyfed.drivers.libvirt;

import java.util.Arrays;
import java.util.Random;

/**
 * The smallest guest that behaves as an operating system does towards ACPI, for tests on a real libvirtd: one boot
 * sector that idles until the power button is pressed (libvirt's shutdown, so the driver's stop), then switches the
 * machine off. A power button pressed while the firmware still boots is lost, as with any OS.
 */
public final class TinyGuest {

    private static final int MIB = 1 << 20;

    /**
     * Real-mode code at the PIIX4 power-management ports SeaBIOS sets up at 0x600: enable the power-button event
     * (PM1a_EN, 0x602), then halt until an interrupt and poll PM1a_STS (0x600) for it; when set, write SLP_EN with
     * sleep type 0, soft off, to PM1a_CNT (0x604).
     */
    private static final byte[] BOOT_CODE = {
            (byte) 0xba, 0x02, 0x06, (byte) 0xb8, 0x00, 0x01, (byte) 0xef, // mov dx,0x602; mov ax,0x100; out dx,ax
            (byte) 0xfb, (byte) 0xf4, // sti; hlt (the BIOS timer wakes it 18 times a second)
            (byte) 0xba, 0x00, 0x06, (byte) 0xed, (byte) 0xa9, 0x00, 0x01, 0x74, (byte) 0xf6, // in; test 0x100; jz hlt
            (byte) 0xba, 0x04, 0x06, (byte) 0xb8, 0x00, 0x20, (byte) 0xef, // mov dx,0x604; mov ax,0x2000; out dx,ax
            (byte) 0xf4, (byte) 0xeb, (byte) 0xfd}; // hlt; jmp back to hlt

    private TinyGuest() {
    }

    /**
     * A raw disk of {@code size} bytes: the boot sector, then mostly holes (zeros), with up to a MiB of random data
     * ({@code seed}) a quarter in and a marked last 4 KiB, so holes sit between the data.
     */
    public static byte[] disk(int size, long seed) {
        byte[] disk = new byte[size];
        System.arraycopy(BOOT_CODE, 0, disk, 0, BOOT_CODE.length);
        disk[510] = 0x55;
        disk[511] = (byte) 0xaa;
        byte[] data = new byte[Math.min(MIB, size / 4)];
        new Random(seed).nextBytes(data);
        System.arraycopy(data, 0, disk, size / 4, data.length);
        Arrays.fill(disk, size - 4096, size, (byte) 0x5a);
        return disk;
    }
}
