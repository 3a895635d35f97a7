package dev.eventcontracts.it;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Strongly connected components (Tarjan) of a package graph: every component of size > 1 is a cycle. */
final class PackageCycles {

    private final Map<String, Set<String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> lowLink = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<List<String>> cycles = new ArrayList<>();
    private int counter;

    private PackageCycles(Map<String, Set<String>> graph) {
        this.graph = graph;
    }

    /** Each cycle as its sorted package names. */
    static List<List<String>> find(Map<String, Set<String>> graph) {
        PackageCycles finder = new PackageCycles(graph);
        new TreeSet<>(graph.keySet()).forEach(node -> {
            if (!finder.index.containsKey(node)) {
                finder.visit(node);
            }
        });
        return finder.cycles;
    }

    private void visit(String node) {
        index.put(node, counter);
        lowLink.put(node, counter);
        counter++;
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                visit(next);
                lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
            } else if (onStack.contains(next)) {
                lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
            }
        }
        if (lowLink.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                cycles.add(List.copyOf(component));
            }
        }
    }
}
