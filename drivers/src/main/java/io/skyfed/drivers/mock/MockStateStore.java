package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.DiskCheckpoint;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceProfile;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.StagedDisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps a mock cloud's instances, images and disks in a directory (provider property
 * {@value MockDriverFactory#STATE_DIR}), so the cloud outlives the process that drives it, as a real cloud outlives
 * a broker killed with SIGKILL, and several processes can drive the same cloud.
 *
 * <p>Every session call is one transaction: take a file lock (processes) and a monitor (threads), reload the
 * state, run the call, write the state back atomically. Disk contents are files named by their SHA-256, written
 * once and deleted once nothing in the state refers to them. Kept: instances, images, their disks, the id sequence,
 * and what warm migrations need to survive a crash: changed-block tracking (generation, write logs, checkpoints
 * with the content they froze) and staged disks (their content saved as a new content file whenever a call changed
 * it). The other collections (keys, volumes, firewalls, ...) stay in memory, and instances keep no profile
 * overrides, firewalls or volume attachments.
 */
final class MockStateStore {

    private static final String NONE = "-";

    /** File locks do not exclude threads of one process: this does, for every store in the process. */
    private static final Object PROCESS_LOCK = new Object();

    private final Path directory;
    private final Path stateFile;
    private final Path lockFile;
    private final Map<String, byte[]> diskCache = new ConcurrentHashMap<>();
    /** Per staged disk, the content file its bytes came from (load) or went to (save). */
    private final Map<String, String> stagedContent = new ConcurrentHashMap<>();
    /** The content files the state being saved names (by {@link #writeDisk}); the others are deleted. */
    private final Set<String> referenced = new HashSet<>();

    MockStateStore(Path directory) {
        this.directory = directory;
        this.stateFile = directory.resolve("state");
        // One lock for every cloud under the state directory: POSIX locks belong to processes, not threads, so
        // one lock per cloud would let two processes each holding one look like a deadlock to the kernel.
        this.lockFile = directory.resolveSibling("lock");
        try {
            Files.createDirectories(directory.resolve("disks"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the mock state directory " + directory, e);
        }
    }

    /** Runs {@code call} on the cloud as stored, and stores what it changed. */
    <T> T transaction(MockCloud cloud, Supplier<T> call) {
        synchronized (PROCESS_LOCK) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                synchronized (cloud) {
                    if (Files.exists(stateFile)) {
                        load(cloud);
                    }
                    try {
                        return call.get();
                    } finally {
                        save(cloud);
                    }
                }
            } catch (IOException e) {
                throw new ProviderUnavailableException("mock state directory " + directory + ": " + e.getMessage(), e);
            }
        }
    }

    private void load(MockCloud cloud) throws IOException {
        cloud.images.clear();
        cloud.instances.clear();
        cloud.disks.images().clear();
        cloud.disks.instances().clear();
        cloud.disks.staged().clear();
        long[] tracking = {0, 0};
        Map<String, MockCheckpoint> checkpoints = new HashMap<>();
        Map<String, List<MockTracking.Write>> log = new HashMap<>();
        for (String line : Files.readAllLines(stateFile, StandardCharsets.UTF_8)) {
            String[] f = Arrays.stream(line.split(" ", -1)).map(MockStateStore::decode).toArray(String[]::new);
            switch (f[0]) {
                case "sequence" -> cloud.sequence.set(Long.parseLong(f[1]));
                case "image" -> {
                    cloud.images.put(f[1], new Image(f[1], f[2], f[3], f[4], f[5], f[6],
                            f[7].isEmpty() ? List.of() : List.of(f[7].split(",")), instant(f[8])));
                    disk(f[9], "image " + f[1]).ifPresent(d -> cloud.disks.images().put(f[1], d));
                }
                case "instance" -> {
                    Instance stored = cloud.storeInstance(f[1], f[2], f[3], nullable(f[4]), nullable(f[5]),
                            new InstanceProfile(f[6], Map.of()), nullable(f[8]), List.of(),
                            InstanceState.valueOf(f[7]), instant(f[9]));
                    cloud.instances.put(f[1], new MockInstance(stored, instant(f[10])));
                    disk(f[11], "instance " + f[1]).ifPresent(d -> cloud.disks.instances().put(f[1], d));
                }
                case "tracking" -> {
                    tracking[0] = Long.parseLong(f[1]);
                    tracking[1] = Long.parseLong(f[2]);
                }
                case "write" -> log.computeIfAbsent(f[1], id -> new ArrayList<>()).add(
                        new MockTracking.Write(Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])));
                case "checkpoint" -> checkpoints.put(f[1], new MockCheckpoint(
                        new DiskCheckpoint(f[1], f[2], f[3], Long.parseLong(f[4]), instant(f[5])),
                        required(f[7], "checkpoint " + f[1]), Long.parseLong(f[6])));
                case "staged" -> {
                    StoredDisk content = required(f[5], "staged disk " + f[1]);
                    stagedContent.put(f[1], f[5]);
                    // Written in place by later calls: a copy, so the cached content stays what the file holds.
                    cloud.disks.staged().put(f[1], new MockStagedDisk(
                            new StagedDisk(f[1], f[2], Long.parseLong(f[3]), instant(f[4])), content.bytes().clone()));
                }
                default -> throw new IOException("unknown record " + f[0]);
            }
        }
        cloud.disks.tracking().restore(tracking[0], tracking[1], checkpoints, log);
    }

    private void save(MockCloud cloud) throws IOException {
        referenced.clear();
        List<String> lines = new ArrayList<>();
        lines.add(line("sequence", Long.toString(cloud.sequence.get())));
        cloud.images.values().forEach(i -> lines.add(line("image", i.id(), i.name(), i.description(), i.ownerId(),
                i.architecture(), i.state(), String.join(",", i.hardwareProfileIds()), text(i.createdAt()),
                writeDisk(cloud.disks.images().get(i.id())))));
        cloud.instances.values().forEach(stored -> {
            Instance i = stored.instance();
            lines.add(line("instance", i.id(), i.name(), i.ownerId(), i.imageId(), i.realmId(),
                    i.profile().hardwareProfileId(), i.state().name(), i.keyName() == null ? NONE : i.keyName(),
                    text(i.launchedAt()), text(stored.transitionDue()), writeDisk(cloud.disks.instances().get(i.id()))));
        });
        MockTracking tracking = cloud.disks.tracking();
        lines.add(line("tracking", Long.toString(tracking.generation()), Long.toString(tracking.busyWrites())));
        tracking.log().forEach((instance, writes) -> writes.forEach(w -> lines.add(line("write", instance,
                Long.toString(w.generation()), Long.toString(w.firstBlock()), Long.toString(w.lastBlock())))));
        tracking.checkpoints.values().forEach(c -> lines.add(line("checkpoint", c.checkpoint().id(),
                c.checkpoint().name(), c.checkpoint().instanceId(), Long.toString(c.checkpoint().virtualSize()),
                text(c.checkpoint().createdAt()), Long.toString(c.generation()), writeDisk(c.content()))));
        stagedContent.keySet().retainAll(cloud.disks.staged().keySet());
        cloud.disks.staged().values().forEach(staged -> lines.add(line("staged", staged.disk().id(),
                staged.disk().name(), Long.toString(staged.disk().virtualSize()), text(staged.disk().createdAt()),
                writeStaged(staged))));
        Path temporary = directory.resolve("state.tmp");
        Files.write(temporary, lines, StandardCharsets.UTF_8);
        Files.move(temporary, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        deleteUnreferenced();
    }

    /** The staged disk's content file: the one it was loaded from or last saved as, unless a call wrote to it. */
    private String writeStaged(MockStagedDisk staged) {
        String id = staged.disk().id();
        String known = stagedContent.get(id);
        if (known != null && diskCache.containsKey(known) && Arrays.equals(diskCache.get(known), staged.content())) {
            return writeDisk(new StoredDisk(known, diskCache.get(known)));
        }
        String sha = writeDisk(StoredDisk.of(staged.content().clone()));
        stagedContent.put(id, sha);
        return sha;
    }

    /**
     * Deletes the content files no saved record names any more (staged disks leave one behind at every write, guest
     * writes one per write) and forgets them here, also those another process deleted; leftovers of a process
     * killed mid-write go too. Under the lock, after the state file moved, so no process can still need them.
     */
    private void deleteUnreferenced() throws IOException {
        diskCache.keySet().retainAll(referenced);
        try (java.util.stream.Stream<Path> files = Files.list(directory.resolve("disks"))) {
            for (Path file : files.filter(f -> !referenced.contains(f.getFileName().toString())).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private String writeDisk(StoredDisk disk) {
        if (disk == null) {
            return NONE;
        }
        referenced.add(disk.sha256());
        Path file = directory.resolve("disks").resolve(disk.sha256());
        if (!Files.exists(file)) {
            try {
                Path temporary = file.resolveSibling(disk.sha256() + ".tmp");
                Files.write(temporary, disk.bytes());
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        diskCache.putIfAbsent(disk.sha256(), disk.bytes());
        return disk.sha256();
    }

    private java.util.Optional<StoredDisk> disk(String sha, String owner) throws IOException {
        return sha.equals(NONE) ? java.util.Optional.empty() : java.util.Optional.of(required(sha, owner));
    }

    /**
     * The content {@code owner} refers to, checked against its name: a missing or damaged file is a broken state
     * directory, never an empty or wrong disk.
     */
    private StoredDisk required(String sha, String owner) throws IOException {
        byte[] bytes = diskCache.get(sha);
        if (bytes == null) {
            Path file = directory.resolve("disks").resolve(sha);
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new IllegalStateException("mock state " + stateFile + " is broken: " + owner
                        + " refers to disk content " + file + ", which is missing", e);
            }
            if (!StoredDisk.sha256(bytes).equals(sha)) {
                throw new IllegalStateException("mock state " + stateFile + " is broken: " + owner
                        + " refers to disk content " + file + ", whose SHA-256 is " + StoredDisk.sha256(bytes));
            }
            diskCache.put(sha, bytes);
        }
        return new StoredDisk(sha, bytes);
    }

    private static String line(String... fields) {
        return String.join(" ", Arrays.stream(fields).map(MockStateStore::encode).toList());
    }

    private static String encode(String field) {
        return URLEncoder.encode(field == null ? NONE : field, StandardCharsets.UTF_8);
    }

    private static String decode(String field) {
        return URLDecoder.decode(field, StandardCharsets.UTF_8);
    }

    private static String text(Instant instant) {
        return instant == null ? NONE : instant.toString();
    }

    private static Instant instant(String text) {
        return text.equals(NONE) ? null : Instant.parse(text);
    }

    private static String nullable(String text) {
        return text.equals(NONE) ? null : text;
    }
}
