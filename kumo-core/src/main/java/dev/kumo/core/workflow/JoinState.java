package dev.kumo.core.workflow;

import java.util.SortedMap;

/**
 * A fan-in join: how many branches or elements are still to arrive, and the results of those that did.
 *
 * @param remaining how many have not arrived
 * @param results   index to result JSON (or large-result reference) of those that arrived
 */
public record JoinState(int remaining, SortedMap<Integer, String> results) {

    /** Copies the results. */
    public JoinState {
        results = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(results));
    }
}
