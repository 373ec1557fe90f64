package dev.bearerguard.sample;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.DurationSyntax;
import dev.bearerguard.core.keys.KeyLocation;
import dev.bearerguard.core.replay.ReplayPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The launcher's options ({@code java -jar bearerguard-sample.jar …}), read by picocli with the
 * core's typed parsers ({@link DurationSyntax}, {@link Algorithm#parse}, {@link ReplayPolicy#parse},
 * {@code KeyRestrictionRule}) — the same spellings as the servlet filter's init-params and the CLI.
 * An unknown or malformed option stops the launch with a message naming it.
 *
 * <p>Not thread-safe (one instance per launch).
 */
@Command(name = "bearerguard-sample", sortOptions = false, usageHelpAutoWidth = true,
        description = {"A mock payment API guarded by Bearerguard (the servlet filter and the JAX-RS feature).",
            "Without --keys it runs in DEMO MODE: it makes a key pair, trusts it and prints a token to try."})
final class LaunchOptions {

    static final Path DEFAULT_DEMO_DIR = Path.of("bearerguard-demo-keys");

    @Option(names = "--port", paramLabel = "N", description = "port to listen on (default 8080; 0 picks a free one)")
    int port = 8080;

    @Option(names = "--host", paramLabel = "HOST", description = "interface to listen on (default localhost)")
    String host = "localhost";

    @Option(names = "--keys", paramLabel = "PATH|URL",
            description = "trust the public keys in a PEM, JWK or JWKS file or a directory (repeatable), "
                    + "or those a key service publishes at a JWKS URL (https, or http to 127.0.0.1; alone), "
                    + "kept up to date while the sample runs; without --keys the sample runs in DEMO MODE")
    List<String> keys = new ArrayList<>();

    @Option(names = "--demo-keys", paramLabel = "DIR", description = "where demo mode keeps its key pair (default ./bearerguard-demo-keys)")
    Path demoDir = DEFAULT_DEMO_DIR;

    @Option(names = "--algorithms", paramLabel = "LIST", description = "accepted algorithms, e.g. ES512,RS256 (default ES512)")
    String algorithms;

    @Option(names = "--clock-skew", paramLabel = "DURATION", description = "allowed clock skew, e.g. 60s, 2m (default 60s)")
    Duration clockSkew;

    @Option(names = "--max-lifetime", paramLabel = "DURATION", description = "longest exp - nbf accepted (default none)")
    Duration maxLifetime;

    @Option(names = "--issuers", paramLabel = "LIST", description = "accepted iss values, comma separated (default any)")
    String issuers;

    @Option(names = "--replay", paramLabel = "POLICY", description = "default, single-use, reusable or off (default default)")
    ReplayPolicy replay;

    @Option(names = "--replay-store", paramLabel = "LOCATION",
            description = "where replay records and rate-limit buckets live: memory: (default) or a store shared by"
                    + " every instance, e.g. redis://127.0.0.1:6379/0")
    String replayStore;

    @Option(names = "--replay-store-password-env", paramLabel = "NAME",
            description = "environment variable holding the replay store's password")
    String replayStorePasswordEnv;

    @Option(names = "--replay-store-password-file", paramLabel = "PATH",
            description = "file whose first line is the replay store's password")
    Path replayStorePasswordFile;

    @Option(names = "--max-token-size", paramLabel = "N", description = "longest token in characters (default 8192)")
    Integer maxTokenSize;

    @Option(names = "--verified-token-cache", paramLabel = "N",
            description = "accepted tokens remembered so a repeat skips the signature check (default 10000; 0 turns it off)")
    Integer verifiedTokenCache;

    @Option(names = "--realm", paramLabel = "REALM", description = "realm of every WWW-Authenticate challenge (default sample)")
    String realm;

    @Option(names = "--merchant-header", paramLabel = "NAME",
            description = "header naming the merchant account (default x-gr4vy-merchant-account-id, the reference payment API's)")
    String merchantHeader;

    @Option(names = "--key-restriction", paramLabel = "\"KID MERCHANTS [full|processing]\"",
            description = "restrict a key to merchant accounts (comma list or *) (repeatable)")
    List<String> keyRestrictions = new ArrayList<>();

    @Option(names = "--require-https", paramLabel = "true|false", arity = "1",
            description = "refuse requests that did not arrive over TLS (default false)")
    boolean requireHttps;

    @Option(names = "--trust-forwarded-proto", paramLabel = "true|false", arity = "1",
            description = "with --require-https, accept a last X-Forwarded-Proto: https (only behind a proxy that sets it)")
    boolean trustForwardedProto;

    @Option(names = "--merchant-backend", paramLabel = "true|false", arity = "1",
            description = "serve the mock merchant back end POST /merchant/checkout-token outside demo mode "
                    + "(it mints checkout tokens for anyone)")
    boolean merchantBackend;

    @Option(names = "--oauth-client", paramLabel = "ID:SECRET", description = "an OAuth client for POST /oauth/token (repeatable)")
    List<String> oauthClients = new ArrayList<>();

    @Option(names = "--audit-level", paramLabel = "LEVEL",
            description = "level of the audit line of each refused request (logger dev.bearerguard.audit): "
                    + "off, debug, info, warning (default debug)")
    String auditLevel;

    @Option(names = "--checkout-token-lifetime", paramLabel = "DURATION", description = "lifetime of checkout tokens (default 15m)")
    Duration checkoutTokenLifetime;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    boolean help;

    /** What the launcher does: print the usage, or start a server from this builder. */
    record Parsed(boolean help, SampleServer.Builder builder) {
    }

    /** The picocli command for these options, with the core's parsers registered. */
    static CommandLine command(LaunchOptions options) {
        return new CommandLine(options)
                .registerConverter(Duration.class, DurationSyntax::parse)
                .registerConverter(ReplayPolicy.class, ReplayPolicy::parse)
                .registerConverter(Boolean.TYPE, LaunchOptions::bool);
    }

    /** The usage text. */
    static String usage() {
        StringWriter out = new StringWriter();
        command(new LaunchOptions()).usage(new PrintWriter(out));
        return out.toString();
    }

    /**
     * Reads the command line.
     *
     * @throws IllegalArgumentException naming the option that is unknown, missing its value or wrong
     */
    static Parsed parse(String... args) {
        LaunchOptions o = new LaunchOptions();
        CommandLine cmd = command(o);
        try {
            cmd.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(message(e), e);
        }
        if (o.help) {
            return new Parsed(true, null);
        }
        try {
            return new Parsed(false, o.builder());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** picocli's message, with the cause's (the core parser's) when a converter refused a value. */
    private static String message(CommandLine.ParameterException e) {
        Throwable cause = e.getCause();
        String m = e.getMessage();
        if (cause != null && cause.getMessage() != null && !m.contains(cause.getMessage())) {
            m = m + ": " + cause.getMessage();
        }
        return m;
    }

    private SampleServer.Builder builder() {
        SampleServer.Builder b = SampleServer.builder();
        option("--port", () -> b.port(port));
        b.host(host);
        for (String k : keys) {
            // one reading of a key location for web.xml, the CLI and the sample (KeyLocation)
            option("--keys", () -> {
                if (KeyLocation.parse(k) instanceof KeyLocation.JwksUrl url) {
                    b.keys(url.uri());
                } else {
                    b.keys(Path.of(k));
                }
            });
        }
        if (algorithms != null) {
            option("--algorithms", () -> b.algorithms(Algorithm.parseList(algorithms)));
        }
        if (clockSkew != null) {
            option("--clock-skew", () -> b.clockSkew(clockSkew));
        }
        if (maxLifetime != null) {
            option("--max-lifetime", () -> b.maxLifetime(maxLifetime));
        }
        if (issuers != null) {
            option("--issuers", () -> b.issuers(list(issuers)));
        }
        if (replay != null) {
            b.replayPolicy(replay);
        }
        if (replayStore != null) {
            b.replayStore(replayStore);
        }
        if (replayStorePasswordEnv != null && replayStorePasswordFile != null) {
            throw new IllegalArgumentException("--replay-store-password-env and --replay-store-password-file: give one");
        }
        if (replayStorePasswordEnv != null) {
            option("--replay-store-password-env", () -> b.replayStorePassword(
                    dev.bearerguard.core.replay.ReplayStoreRequest.passwordFromEnvironment(replayStorePasswordEnv, System::getenv)));
        }
        if (replayStorePasswordFile != null) {
            option("--replay-store-password-file", () -> b.replayStorePassword(
                    dev.bearerguard.core.replay.ReplayStoreRequest.passwordFromFile(replayStorePasswordFile)));
        }
        if (maxTokenSize != null) {
            option("--max-token-size", () -> b.maxTokenSize(maxTokenSize));
        }
        if (verifiedTokenCache != null) {
            option("--verified-token-cache", () -> b.verifiedTokenCache(verifiedTokenCache));
        }
        if (realm != null) {
            option("--realm", () -> b.realm(realm));
        }
        if (merchantHeader != null) {
            option("--merchant-header", () -> b.merchantHeader(merchantHeader));
        }
        for (String r : keyRestrictions) {
            option("--key-restriction", () -> b.keyRestriction(r));
        }
        for (String c : oauthClients) {
            int colon = c.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--oauth-client: write ID:SECRET");
            }
            b.oauthClient(c.substring(0, colon), c.substring(colon + 1));
        }
        if (auditLevel != null) {
            option("--audit-level", () -> b.auditLevel(dev.bearerguard.core.http.RequestGuard.parseAuditLevel(auditLevel)));
        }
        if (checkoutTokenLifetime != null) {
            option("--checkout-token-lifetime", () -> b.checkoutTokenLifetime(checkoutTokenLifetime));
        }
        if (trustForwardedProto && !requireHttps) {
            throw new IllegalArgumentException("--trust-forwarded-proto only makes sense with --require-https true");
        }
        if (requireHttps) {
            b.requireHttps(trustForwardedProto);
        }
        if (merchantBackend) {
            b.merchantBackend();
        }
        if (keys.isEmpty()) {
            b.demo(demoDir);
        }
        return b;
    }

    /** Runs a builder step, naming the option in its refusal. */
    private static void option(String name, Runnable step) {
        try {
            step.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static boolean bool(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("`" + dev.bearerguard.core.Sanitizer.text(v) + "` is not true or false");
        };
    }

    private static Set<String> list(String v) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("names nothing");
        }
        return out;
    }
}
