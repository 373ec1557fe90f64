package dev.bearerguard.cli;

import dev.bearerguard.core.Sanitizer;
import dev.bearerguard.core.json.StrictJson;
import dev.bearerguard.core.keys.KeyLoadException;
import dev.bearerguard.test.TokenSigner;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bearerguard mint}: signs a contract token with a private key, for tests and demos. The
 * token is printed once on standard output and nowhere else.
 *
 * <p>Not thread-safe: one instance serves one run.
 */
@Command(name = "mint", header = "Sign a token (for tests and demos).",
        mixinStandardHelpOptions = true, versionProvider = BearerguardCli.Version.class, sortOptions = false,
        description = {
            "Sign a token the way the field's SDKs do (ES512 for a P-521 key, kid = RFC 7638 thumbprint, "
                    + "UUID jti, nbf = iat = now) and print it. For tests and demos.",
            "",
            "Exit code: 0 printed; 2 usage or input error (unreadable or unusable key)."
        })
final class MintCommand implements Callable<Integer> {

    /** A value {@code --embed} writes as a JSON number: an integer or a plain decimal. */
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d{0,17})(\\.\\d{1,18})?");

    private final Io io;

    @Option(names = "--key", required = true, paramLabel = "PRIVATE.pem",
            description = "The private key (PKCS#8 or SEC1 PEM; EC P-256/384/521 or RSA).")
    Path key;

    @Option(names = "--scope", paramLabel = "SCOPE",
            description = "A scope to grant (repeatable; default: *.read and *.write).")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--lifetime", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "exp - nbf (default: ${DEFAULT-VALUE}), e.g. 60s, 1h.", defaultValue = "60s")
    Duration lifetime;

    @Option(names = "--embed", paramLabel = "NAME=VALUE",
            description = "An embed pin (repeatable), e.g. amount=1299 currency=USD; number-looking values become JSON numbers.")
    List<String> embed = new ArrayList<>();

    @Option(names = "--checkout-session-id", paramLabel = "ID", description = "The checkout_session_id claim.")
    String checkoutSessionId;

    @Option(names = "--issuer", paramLabel = "ISS", description = "The iss claim (default: bearerguard).")
    String issuer;

    @Option(names = "--jti", paramLabel = "ID", description = "The jti claim (default: a random UUID).")
    String jti;

    @Option(names = "--now", paramLabel = "EPOCH_SECONDS",
            description = "Use this instant (Unix seconds) as nbf and iat instead of the clock.")
    Long now;

    @Option(names = "--claim", paramLabel = "NAME=JSON",
            description = "Set any claim to a JSON value, or to a string if the value is not JSON "
                    + "(repeatable; applied last; for making bad tokens in tests), e.g. nbf=1700000000000.")
    List<String> claims = new ArrayList<>();

    MintCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (lifetime.isZero() || lifetime.isNegative()) {
            throw new InputException("--lifetime must be positive");
        }
        TokenSigner signer = signer();
        if (now != null) {
            signer = signer.withClock(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
        }
        TokenSigner.Draft draft = signer.token().lifetime(lifetime);
        if (!scopes.isEmpty()) {
            draft.scopes(scopes.toArray(String[]::new));
        }
        if (issuer != null) {
            draft.issuer(issuer);
        }
        if (jti != null) {
            draft.jti(jti);
        }
        if (checkoutSessionId != null) {
            draft.checkoutSessionId(checkoutSessionId);
        }
        for (String e : embed) {
            String[] nv = split(e, "--embed");
            draft.embed(nv[0], NUMBER.matcher(nv[1]).matches() ? number(nv[1]) : nv[1]);
        }
        for (String c : claims) {
            String[] nv = split(c, "--claim");
            draft.claim(nv[0], json(nv[1]));
        }
        io.out().println(draft.sign());
        io.out().flush();
        return ExitCodes.OK;
    }

    private TokenSigner signer() {
        String pem;
        try {
            pem = Files.readString(key, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("cannot read key file " + key + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        try {
            return TokenSigner.fromPem(pem);
        } catch (KeyLoadException e) {
            throw new InputException(key + ": " + e.getMessage());
        }
    }

    private static String[] split(String nameValue, String option) {
        int eq = nameValue.indexOf('=');
        if (eq <= 0) {
            throw new InputException(option + " needs NAME=VALUE, got '" + Sanitizer.text(nameValue) + "'");
        }
        return new String[] {nameValue.substring(0, eq), nameValue.substring(eq + 1)};
    }

    private static Object number(String s) {
        return s.indexOf('.') < 0 ? (Object) Long.parseLong(s) : new BigDecimal(s);
    }

    private static Object json(String s) {
        try {
            return StrictJson.parse(s);
        } catch (StrictJson.JsonException e) {
            return s;
        }
    }
}
