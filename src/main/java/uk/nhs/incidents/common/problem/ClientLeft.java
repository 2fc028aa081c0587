package uk.nhs.incidents.common.problem;

/**
 * The client closed the connection while a streamed answer was being written to it: nobody is left to answer, and
 * nothing failed on the service's side.
 */
public final class ClientLeft extends RuntimeException {

    public ClientLeft(Exception failure) {
        super("The client closed the connection during the answer", failure);
    }
}
