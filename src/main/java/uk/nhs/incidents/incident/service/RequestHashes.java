package uk.nhs.incidents.incident.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a request as the service understood it (re-serialised from the parsed body), so that a retry that
 * differs only in whitespace or field order counts as the same request. Given the API's request record as parsed,
 * never a record built from it: stored keys hold hashes of that form, and their retries must keep matching.
 */
@ApplicationScoped
public class RequestHashes {

    private final ObjectMapper json;

    RequestHashes(ObjectMapper json) {
        this.json = json;
    }

    public String of(Object request) {
        try {
            byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the request", e);
        }
    }
}
