package dev.eventcontracts.registry.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * State in a directory of human-readable files (layout in docs/registry.md). Each artifact is one
 * directory with an {@code artifact.json} (its metadata, rules and version list: the commit point
 * of every change to it) and one pretty-printed {@code .avsc} per version. Files are written to a
 * temporary name and renamed atomically; writers hold an exclusive {@link FileLock} on {@code
 * .lock}, so two processes can share the directory. A reader reloads when {@code registry.json}
 * changed.
 */
final class FileStorage implements Storage {

    static final String REGISTRY_FILE = "registry.json";
    static final String ARTIFACT_FILE = "artifact.json";
    static final String LOCK_FILE = ".lock";
    static final String GROUPS_DIR = "groups";

    private final Path root;
    private final Duration lockTimeout;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private RegistryState state;
    private Object loadedStamp;

    FileStorage(Path root, Duration lockTimeout) {
        this.root = root.toAbsolutePath().normalize();
        this.lockTimeout = lockTimeout;
        try {
            Files.createDirectories(this.root.resolve(GROUPS_DIR));
        } catch (IOException e) {
            throw new RegistryException(
                    RegistryException.Kind.STORAGE,
                    "Cannot create the registry directory '" + this.root + "': " + e
                            + ". Check the path and its permissions.",
                    e);
        }
        write(s -> null); // load once, and write registry.json if the directory is new
    }

    @Override
    public <T> T read(Function<RegistryState, T> reader) {
        lock.readLock().lock();
        try {
            if (fresh()) {
                return reader.apply(state);
            }
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock();
        try {
            if (!fresh()) {
                try {
                    FileLock fileLock = acquireFileLock();
                    try {
                        reload();
                    } finally {
                        fileLock.release();
                    }
                } catch (IOException e) {
                    throw storageFailure("read", e);
                }
            }
            return reader.apply(state);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public <T> T write(Function<RegistryState, T> writer) {
        lock.writeLock().lock();
        FileLock fileLock = null;
        try {
            fileLock = acquireFileLock();
            if (!fresh()) {
                reload();
            }
            T result;
            long firstNewGlobalId = state.nextGlobalId;
            try {
                result = writer.apply(state);
            } catch (RuntimeException e) {
                state.clearDirty();
                throw e;
            }
            try {
                persist(firstNewGlobalId);
            } catch (IOException | RuntimeException e) {
                state = null; // reload from disk next time: memory may be ahead of the files
                throw storageFailure("write", e);
            }
            return result;
        } catch (IOException e) {
            throw storageFailure("lock", e);
        } finally {
            try {
                if (fileLock != null) {
                    fileLock.release();
                }
            } catch (IOException e) {
                // releasing fails only when the channel is already closed, which also releases the lock
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    @Override
    public String describe() {
        return "file store '" + root + "'";
    }

    @Override
    public void close() {}

    private boolean fresh() {
        return state != null && Objects.equals(stamp(), loadedStamp);
    }

    /** Identifies the current registry.json: a rename gives it a new file key and time. */
    private Object stamp() {
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(root.resolve(REGISTRY_FILE), BasicFileAttributes.class);
            return List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size());
        } catch (NoSuchFileException e) {
            return "absent";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FileLock acquireFileLock() throws IOException {
        FileChannel channel =
                FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + lockTimeout.toNanos();
        while (true) {
            try {
                FileLock fileLock = channel.lock();
                return new ReleasingLock(channel, fileLock);
            } catch (OverlappingFileLockException e) {
                // another store instance in this JVM holds the lock: wait for it
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw new IOException("Timed out after " + lockTimeout + " waiting for the lock on '"
                            + root.resolve(LOCK_FILE) + "' held by another registry in this JVM");
                }
                LockSupport.parkNanos(2_000_000);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    /** A lock that also closes its channel when released. */
    private final class ReleasingLock extends FileLock {
        private final FileLock inner;

        ReleasingLock(FileChannel channel, FileLock inner) {
            super(channel, 0, Long.MAX_VALUE, false);
            this.inner = inner;
        }

        @Override
        public boolean isValid() {
            return inner.isValid();
        }

        @Override
        public void release() throws IOException {
            try {
                inner.release();
            } finally {
                channel().close();
            }
        }
    }

    private void reload() {
        Object stampBefore = stamp();
        RegistryState loaded = new RegistryState();
        Path registryFile = root.resolve(REGISTRY_FILE);
        FileFormat.Globals globals = null;
        if (Files.exists(registryFile)) {
            globals = FileFormat.readGlobals(registryFile, readBytes(registryFile));
            loaded.revision = globals.revision();
            loaded.globalRules.putAll(globals.rules());
        }
        Map<Long, Path> globalIdFiles = new HashMap<>();
        Map<Long, String> contentHashes = new HashMap<>();
        for (Path artifactDir : artifactDirectories()) {
            Path artifactFile = artifactDir.resolve(ARTIFACT_FILE);
            if (!Files.exists(artifactFile)) {
                continue; // a first version whose write was interrupted: nothing was committed
            }
            FileFormat.StoredArtifact stored = FileFormat.readArtifact(artifactFile, readBytes(artifactFile));
            ArtifactKey key = ArtifactKey.of(stored.artifact());
            if (loaded.artifacts.containsKey(key)) {
                throw FileFormat.corrupt(artifactFile, "artifact '" + key + "' is also defined in another directory");
            }
            List<VersionRecord> versions = stored.artifact().versions();
            for (int i = 0; i < versions.size(); i++) {
                VersionRecord version = versions.get(i);
                Path schemaFile = artifactDir.resolve(stored.files().get(i));
                if (!schemaFile.normalize().startsWith(artifactDir)) {
                    throw FileFormat.corrupt(
                            artifactFile, "version '" + version.version() + "' points outside its directory");
                }
                checkVersion(artifactFile, schemaFile, version, loaded, globalIdFiles, contentHashes);
            }
            loaded.put(stored.artifact());
        }
        if (globals != null) {
            loaded.nextGlobalId = Math.max(loaded.nextGlobalId, globals.nextGlobalId());
            loaded.nextContentId = Math.max(loaded.nextContentId, globals.nextContentId());
        }
        loaded.clearDirty();
        loaded.dirtyGlobal = globals == null;
        state = loaded;
        loadedStamp = stampBefore;
    }

    private void checkVersion(
            Path artifactFile,
            Path schemaFile,
            VersionRecord version,
            RegistryState loaded,
            Map<Long, Path> globalIdFiles,
            Map<Long, String> contentHashes) {
        if (!Files.exists(schemaFile)) {
            throw FileFormat.corrupt(
                    artifactFile,
                    "version '" + version.version() + "' refers to '" + schemaFile + "', which does not exist");
        }
        SchemaText text = SchemaText.of(new String(readBytes(schemaFile), StandardCharsets.UTF_8));
        if (text.pretty() == null) {
            throw FileFormat.corrupt(schemaFile, "it is " + text.jsonError());
        }
        if (!text.hash().equals(version.contentHash())) {
            throw new RegistryException(
                    RegistryException.Kind.STORAGE,
                    "Registry file '" + schemaFile + "' was changed after it was registered: its content no longer "
                            + "matches the SHA-256 recorded for version '" + version.version() + "' in '" + artifactFile
                            + "'. Registered versions are immutable: restore the file (git checkout -- '" + schemaFile
                            + "') and register the change as a new version.");
        }
        Path previous = globalIdFiles.putIfAbsent(version.globalId(), schemaFile);
        if (previous != null) {
            throw FileFormat.corrupt(
                    artifactFile,
                    "globalId " + version.globalId() + " of version '" + version.version() + "' is also used by '"
                            + previous + "'");
        }
        String knownHash = contentHashes.putIfAbsent(version.contentId(), version.contentHash());
        if (knownHash != null && !knownHash.equals(version.contentHash())) {
            throw FileFormat.corrupt(
                    artifactFile,
                    "contentId " + version.contentId() + " of version '" + version.version()
                            + "' is used elsewhere for different content");
        }
        loaded.contentById.putIfAbsent(version.contentId(), text.pretty());
        loaded.contentIdByHash.putIfAbsent(version.contentHash(), version.contentId());
    }

    private List<Path> artifactDirectories() {
        List<Path> directories = new ArrayList<>();
        try (DirectoryStream<Path> groups = Files.newDirectoryStream(root.resolve(GROUPS_DIR), Files::isDirectory)) {
            for (Path group : groups) {
                try (DirectoryStream<Path> artifacts = Files.newDirectoryStream(group, Files::isDirectory)) {
                    artifacts.forEach(directories::add);
                }
            }
        } catch (IOException e) {
            throw storageFailure("read", e);
        }
        directories.sort(null);
        return directories;
    }

    private void persist(long firstNewGlobalId) throws IOException {
        if (state.dirtyArtifacts.isEmpty() && !state.dirtyGlobal) {
            return;
        }
        for (ArtifactKey key : state.dirtyArtifacts) {
            Path dir = artifactDirectory(key);
            ArtifactRecord artifact = state.artifacts.get(key);
            if (artifact == null) {
                deleteArtifactDirectory(dir);
            } else {
                writeArtifact(dir, artifact, firstNewGlobalId);
            }
        }
        state.revision++;
        writeAtomically(
                root.resolve(REGISTRY_FILE),
                FileFormat.writeGlobals(new FileFormat.Globals(
                        state.revision, state.nextGlobalId, state.nextContentId, state.globalRules)));
        state.clearDirty();
        loadedStamp = stamp();
    }

    /**
     * Writes the schema files of new versions (always: a file left by an interrupted write may hold
     * other content) and of any version whose file is missing, then commits {@code artifact.json}.
     */
    private void writeArtifact(Path dir, ArtifactRecord artifact, long firstNewGlobalId) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> files = new HashMap<>();
        for (VersionRecord version : artifact.versions()) {
            String fileName = "v" + FileFormat.fileName(version.version(), FileFormat.MAX_VERSION_NAME) + ".avsc";
            files.put(version.version(), fileName);
            Path schemaFile = dir.resolve(fileName);
            if (version.globalId() >= firstNewGlobalId || !Files.exists(schemaFile)) {
                writeAtomically(
                        schemaFile, state.contentById.get(version.contentId()).getBytes(StandardCharsets.UTF_8));
            }
        }
        writeAtomically(dir.resolve(ARTIFACT_FILE), FileFormat.writeArtifact(artifact, files));
        try (DirectoryStream<Path> schemas = Files.newDirectoryStream(dir, "v*.avsc")) {
            for (Path schema : schemas) {
                if (!files.containsValue(schema.getFileName().toString())) {
                    Files.deleteIfExists(schema); // a deleted version, or the leftover of an interrupted write
                }
            }
        }
    }

    private static void deleteArtifactDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.deleteIfExists(dir.resolve(ARTIFACT_FILE)); // the commit point goes first
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }

    private Path artifactDirectory(ArtifactKey key) {
        return root.resolve(GROUPS_DIR)
                .resolve(FileFormat.fileName(key.groupId(), FileFormat.MAX_DIRECTORY_NAME))
                .resolve(FileFormat.fileName(key.artifactId(), FileFormat.MAX_DIRECTORY_NAME));
    }

    /** Writes to a temporary file in the same directory, forces it to disk, then renames it over the target. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RegistryException(
                    RegistryException.Kind.STORAGE, "Cannot read registry file '" + file + "': " + e, e);
        }
    }

    private RegistryException storageFailure(String action, Exception e) {
        if (e instanceof RegistryException registryException) {
            return registryException;
        }
        return new RegistryException(
                RegistryException.Kind.STORAGE,
                "Cannot " + action + " the file store '" + root + "': " + e
                        + ". Check free disk space and permissions; the store itself is left consistent.",
                e);
    }
}
