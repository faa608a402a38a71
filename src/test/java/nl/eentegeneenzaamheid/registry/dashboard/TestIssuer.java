package nl.eentegeneenzaamheid.registry.dashboard;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal OIDC issuer for the dashboard's sign-in test, on a local port: discovery, an authorization endpoint that
 * signs in at once (as a programme-team user) and sends the browser back with a code, and a token endpoint that
 * redeems the code only with the PKCE verifier whose S256 challenge came with it, answering with an RS256 JWT the
 * registry accepts (its public key is written to a file for {@code registry.oidc.public-key-location}).
 */
public final class TestIssuer implements AutoCloseable {

    public static final String CLIENT_ID = "registry-dashboard";

    private record Grant(String clientId, String redirectUri, String challenge) {
    }

    private final HttpServer server;
    private final KeyPair key;
    private final Path publicKey;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    /** The query parameters of each authorization request, in order. */
    final List<Map<String, String>> authorizations = new CopyOnWriteArrayList<>();
    /** The outcome of each token request: "issued" or why it was refused. */
    final List<String> redemptions = new CopyOnWriteArrayList<>();

    public TestIssuer() throws IOException, NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
        publicKey = Files.createTempFile("test-issuer", ".pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                                     + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                             .encodeToString(key.getPublic().getEncoded())
                                     + "\n-----END PUBLIC KEY-----\n");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The registry's settings for this issuer and its dashboard client. */
    public List<String> registryArguments() {
        return List.of("--registry.oidc.issuer-uri=" + issuer(), "--registry.oidc.client-id=" + CLIENT_ID,
                       "--registry.oidc.public-key-location=file:" + publicKey);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "{\"issuer\":\"" + issuer() + "\",\"authorization_endpoint\":\"" + issuer()
                               + "/authorize\",\"token_endpoint\":\"" + issuer() + "/token\"}");
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        authorizations.add(query);
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(query.get("client_id"), query.get("redirect_uri"), query.get("code_challenge")));
        exchange.getResponseHeaders().set("Location", query.get("redirect_uri") + "?code=" + code + "&state="
                                                      + query.get("state"));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(body.getOrDefault("code", ""));
        String refusal = grant == null ? "unknown code"
                : !"authorization_code".equals(body.get("grant_type")) ? "grant_type"
                : !grant.clientId().equals(body.get("client_id")) ? "client_id"
                : !grant.redirectUri().equals(body.get("redirect_uri")) ? "redirect_uri"
                : !grant.challenge().equals(s256(body.getOrDefault("code_verifier", ""))) ? "code_verifier"
                : null;
        redemptions.add(refusal == null ? "issued" : refusal);
        if (refusal != null) {
            respond(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"" + refusal + "\"}");
            return;
        }
        respond(exchange, 200, "{\"access_token\":\"" + jwt() + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    }

    private String jwt() {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).subject("dashboard-user-1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("preferred_username", "d.ashboard").claim("registry_role", "PROGRAMME_TEAM").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(key.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                       eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** JSON, readable by the dashboard's page from another origin (a public client's token request is CORS). */
    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        Files.deleteIfExists(publicKey);
    }
}
