package dev.eventcontracts.registry.store;

import java.util.List;

/**
 * One page of search results.
 *
 * @param count how many artifacts matched in total
 * @param artifacts the artifacts on this page, each with its latest version
 */
public record SearchPage(int count, List<Registered> artifacts) {}
