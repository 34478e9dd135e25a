package io.doris2pc.connector.client;

import java.io.IOException;

/** A Doris node gave no usable answer (transport failure or HTTP 5xx): another FE may be tried. */
public final class NodeUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    public NodeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
