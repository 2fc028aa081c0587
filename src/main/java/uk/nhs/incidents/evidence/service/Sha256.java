package uk.nhs.incidents.evidence.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The digest evidence content is recorded and checked with, chunk by chunk and whole. */
final class Sha256 {

    private Sha256() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
