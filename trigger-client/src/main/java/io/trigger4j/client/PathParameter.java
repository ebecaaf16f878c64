package io.trigger4j.client;

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

	/** A waitpoint token's id, {@code waitpoint_...}. */
	WAITPOINT_ID("waitpointId"),

	/** The hash of a waitpoint token's callback URL: 64 lower-case hex characters. */
	CALLBACK_HASH("callbackHash"),

	/** A batch id, {@code batch_...}. */
	BATCH_ID("batchId");

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

}
