package io.trigger4j.client.model.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.trigger4j.client.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * What a public access token grants: scopes {@code action:resource} (every resource of
 * that kind) and {@code action:resource:id} (one), with the actions {@code read},
 * {@code write}, {@code trigger} and {@code batchTrigger}. Immutable; build with
 * {@link #builder()}. {@link #values()} lists them in the order the TypeScript SDK's
 * {@code flattenScopes} does for the same permissions: grouped by action in the order
 * actions were first given, then by resource in the order resources were first given,
 * then ids in order.
 *
 * <pre>{@code
 * Scopes.builder()
 *     .read(ScopeResource.RUNS, "run_1234")    // read:runs:run_1234
 *     .read(ScopeResource.TAGS, "user:42")     // read:tags:user:42
 *     .write(ScopeResource.WAITPOINTS)         // write:waitpoints (every token)
 *     .build();
 * }</pre>
 */
public final class Scopes {

	private static final Scopes NONE = new Scopes(List.of());

	private final List<String> values;

	private Scopes(List<String> values) {
		this.values = List.copyOf(values);
	}

	/**
	 * {@return the empty scopes: a token with them grants nothing}
	 */
	public static Scopes none() {
		return NONE;
	}

	/**
	 * {@return a builder for scopes}
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * {@return the scopes as the token carries them, such as {@code read:runs:run_1234}}
	 */
	public List<String> values() {
		return this.values;
	}

	/**
	 * {@return whether there is no scope}
	 */
	public boolean isEmpty() {
		return this.values.isEmpty();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof Scopes that && this.values.equals(that.values));
	}

	@Override
	public int hashCode() {
		return this.values.hashCode();
	}

	@Override
	public String toString() {
		return "Scopes" + this.values;
	}

	/**
	 * Builds {@link Scopes}. A method without ids grants the action on every resource of
	 * the kind; one with ids grants it on those, each checked not to be blank.
	 */
	public static final class Builder {

		/** action → resource → ids, where a {@code null} id stands for every resource. */
		private final Map<String, Map<ScopeResource, List<@Nullable String>>> permissions = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * {@code read:<resource>}: read every resource of the kind.
		 * @param resource the kind of resource
		 * @return this builder
		 */
		public Builder read(ScopeResource resource) {
			return add("read", resource, null);
		}

		/**
		 * {@code read:<resource>:<id>} for each id.
		 * @param resource the kind of resource
		 * @param id the first id
		 * @param moreIds more ids
		 * @return this builder
		 */
		public Builder read(ScopeResource resource, String id, String... moreIds) {
			return add("read", resource, ids(id, moreIds));
		}

		/**
		 * {@code read:<resource>:<id>} for each id; at least one.
		 * @param resource the kind of resource
		 * @param ids the ids, at least one
		 * @return this builder
		 */
		public Builder read(ScopeResource resource, Collection<String> ids) {
			return add("read", resource, ids(ids));
		}

		/**
		 * {@code write:<resource>}: write every resource of the kind.
		 * @param resource the kind of resource
		 * @return this builder
		 */
		public Builder write(ScopeResource resource) {
			return add("write", resource, null);
		}

		/**
		 * {@code write:<resource>:<id>} for each id.
		 * @param resource the kind of resource
		 * @param id the first id
		 * @param moreIds more ids
		 * @return this builder
		 */
		public Builder write(ScopeResource resource, String id, String... moreIds) {
			return add("write", resource, ids(id, moreIds));
		}

		/**
		 * {@code write:<resource>:<id>} for each id; at least one.
		 * @param resource the kind of resource
		 * @param ids the ids, at least one
		 * @return this builder
		 */
		public Builder write(ScopeResource resource, Collection<String> ids) {
			return add("write", resource, ids(ids));
		}

		/**
		 * {@code trigger:<resource>}, such as {@code trigger:tasks} (every task).
		 * @param resource the kind of resource
		 * @return this builder
		 */
		public Builder trigger(ScopeResource resource) {
			return add("trigger", resource, null);
		}

		/**
		 * {@code trigger:<resource>:<id>} for each id, such as a task's identifier.
		 * @param resource the kind of resource
		 * @param id the first id
		 * @param moreIds more ids
		 * @return this builder
		 */
		public Builder trigger(ScopeResource resource, String id, String... moreIds) {
			return add("trigger", resource, ids(id, moreIds));
		}

		/**
		 * {@code trigger:<resource>:<id>} for each id; at least one.
		 * @param resource the kind of resource
		 * @param ids the ids, at least one
		 * @return this builder
		 */
		public Builder trigger(ScopeResource resource, Collection<String> ids) {
			return add("trigger", resource, ids(ids));
		}

		/**
		 * {@code batchTrigger:<resource>}, such as {@code batchTrigger:tasks}.
		 * @param resource the kind of resource
		 * @return this builder
		 */
		public Builder batchTrigger(ScopeResource resource) {
			return add("batchTrigger", resource, null);
		}

		/**
		 * {@code batchTrigger:<resource>:<id>} for each id.
		 * @param resource the kind of resource
		 * @param id the first id
		 * @param moreIds more ids
		 * @return this builder
		 */
		public Builder batchTrigger(ScopeResource resource, String id, String... moreIds) {
			return add("batchTrigger", resource, ids(id, moreIds));
		}

		/**
		 * {@code batchTrigger:<resource>:<id>} for each id; at least one.
		 * @param resource the kind of resource
		 * @param ids the ids, at least one
		 * @return this builder
		 */
		public Builder batchTrigger(ScopeResource resource, Collection<String> ids) {
			return add("batchTrigger", resource, ids(ids));
		}

		/**
		 * {@return the scopes, in the SDK's order}
		 */
		public Scopes build() {
			List<String> values = new ArrayList<>();
			this.permissions.forEach((action, resources) -> resources.forEach((resource, ids) -> {
				for (String id : ids) {
					values.add(action + ":" + resource.value() + ((id != null) ? ":" + id : ""));
				}
			}));
			return new Scopes(values);
		}

		private static List<String> ids(String id, String... moreIds) {
			Objects.requireNonNull(moreIds, "ids must not be null");
			List<String> ids = new ArrayList<>(1 + moreIds.length);
			ids.add(id);
			ids.addAll(Arrays.asList(moreIds));
			return ids(ids);
		}

		private static List<String> ids(Collection<String> ids) {
			Objects.requireNonNull(ids, "ids must not be null");
			if (ids.isEmpty()) {
				// An empty list would grant nothing here but everything if read as
				// "no ids": refuse it.
				throw new IllegalArgumentException(
						"ids must not be empty; to grant every resource of the kind, " + "call the method without ids");
			}
			List<String> checked = new ArrayList<>(ids.size());
			int index = 0;
			for (String id : ids) {
				String argument = "ids[" + index++ + "]";
				Checks.requireId(argument, id);
				checked.add(id);
			}
			return checked;
		}

		private Builder add(String action, ScopeResource resource, @Nullable List<String> ids) {
			Objects.requireNonNull(resource, "resource must not be null");
			List<@Nullable String> values = this.permissions.computeIfAbsent(action, (key) -> new LinkedHashMap<>())
				.computeIfAbsent(resource, (key) -> new ArrayList<>());
			if (ids == null) {
				values.add(null);
			}
			else {
				values.addAll(ids);
			}
			return this;
		}

	}

}
