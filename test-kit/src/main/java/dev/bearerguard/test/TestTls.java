package dev.bearerguard.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed TLS certificate for {@code 127.0.0.1}, made by the JDK's own {@code keytool} in a
 * folder the test owns, for adapter tests that must prove what a request over a real TLS connection
 * looks like to the container. Also a raw HTTP/1.1 exchange, for requests a normal client will not
 * send (an absolute-form request target over plain HTTP).
 *
 * @param keyStore the PKCS#12 key store holding the key and certificate
 * @param password its password
 */
public record TestTls(Path keyStore, String password) {

    /**
     * Makes a P-256 key and a certificate for {@code 127.0.0.1} (SAN {@code ip:127.0.0.1}), valid
     * for two days, in {@code dir/tls.p12}.
     *
     * @param dir a folder the caller owns (a JUnit {@code @TempDir})
     * @return the key store
     * @throws IOException if keytool fails
     */
    public static TestTls selfSigned(Path dir) throws IOException {
        Path ks = dir.resolve("tls.p12");
        String pass = "changeit";
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "test", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", pass, "-keypass", pass)
                .redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(ks)) {
                throw new IOException("keytool failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
        return new TestTls(ks, pass);
    }

    /** A client context that trusts exactly this certificate. */
    public SSLContext clientContext() throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            trust.load(in, password.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** A server context presenting this key and certificate (for a test server of its own). */
    public SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, password.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /**
     * Sends one raw HTTP/1.1 request over plain TCP and returns the status code of the answer.
     *
     * @param port          the server's loopback port
     * @param requestTarget the request target exactly as written on the request line (e.g. {@code
     *                      https://127.0.0.1:8080/app/x})
     * @param headers       header lines ({@code Name: value}), besides {@code Host} and {@code
     *                      Connection: close}
     * @return the status code
     * @throws IOException if the exchange fails
     */
    public static int rawRequest(int port, String method, String requestTarget, List<String> headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder(method).append(' ').append(requestTarget).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            String[] statusLine = answer.split("\r\n", 2)[0].split(" ");
            if (statusLine.length < 2) {
                throw new IOException("no HTTP answer: " + answer);
            }
            return Integer.parseInt(statusLine[1]);
        }
    }
}
