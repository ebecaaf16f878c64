package io.trigger4j.client;

import java.util.Objects;

import io.trigger4j.client.internal.Checks;

/**
 * The kinds of value an operation's path carries. Each names the argument it comes from
 * (and the path template's variable) and checks it before anything is sent, by what the
 * value is (a run id, a queue name) rather than where it appears: ids of a known format
 * (api-semantics.md section 5) must have their prefix and only letters, digits, {@code _}
 * and {@code -}, at most {@value Checks#MAX_ID_LENGTH} characters; free text (a task
 * identifier, a schedule's deduplication key) must not hold {@code /}, {@code ?},
 * {@code #}, a backslash or control characters, nor be {@code .} or {@code ..}, and has
 * at most {@value Checks#MAX_PATH_VALUE_LENGTH} characters.
 */
enum PathParameter {

	/** A run id, {@code run_...}. */
	RUN_ID("runId") {
		@Override
		String check(String value) {
			return Checks.requirePrefixedId(argument(), value, "run_", "run id");
		}
	},

	/**
	 * A task's identifier, such as {@code send-welcome-email}: free text, sent as one
	 * segment.
	 */
	TASK_IDENTIFIER("taskIdentifier"),

	/** A project's ref, {@code proj_...}. */
	PROJECT_REF("projectRef") {
		@Override
		String check(String value) {
			return Checks.requirePrefixedId(argument(), value, "proj_", "project ref");
		}
	},

	/**
	 * An environment's slug: {@code dev}, {@code staging}, {@code prod}, {@code preview}.
	 */
	ENVIRONMENT("env") {
		@Override
		String check(String value) {
			Checks.requireId(argument(), value);
			Checks.requireMaxLength(argument(), value, Checks.MAX_ID_LENGTH);
			if (!value.matches("[a-z0-9-]+")) {
				throw new IllegalArgumentException(
						"env must be an environment slug such as dev, staging, prod or preview but was "
								+ Checks.quote(value));
			}
			return value;
		}
	},

	/**
	 * A schedule id ({@code sched_...}), or a schedule's deduplication key where the
	 * route takes one.
	 */
	SCHEDULE_ID("scheduleId"),

	/**
	 * An environment variable's name, such as {@code SLACK_API_KEY}: letters, digits and
	 * underscores.
	 */
	ENV_VAR_NAME("name") {
		@Override
		String check(String value) {
			if (value != null) {
				Checks.requireMaxLength(argument(), value, Checks.MAX_PATH_VALUE_LENGTH);
				if (value.chars().anyMatch(Character::isISOControl)) {
					throw new IllegalArgumentException(argument()
							+ " must be a variable name of letters, digits and underscores ([A-Za-z0-9_]+) but was "
							+ Checks.quote(value));
				}
			}
			return DefaultEnvVarsOperations.requireName(argument(), value);
		}
	},

	/**
	 * A queue: its id ({@code queue_...}), a task's identifier or a custom queue's name,
	 * checked by {@code QueueRef}. A name comes here with each {@code /} already replaced
	 * by {@code %2F} (see {@code DefaultQueuesOperations.pathValue}), so that it goes out
	 * as {@code %252F}; a raw {@code /} is refused.
	 */
	QUEUE("queue") {
		@Override
		String check(String value) {
			Checks.requireId(argument(), value);
			Checks.requireMaxLength(argument(), value, Checks.MAX_PATH_VALUE_LENGTH);
			if (!value.matches("[a-zA-Z0-9_%-]+")) {
				throw new IllegalArgumentException(
						"queue must be a queue id, task identifier or queue name of letters, digits, '_', '-' and '/' (sent as %2F) but was "
								+ Checks.quote(value));
			}
			return value;
		}
	},

	/** A deployment id, {@code deployment_...}. */
	DEPLOYMENT_ID("deploymentId") {
		@Override
		String check(String value) {
			return Checks.requirePrefixedId(argument(), value, "deployment_", "deployment id");
		}
	},

	/**
	 * A deployment version, such as {@code 20260820.3}: letters, digits, {@code .},
	 * {@code _} and {@code -}, starting with a letter or digit.
	 */
	DEPLOYMENT_VERSION("version") {
		@Override
		String check(String value) {
			Checks.requireId(argument(), value);
			Checks.requireMaxLength(argument(), value, Checks.MAX_ID_LENGTH);
			if (!value.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
				throw new IllegalArgumentException(
						"version must be a deployment version such as 20260820.3 but was " + Checks.quote(value));
			}
			return value;
		}
	},

	/**
	 * A waitpoint token's id, {@code waitpoint_} and letters, digits, {@code _} or
	 * {@code -}. Messages name it {@code tokenId}, the methods' argument.
	 */
	WAITPOINT_ID("waitpointId") {
		@Override
		String check(String value) {
			return Checks.requirePrefixedId("tokenId", value, "waitpoint_", "waitpoint token id");
		}
	},

	/**
	 * The hash of a waitpoint token's callback URL: 64 lower-case hex characters. A
	 * secret (it alone lets anyone complete the token): messages never show it, and
	 * {@link #isSecret()} keeps it out of failures and observations.
	 */
	CALLBACK_HASH("callbackHash") {
		@Override
		String check(String value) {
			Objects.requireNonNull(value, "callbackHash must not be null");
			if (!value.matches("[0-9a-f]{64}")) {
				throw new IllegalArgumentException(
						"callbackHash must be 64 lower-case hex characters (the value is secret and not shown)");
			}
			return value;
		}

		@Override
		boolean isSecret() {
			return true;
		}
	},

	/** A batch id, {@code batch_...}. */
	BATCH_ID("batchId") {
		@Override
		String check(String value) {
			return Checks.requirePrefixedId(argument(), value, "batch_", "batch id");
		}
	},

	/**
	 * An idempotency key as sent: the SHA-256 hex of the user's key parts, or a key the
	 * caller passed as already hashed.
	 */
	IDEMPOTENCY_KEY("idempotencyKey") {
		@Override
		String check(String value) {
			return Checks.requirePathSegment(argument(), value, Checks.MAX_IDEMPOTENCY_KEY_LENGTH, false);
		}
	},

	/** The key of a run's realtime data stream, such as {@code openai}. */
	STREAM_KEY("streamKey"),

	/**
	 * The storage path of an offloaded packet, such as
	 * {@code trigger/<task>/<ms>-<rand>/payload.json}, sent as one segment.
	 */
	PACKET_PATH("packetPath") {
		@Override
		String check(String value) {
			return Checks.requirePathSegment(argument(), value, Checks.MAX_PATH_VALUE_LENGTH, true);
		}
	};

	private final String argument;

	PathParameter(String argument) {
		this.argument = argument;
	}

	/** The argument's name, also the path template's variable, such as {@code runId}. */
	String argument() {
		return this.argument;
	}

	/**
	 * Checks a value of this kind; by default free text sent as one segment.
	 * @throws IllegalArgumentException naming the argument when the value is not
	 * acceptable
	 */
	String check(String value) {
		return Checks.requirePathSegment(this.argument, value, Checks.MAX_PATH_VALUE_LENGTH, false);
	}

	/**
	 * Whether values of this kind are secrets: then the request's URI must not reach
	 * messages, failures' causes or observations.
	 */
	boolean isSecret() {
		return false;
	}

}
