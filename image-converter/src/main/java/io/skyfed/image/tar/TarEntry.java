package io.skyfed.image.tar;

import java.util.List;

/**
 * One member of a tar archive.
 *
 * @param name       the member's path, from a GNU long name or PAX path when present
 * @param type       the typeflag ('0' file, '5' directory, 'S' GNU sparse file, …)
 * @param storedSize bytes of member data in the archive (padded to 512 there)
 * @param dataOffset where that data starts in the (uncompressed) archive
 * @param realSize   the file's length once extracted (differs from storedSize only for sparse files)
 * @param sparseMap  the stored pieces of a sparse file, in order; for a plain file one piece covering it
 */
public record TarEntry(String name, char type, long storedSize, long dataOffset, long realSize,
                       List<SparsePiece> sparseMap) {

    /** {@code length} bytes of file content at {@code offset}, stored contiguously after the previous piece. */
    public record SparsePiece(long offset, long length) {
    }

    public boolean isFile() {
        return type == '0' || type == '\0' || type == '7' || type == 'S';
    }

    /** The next header's offset: data padded to whole 512-byte blocks. */
    public long nextHeaderOffset() {
        return dataOffset + (storedSize + 511) / 512 * 512;
    }
}
