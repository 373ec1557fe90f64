package dev.bearerguard.core.replay;

import dev.bearerguard.core.Sanitizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What {@link ReplayStores#open} hands a {@link ReplayStoreProvider}: where the store is, the clock
 * the verifier runs on, and the store's password — which never comes from the location, so a
 * location can be logged and shown as it is.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the location and never the password.
 *
 * @param location the store's location, {@code scheme:…} (e.g. {@code redis://127.0.0.1:6379/0}); the
 *                 provider reads the rest
 * @param clock    the verifier's clock
 * @param password the store's password, if it has one
 */
public record ReplayStoreRequest(String location, Clock clock, Optional<String> password) {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Pattern USERINFO = Pattern.compile("^[^:/?#]+://[^/?#]*@");

    /**
     * @throws IllegalArgumentException if the location has no scheme, or holds a user or password
     *     before the host ({@code redis://secret@host}): the password goes in {@link #password}
     */
    public ReplayStoreRequest {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(password, "password");
        location = location.strip();
        int colon = location.indexOf(':');
        if (colon <= 0 || !SCHEME.matcher(location.substring(0, colon)).matches()) {
            throw new IllegalArgumentException("a replay store is a URI such as redis://127.0.0.1:6379/0 or memory:, not `"
                    + Sanitizer.text(redact(location)) + "`");
        }
        if (USERINFO.matcher(location).find()) {
            throw new IllegalArgumentException("the replay store location `" + Sanitizer.text(redact(location))
                    + "` holds a user or password before the host; a location is logged, so give the password"
                    + " from an environment variable or a file (and a Redis ACL user as ?user=NAME)");
        }
    }

    /**
     * A request without a password.
     *
     * @throws IllegalArgumentException as the constructor
     */
    public static ReplayStoreRequest of(String location, Clock clock) {
        return new ReplayStoreRequest(location, clock, Optional.empty());
    }

    /** This request with {@code password} (not empty). */
    public ReplayStoreRequest withPassword(String password) {
        Objects.requireNonNull(password, "password");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the replay store password is empty");
        }
        return new ReplayStoreRequest(location, clock, Optional.of(password));
    }

    /** The location's scheme in lower case ({@code redis}). */
    public String scheme() {
        return location.substring(0, location.indexOf(':')).toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a password from the environment variable {@code name}.
     *
     * @param name        the variable's name
     * @param environment how to read a variable ({@code System::getenv})
     * @return the value
     * @throws IllegalArgumentException if the variable is not set or empty (naming it, never a value)
     */
    public static String passwordFromEnvironment(String name, Function<String, String> environment) {
        Objects.requireNonNull(name, "name");
        String v = environment.apply(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("the environment variable " + Sanitizer.field(name)
                    + " that should hold the replay store password is not set");
        }
        return v;
    }

    /**
     * Reads a password from a file: its first line, without the line break (as a Kubernetes or
     * Docker secret holds it).
     *
     * @param file the file
     * @return the password
     * @throws IllegalArgumentException if the file cannot be read or its first line is empty
     *     (naming the file, never its content)
     */
    public static String passwordFromFile(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the replay store password file "
                    + Sanitizer.text(file.toString()) + ": " + e.getClass().getSimpleName());
        }
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            throw new IllegalArgumentException("the replay store password file " + Sanitizer.text(file.toString())
                    + " is empty");
        }
        return line;
    }

    /** The location with anything before an {@code @} of its authority hidden. */
    static String redact(String location) {
        return USERINFO.matcher(location).replaceFirst(m -> {
            String s = m.group();
            return java.util.regex.Matcher.quoteReplacement(s.substring(0, s.indexOf("://") + 3) + "***@");
        });
    }

    @Override
    public String toString() {
        return "ReplayStoreRequest[" + Sanitizer.text(location) + (password.isPresent() ? ", password=***" : "") + "]";
    }
}
