package uk.nhs.incidents.common.cache;

/**
 * Fired in the transaction of a service that changes a cached data set, named as in reference_data_version, so
 * that this instance drops its copy as soon as the transaction ends ({@link ReferenceCaches}).
 */
public record ReferenceDataChanged(String name) {
}
