package uk.nhs.incidents.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * DEV AND TEST ONLY. Mints RS256 tokens signed with the dev key under {@code src/test/resources/dev/jwt}. Uses
 * nothing but the JDK, so a developer runs it straight from source:
 *
 * <pre>java src/test/java/uk/nhs/incidents/security/DevToken.java provider A81001 [user]</pre>
 *
 * Tests use the builder to mint expired, foreign-issuer and wrongly-signed tokens as well.
 */
public final class DevToken {

    public static final String DEV_ISSUER = "urn:nhs-incidents:dev";
    public static final String DEV_AUDIENCE = "urn:nhs-incidents:dev-api";
    private static final String KEY_FOLDER = "dev/jwt/";

    private final List<String> roles;
    private String organisation;
    private String user;
    private String issuer = DEV_ISSUER;
    private Instant issuedAt = Instant.now();
    private Duration lifetime = Duration.ofHours(8);
    private String keyFile = "privateKey.pem";
    private String audience = DEV_AUDIENCE;
    private final Map<String, String> rawClaims = new LinkedHashMap<>();
    private final Set<String> omitted = new HashSet<>();

    private DevToken(List<String> roles) {
        this.roles = roles;
    }

    public static DevToken roles(String... roles) {
        return new DevToken(Arrays.asList(roles));
    }

    public DevToken org(String odsCode) {
        this.organisation = odsCode;
        return this;
    }

    public DevToken user(String name) {
        this.user = name;
        return this;
    }

    public DevToken issuer(String name) {
        this.issuer = name;
        return this;
    }

    public DevToken expired() {
        this.issuedAt = Instant.now().minus(Duration.ofHours(2));
        this.lifetime = Duration.ofHours(1);
        return this;
    }

    public DevToken issuedAt(Instant instant) {
        this.issuedAt = instant;
        return this;
    }

    public DevToken audience(String name) {
        this.audience = name;
        return this;
    }

    /** Sets a claim to any JSON value, written as given ({@code "[1,2]"}, {@code "{}"}), replacing the usual one. */
    public DevToken claim(String name, String json) {
        rawClaims.put(name, json);
        return this;
    }

    /** Leaves a claim out, the usual one included. */
    public DevToken without(String name) {
        omitted.add(name);
        return this;
    }

    public DevToken signedByUntrustedKey() {
        this.keyFile = "untrustedPrivateKey.pem";
        return this;
    }

    public String mint() {
        String header = json("\"alg\":\"RS256\",\"typ\":\"JWT\"");
        String groups = roles.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        String who = user != null ? user : String.join("-", roles) + "@" + organisation;
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("iss", quoted(issuer));
        claims.put("sub", quoted(who));
        claims.put("upn", quoted(who));
        claims.put("jti", quoted(UUID.randomUUID().toString()));
        claims.put("iat", String.valueOf(issuedAt.getEpochSecond()));
        claims.put("exp", String.valueOf(issuedAt.plus(lifetime).getEpochSecond()));
        claims.put("groups", "[" + groups + "]");
        if (audience != null) {
            claims.put("aud", quoted(audience));
        }
        if (organisation != null) {
            claims.put("org", quoted(organisation));
        }
        claims.putAll(rawClaims);
        claims.keySet().removeAll(omitted);
        String members = claims.entrySet().stream().map(c -> quoted(c.getKey()) + ":" + c.getValue())
                .collect(Collectors.joining(","));
        String signingInput = header + "." + json(members);
        return signingInput + "." + base64(sign(signingInput));
    }

    private byte[] sign(String input) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot sign the dev token", e);
        }
    }

    private PrivateKey privateKey() throws IOException, GeneralSecurityException {
        String pem = new String(readKey(), StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private byte[] readKey() throws IOException {
        try (InputStream onClasspath = DevToken.class.getClassLoader().getResourceAsStream(KEY_FOLDER + keyFile)) {
            if (onClasspath != null) {
                return onClasspath.readAllBytes();
            }
        }
        return Files.readAllBytes(Path.of("src/test/resources", KEY_FOLDER, keyFile));
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static String json(String members) {
        return base64(("{" + members + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: java src/test/java/uk/nhs/incidents/security/DevToken.java ROLE[,ROLE] ODS_CODE [USER]");
            System.exit(2);
        }
        DevToken token = roles(args[0].split(",")).org(args[1]);
        if (args.length > 2) {
            token.user(args[2]);
        }
        System.out.println(token.mint());
    }
}
