package io.trigger4j.client.model.runs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The trace of a run ({@code GET /api/v1/runs/{runId}/trace}): its root span and, below
 * it, every span of the run as a tree.
 *
 * @param traceId the OpenTelemetry trace id
 * @param rootSpan the run's own span; its {@link RunSpan#children()} hold the rest
 */
public record RunTrace(@JsonProperty(required = true) String traceId, @JsonProperty(required = true) RunSpan rootSpan) {

	/**
	 * Checks that the trace id and the root span are present.
	 * @param traceId the OpenTelemetry trace id
	 * @param rootSpan the run's own span; its {@link RunSpan#children()} hold the rest
	 */
	public RunTrace {
		Objects.requireNonNull(traceId, "traceId must not be null");
		Objects.requireNonNull(rootSpan, "rootSpan must not be null");
	}

	/**
	 * Every span of the tree, the root first, in depth-first order (a parent before its
	 * children, siblings in the server's order). Walks the tree without recursion, so a
	 * deep tree is fine.
	 * @return every span, the root first
	 */
	public List<RunSpan> spans() {
		List<RunSpan> spans = new ArrayList<>();
		Deque<RunSpan> pending = new ArrayDeque<>();
		pending.push(this.rootSpan);
		while (!pending.isEmpty()) {
			RunSpan span = pending.pop();
			spans.add(span);
			List<RunSpan> children = span.children();
			for (int i = children.size() - 1; i >= 0; i--) {
				pending.push(children.get(i));
			}
		}
		return spans;
	}

}
