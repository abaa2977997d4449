package io.skyfed.image.formatkit;

import io.skyfed.image.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A read-only file, opened for a parent image that a differencing disk refers to. */
public final class FileSource implements ByteSource {

    private final FileChannel channel;
    private final String name;

    private FileSource(FileChannel channel, String name) {
        this.channel = channel;
        this.name = name;
    }

    public static FileSource open(Path path) throws IOException {
        return new FileSource(FileChannel.open(path, StandardOpenOption.READ), path.toString());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        return channel.read(dst, position);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
