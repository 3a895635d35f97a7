package dev.eventcontracts.broker.store.log;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Checks the data directory before use and turns file-system errors into words people can act on. */
final class DataDirectory {
    private DataDirectory() {}

    /** Creates {@code dir} if needed; fails when it is not a writable directory. */
    static void check(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("it exists and is not a directory");
        }
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new AccessDeniedException(dir.toString(), null, "directory is not writable");
        }
    }

    /** What failed, e.g. {@code permission denied ('/data/x.seg')}. */
    static String describe(IOException e) {
        if (e.getClass() == IOException.class && e.getMessage() != null) {
            return e.getMessage();
        }
        String what = e.getClass().getSimpleName();
        if (e instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            what = "no such file or directory";
        } else if (e instanceof FileSystemException) {
            what = "file system error";
        }
        String message = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        String file = e instanceof FileSystemException fse && fse.getFile() != null ? " ('" + fse.getFile() + "')" : "";
        return message == null || message.equals(what) ? what + file : what + file + ": " + message;
    }
}
