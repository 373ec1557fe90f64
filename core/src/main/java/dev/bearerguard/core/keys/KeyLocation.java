package dev.bearerguard.core.keys;

import dev.bearerguard.core.Sanitizer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@code keys} setting names, read the one way web.xml's {@code keys}, the CLI's {@code
 * --keys} and the sample's {@code --keys} read it: a JWKS URL (the key service: {@link
 * JwksKeyResolver}), one key folder (watched: {@link WatchedKeyFolder}), or key files read once
 * ({@link KeyLoader}).
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface KeyLocation {

    /**
     * A key service's JWKS URL ({@code https}, or {@code http} to a loopback address).
     *
     * @param uri the URL, checked as {@link JwksKeyResolver#builder} checks it
     */
    record JwksUrl(URI uri) implements KeyLocation {
        /** @throws IllegalArgumentException if {@link JwksKeyResolver#builder} would refuse the URL */
        public JwksUrl {
            JwksKeyResolver.checkUri(uri);
        }
    }

    /**
     * One folder of key files, watched for changes while the API runs.
     *
     * @param path the folder
     */
    record Folder(Path path) implements KeyLocation {
        /** @throws NullPointerException if the path is null */
        public Folder {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * Key files (or, for the servlet filter, {@code classpath:} resources), read once.
     *
     * @param locations the locations as written, at least one
     */
    record FileList(List<String> locations) implements KeyLocation {
        /** @throws IllegalArgumentException if there is no location */
        public FileList {
            locations = List.copyOf(locations);
            if (locations.isEmpty()) {
                throw new IllegalArgumentException("names no key location");
            }
        }
    }

    /**
     * Reads a {@code keys} setting: comma-separated locations. A location starting with {@code
     * https://} or {@code http://} is a JWKS URL; a location ending with {@code /} (or the name of
     * an existing directory) is a folder, watched; anything else a file or a {@code classpath:}
     * resource. A URL or a folder must be the only location: each is a source of its own that
     * changes while the API runs, and a {@code kid} must have one place to be looked up.
     *
     * @param text the setting
     * @return what it names
     * @throws IllegalArgumentException saying what is wrong: no location, a bad URL, a URL or a
     *     folder combined with other locations
     */
    static KeyLocation parse(String text) {
        List<String> items = new ArrayList<>();
        for (String s : (text == null ? "" : text).split(",")) {
            if (!s.isBlank()) {
                items.add(s.strip());
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("names no key location (a JWKS URL, a key folder or key files)");
        }
        for (String item : items) {
            String lower = item.toLowerCase(Locale.ROOT);
            boolean url = lower.startsWith("https://") || lower.startsWith("http://");
            if ((url || isFolder(item)) && items.size() > 1) {
                throw new IllegalArgumentException("`" + Sanitizer.text(item) + "` is "
                        + (url ? "a JWKS URL" : "a key folder")
                        + " and must be the only key location (list files, or give one URL or one folder)");
            }
            if (url) {
                try {
                    return new JwksUrl(new URI(item));
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("`" + Sanitizer.text(item) + "` is not a URL ("
                            + Sanitizer.text(e.getReason()) + ")");
                }
            }
        }
        if (isFolder(items.get(0))) {
            return new Folder(path(items.get(0)));
        }
        return new FileList(items);
    }

    private static boolean isFolder(String item) {
        if (item.startsWith("classpath:")) {
            return false;
        }
        if (item.endsWith("/")) {
            return true;
        }
        try {
            return java.nio.file.Files.isDirectory(Path.of(item));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static Path path(String item) {
        try {
            return Path.of(item);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("`" + Sanitizer.text(item) + "` is not a path");
        }
    }
}
