package uk.nhs.incidents.webhook.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook is sent: an absolute http(s) URL naming a host, without a user name or password (a secret in a
 * URL ends up in logs and in every listing) or a fragment (never sent), and of a bounded length. Whether its host is
 * a public address is {@link AddressGuard}'s question, asked of the addresses the name resolves to.
 */
public record TargetUrl(URI uri, boolean https, String host, int port) {

    public static final int MAX_LENGTH = 2048;

    private static final int MAX_PORT = 65_535;

    /** What is wrong with {@code url} as a target, or nothing. */
    public static Optional<String> problem(String url, boolean requireHttps) {
        if (url.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        // java.net.URI takes other characters as they are, and they would go into the request line raw (a
        // right-to-left override reversing what a listing and the disabled notice show).
        if (url.chars().anyMatch(c -> c >= 0x7f)) {
            return Optional.of("must be ASCII: percent-encode other characters (RFC 3986)");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of(requireHttps ? "must be an https URL" : "must be an http or https URL");
        }
        if (requireHttps && !scheme.equals("https")) {
            return Optional.of("must use https");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("must name a host (letters, digits, dots and hyphens, or an IP address)");
        }
        if (uri.getPort() == 0 || uri.getPort() > MAX_PORT) {
            return Optional.of("must have a port from 1 to " + MAX_PORT);
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment (#...)");
        }
        return Optional.empty();
    }

    /** The target a URL names; call only with a URL {@link #problem} finds nothing wrong with. */
    public static TargetUrl of(String url) {
        URI uri = URI.create(url);
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new TargetUrl(uri, https, host, uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort());
    }

    /**
     * The {@code Host} to send: the host, an IPv6 address in its brackets, which the HTTP client leaves out when it
     * writes the header itself ({@code ::1:8443}, which strict servers refuse with 400); and the port unless the
     * scheme's own, as the client writes it.
     */
    public String authority() {
        String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == (https ? 443 : 80) ? name : name + ":" + port;
    }

    /** The path and query to request, as written. */
    public String pathAndQuery() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
