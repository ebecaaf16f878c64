package io.trigger4j.client;

import java.util.Objects;

import io.trigger4j.client.internal.Checks;

/**
 * The kinds of value an operation's path carries. Each names the argument it comes from
 * (and the path template's variable) and checks it before anything is sent; kinds let
 * later checks validate by what a value is (a run id, a queue name) rather than where it
 * appears.
 */
enum PathParameter {

	/** A run id, {@code run_...}. */
	RUN_ID("runId"),

	/**
	 * A task's identifier, such as {@code send-welcome-email}: free text, sent as one
	 * segment.
	 */
	TASK_IDENTIFIER("taskIdentifier"),

	/** A project's ref, {@code proj_...}. */
	PROJECT_REF("projectRef") {
		@Override
		String check(String value) {
			super.check(value);
			if (!value.startsWith("proj_")) {
				throw new IllegalArgumentException(
						"projectRef must be a project ref starting with proj_ but was '" + value + "'");
			}
			return value;
		}
	},

	/**
	 * An environment's slug: {@code dev}, {@code staging}, {@code prod}, {@code preview}.
	 */
	ENVIRONMENT("env") {
		@Override
		String check(String value) {
			super.check(value);
			if (!value.matches("[a-z0-9-]+")) {
				throw new IllegalArgumentException(
						"env must be an environment slug such as dev, staging, prod or preview but was '" + value
								+ "'");
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
			super.check(value);
			if (!value.matches("[a-zA-Z0-9_%-]+")) {
				throw new IllegalArgumentException(
						"queue must be a queue id, task identifier or queue name of letters, digits, '_', '-' and '/' (sent as %2F) but was '"
								+ value + "'");
			}
			return value;
		}
	},

	/** A deployment id, {@code deployment_...}. */
	DEPLOYMENT_ID("deploymentId") {
		@Override
		String check(String value) {
			super.check(value);
			if (!value.startsWith("deployment_")) {
				throw new IllegalArgumentException(
						"deploymentId must be a deployment id starting with deployment_ but was '" + value + "'");
			}
			return value;
		}
	},

	/** A deployment version, such as {@code 20260820.3}. */
	DEPLOYMENT_VERSION("version"),

	/**
	 * A waitpoint token's id, {@code waitpoint_} and letters, digits, {@code _} or
	 * {@code -}. Messages name it {@code tokenId}, the methods' argument.
	 */
	WAITPOINT_ID("waitpointId") {
		@Override
		String check(String value) {
			Checks.requireId("tokenId", value);
			if (!value.matches("waitpoint_[A-Za-z0-9_-]+")) {
				throw new IllegalArgumentException(
						"tokenId must be a waitpoint token id starting with waitpoint_ but was '" + value + "'");
			}
			return value;
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
			super.check(value);
			if (!value.startsWith("batch_") || value.length() == "batch_".length()) {
				throw new IllegalArgumentException(
						"batchId must be a batch id starting with batch_ but was '" + value + "'");
			}
			return value;
		}
	},

	/**
	 * An idempotency key as sent: the SHA-256 hex of the user's key parts, or a key the
	 * caller passed as already hashed.
	 */
	IDEMPOTENCY_KEY("idempotencyKey"),

	/** The key of a run's realtime data stream, such as {@code openai}. */
	STREAM_KEY("streamKey"),

	/**
	 * The storage path of an offloaded packet, such as
	 * {@code trigger/<task>/<ms>-<rand>/payload.json}, sent as one segment.
	 */
	PACKET_PATH("packetPath");

	private final String argument;

	PathParameter(String argument) {
		this.argument = argument;
	}

	/** The argument's name, also the path template's variable, such as {@code runId}. */
	String argument() {
		return this.argument;
	}

	/**
	 * Checks a value of this kind.
	 * @throws IllegalArgumentException naming the argument when the value is not
	 * acceptable
	 */
	String check(String value) {
		return Checks.requireId(this.argument, value);
	}

	/**
	 * Whether values of this kind are secrets: then the request's URI must not reach
	 * messages, failures' causes or observations.
	 */
	boolean isSecret() {
		return false;
	}

}
