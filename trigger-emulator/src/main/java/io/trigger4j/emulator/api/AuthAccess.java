package io.trigger4j.emulator.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.trigger4j.emulator.engine.Engine;
import io.trigger4j.emulator.engine.RunSnapshot;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * What a route that accepts public access tokens (JWTs) lets them do, as the server's
 * {@code authorization: {action, resource}} blocks declare it (api-semantics.md 1.2): the
 * action and the resources the request touches, resolved per request. A secret key may do
 * anything; a token must grant the action on the resources, else 403. When the resources
 * cannot be resolved (the run does not exist), the route's handler answers (its own 404),
 * as the server answers 404 before 403.
 *
 * @param action {@code read}, {@code write}, {@code trigger}, {@code batchTrigger}
 * @param resolver the resources a request touches; empty when they do not exist
 */
record AuthAccess(String action, Function<ServerRequest, Mono<Resources>> resolver) {

	AuthAccess {
		Objects.requireNonNull(action, "action must not be null");
		Objects.requireNonNull(resolver, "resolver must not be null");
	}

	/** Fixed resources, such as {@code read} on the collection {@code queues}. */
	static AuthAccess of(String action, Resources resources) {
		return new AuthAccess(action, (request) -> Mono.just(resources));
	}

	/** Any of the collections, such as {@code read} on {@code runs} or {@code tasks}. */
	static AuthAccess collection(String action, String... types) {
		List<Resource> resources = new ArrayList<>();
		for (String type : types) {
			resources.add(Resource.of(type));
		}
		return of(action, Resources.any(resources));
	}

	/**
	 * The one resource a path variable names, such as {@code write} on
	 * {@code waitpoints:<id>} or {@code trigger} on {@code tasks:<id>}.
	 */
	static AuthAccess pathResource(String action, String type, String pathVariable) {
		return new AuthAccess(action,
				(request) -> Mono.just(Resources.any(List.of(Resource.of(type, request.pathVariable(pathVariable))))));
	}

	/**
	 * Any valid token, whatever its scopes (a route with {@code allowJWT} and no
	 * {@code authorization}, such as {@code GET /api/v1/packets/*}).
	 */
	static AuthAccess anyToken() {
		return new AuthAccess("read", (request) -> Mono.just(Resources.ALL));
	}

	/**
	 * Tokens are let in and the handler checks them with
	 * {@link Guard#authorize(ServerRequest, String, Resources)} once it has read what the
	 * request touches (the tasks of a batch body, the tables of a query).
	 */
	static AuthAccess inHandler() {
		return anyToken();
	}

	/**
	 * A run by its id in a path variable (retrieve, trace, events, a realtime run, a
	 * stream): the token must grant {@code action} on any of {@code runs:<id>},
	 * {@code tasks:<task>}, {@code tags:<tag>} of its tags or {@code batch:<batchId>}. A
	 * missing run leaves the answer to the handler.
	 */
	static AuthAccess run(Engine engine, String action, String runIdVariable) {
		return new AuthAccess(action,
				(request) -> findRun(engine, request.pathVariable(runIdVariable)).map(AuthAccess::runResources));
	}

	/**
	 * A run to change by its id in a path variable (cancel): {@code runs:<id>} or
	 * {@code tasks:<task>}; {@code runs:<id>} alone for a missing run.
	 */
	static AuthAccess runOrTask(Engine engine, String action, String runIdVariable) {
		return new AuthAccess(action, (request) -> {
			String runId = request.pathVariable(runIdVariable);
			return findRun(engine, runId)
				.map((run) -> Resources
					.any(List.of(Resource.of("runs", run.id()), Resource.of("tasks", run.taskIdentifier()))))
				.defaultIfEmpty(Resources.any(List.of(Resource.of("runs", runId))));
		});
	}

	/**
	 * A batch by its id in a path variable: {@code read:batch:<id>} or the collection
	 * {@code runs}. A missing batch leaves the answer to the handler.
	 */
	static AuthAccess batch(Engine engine, String batchIdVariable) {
		return new AuthAccess("read", (request) -> {
			String batchId = request.pathVariable(batchIdVariable);
			return EngineCalls.call(() -> engine.batches().find(batchId))
				.flatMap((found) -> Mono.justOrEmpty(found.map((batch) -> batchId)))
				.map((id) -> Resources.any(List.of(Resource.of("batch", id), Resource.of("runs"))));
		});
	}

	/**
	 * Runs listed by tags in a query parameter (the realtime runs feed): the collections
	 * {@code runs} or {@code tags}, or {@code tags:<tag>} for a tag the request names
	 * (comma-separated or repeated).
	 */
	static AuthAccess runsWithTags(String tagsParameter) {
		return new AuthAccess("read", (request) -> {
			List<Resource> resources = new ArrayList<>(List.of(Resource.of("runs"), Resource.of("tags")));
			for (String value : request.queryParams().getOrDefault(tagsParameter, List.of())) {
				for (String tag : value.split(",")) {
					if (!tag.isBlank()) {
						resources.add(Resource.of("tags", tag.trim()));
					}
				}
			}
			return Mono.just(Resources.any(resources));
		});
	}

	/** The resources of a run a token may reach it by. */
	static Resources runResources(RunSnapshot run) {
		List<Resource> resources = new ArrayList<>();
		resources.add(Resource.of("runs", run.id()));
		resources.add(Resource.of("tasks", run.taskIdentifier()));
		for (String tag : run.tags()) {
			resources.add(Resource.of("tags", tag));
		}
		if (run.batchId() != null) {
			resources.add(Resource.of("batch", run.batchId()));
		}
		return Resources.any(resources);
	}

	private static Mono<RunSnapshot> findRun(Engine engine, String runId) {
		return EngineCalls.call(() -> engine.find(runId)).flatMap(Mono::justOrEmpty);
	}

	/**
	 * A resource a token's scope may name.
	 *
	 * @param type {@code runs}, {@code tasks}, {@code tags}, {@code batch},
	 * {@code waitpoints}, {@code queues}, {@code query}, ...
	 * @param id its id, or {@code null} for the collection
	 */
	record Resource(String type, @Nullable String id) {

		static Resource of(String type) {
			return new Resource(type, null);
		}

		static Resource of(String type, String id) {
			return new Resource(type, id);
		}

	}

	/**
	 * What a request touches: granted when any of {@code resources} is granted
	 * ({@code anyResource}), or, for {@code every}, when any of {@code orResources} is or
	 * else each of {@code resources} is ({@code everyResource}; never for none).
	 *
	 * @param resources the resources
	 * @param orResources the broader alternatives of an {@code every}
	 * @param every whether each resource must be granted
	 * @param all whether any token is granted
	 */
	record Resources(List<Resource> resources, List<Resource> orResources, boolean every, boolean all) {

		static final Resources ALL = new Resources(List.of(), List.of(), false, true);

		Resources {
			resources = List.copyOf(resources);
			orResources = List.copyOf(orResources);
		}

		static Resources any(List<Resource> resources) {
			return new Resources(resources, List.of(), false, false);
		}

		/**
		 * Each of the resources (duplicates dropped), unless any alternative is granted.
		 */
		static Resources every(List<Resource> resources, List<Resource> orResources) {
			return new Resources(new ArrayList<>(new LinkedHashSet<>(resources)), orResources, true, false);
		}

		boolean grantedTo(AuthCredential credential, String action) {
			if (this.all || !credential.isPublicToken()) {
				return true;
			}
			if (this.every) {
				if (this.orResources.stream().anyMatch((resource) -> credential.can(action, resource))) {
					return true;
				}
				return !this.resources.isEmpty()
						&& this.resources.stream().allMatch((resource) -> credential.can(action, resource));
			}
			return this.resources.stream().anyMatch((resource) -> credential.can(action, resource));
		}

	}

}
