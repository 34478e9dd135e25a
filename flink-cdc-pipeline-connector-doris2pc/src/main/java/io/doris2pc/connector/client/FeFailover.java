package io.doris2pc.connector.client;

import io.doris2pc.connector.config.FeNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a request to the FEs of {@code fenodes} in turn until one answers, starting with the last one that did.
 * Only {@link NodeUnavailableException}s move on to the next FE; any other failure is Doris's answer.
 */
public final class FeFailover {

    private static final Logger LOG = LoggerFactory.getLogger(FeFailover.class);

    /** One attempt against one FE. */
    @FunctionalInterface
    public interface FeCall<T> {
        T call(FeNode fe) throws IOException;
    }

    private final List<FeNode> nodes;
    private volatile int preferred;

    public FeFailover(List<FeNode> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no FE nodes");
        }
        this.nodes = List.copyOf(nodes);
    }

    public <T> T call(String what, FeCall<T> call) throws IOException {
        int start = preferred;
        List<String> failures = new ArrayList<>();
        NodeUnavailableException last = null;
        for (int i = 0; i < nodes.size(); i++) {
            int index = (start + i) % nodes.size();
            try {
                T result = call.call(nodes.get(index));
                preferred = index;
                return result;
            } catch (NodeUnavailableException e) {
                failures.add(e.getMessage());
                last = e;
                if (i + 1 < nodes.size()) {
                    LOG.warn("{}; trying the next FE of 'fenodes'", e.getMessage());
                }
            }
        }
        throw new NodeUnavailableException(
                "No Doris FE of 'fenodes' " + nodes + " answered " + what + ": " + String.join("; ", failures), last);
    }
}
