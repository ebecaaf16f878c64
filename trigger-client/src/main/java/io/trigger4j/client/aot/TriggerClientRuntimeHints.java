package io.trigger4j.client.aot;

import java.util.List;

import io.trigger4j.client.model.CursorPage;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.MachinePreset;
import io.trigger4j.client.model.OffsetPage;
import io.trigger4j.client.model.auth.ScopeResource;
import io.trigger4j.client.model.batches.Batch;
import io.trigger4j.client.model.batches.BatchHandle;
import io.trigger4j.client.model.batches.BatchItem;
import io.trigger4j.client.model.batches.BatchItemError;
import io.trigger4j.client.model.batches.BatchOptions;
import io.trigger4j.client.model.batches.BatchProcessing;
import io.trigger4j.client.model.batches.BatchResults;
import io.trigger4j.client.model.batches.BatchStatus;
import io.trigger4j.client.model.batches.BatchTriggerResult;
import io.trigger4j.client.model.batches.BatchTriggered;
import io.trigger4j.client.model.deployments.Deployment;
import io.trigger4j.client.model.deployments.DeploymentError;
import io.trigger4j.client.model.deployments.DeploymentStatus;
import io.trigger4j.client.model.deployments.DeploymentTask;
import io.trigger4j.client.model.deployments.DeploymentWorker;
import io.trigger4j.client.model.deployments.PromotedDeployment;
import io.trigger4j.client.model.envvars.EnvVar;
import io.trigger4j.client.model.query.QueryResult;
import io.trigger4j.client.model.query.QueryScope;
import io.trigger4j.client.model.queues.Queue;
import io.trigger4j.client.model.queues.QueueConcurrency;
import io.trigger4j.client.model.queues.QueueRef;
import io.trigger4j.client.model.queues.QueueType;
import io.trigger4j.client.model.runs.RelatedRuns;
import io.trigger4j.client.model.runs.Run;
import io.trigger4j.client.model.runs.RunAttempt;
import io.trigger4j.client.model.runs.RunEnvironment;
import io.trigger4j.client.model.runs.RunError;
import io.trigger4j.client.model.runs.RunEvent;
import io.trigger4j.client.model.runs.RunResult;
import io.trigger4j.client.model.runs.RunSchedule;
import io.trigger4j.client.model.runs.RunSpan;
import io.trigger4j.client.model.runs.RunStatus;
import io.trigger4j.client.model.runs.RunSubscriptionOptions;
import io.trigger4j.client.model.runs.RunTrace;
import io.trigger4j.client.model.runs.SpanEvent;
import io.trigger4j.client.model.runs.SpanKind;
import io.trigger4j.client.model.runs.SpanLevel;
import io.trigger4j.client.model.schedules.Schedule;
import io.trigger4j.client.model.schedules.ScheduleType;
import io.trigger4j.client.model.tasks.TriggerOptions;
import io.trigger4j.client.model.tasks.TriggeredRun;
import io.trigger4j.client.model.waitpoints.CreatedWaitpointToken;
import io.trigger4j.client.model.waitpoints.WaitpointError;
import io.trigger4j.client.model.waitpoints.WaitpointToken;
import io.trigger4j.client.model.waitpoints.WaitpointTokenStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * The reflection a native image needs for the client to read and write JSON:
 * constructors, accessors and record components of every type Jackson reads or writes
 * (the public model and the client's package-private wire records: request bodies,
 * answers and page wrappers), and the deserializers Jackson instantiates.
 *
 * <p>
 * Spring's AOT processing finds it in {@code META-INF/spring/aot.factories}; a plain-Java
 * GraalVM build can call {@link #registerHints(RuntimeHints, ClassLoader)} from its own
 * feature.
 */
public final class TriggerClientRuntimeHints implements RuntimeHintsRegistrar {

	private static final MemberCategory[] MEMBERS = { MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
			MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS };

	/** The registrar, as Spring's AOT processing creates it. */
	public TriggerClientRuntimeHints() {
	}

	/** The public model types Jackson reads or writes. */
	static final List<Class<?>> MODEL_TYPES = List.of(CursorPage.class, JsonValue.class, MachinePreset.class,
			MachinePreset.Known.class, OffsetPage.class, ScopeResource.class, Batch.class, BatchHandle.class,
			BatchItem.class, BatchItemError.class, BatchOptions.class, BatchOptions.ProcessingStrategy.class,
			BatchProcessing.class, BatchResults.class, BatchStatus.class, BatchStatus.Known.class,
			BatchTriggerResult.class, BatchTriggered.class, BatchTriggered.BatchRun.class, Deployment.class,
			DeploymentError.class, DeploymentStatus.class, DeploymentStatus.Known.class, DeploymentTask.class,
			DeploymentWorker.class, PromotedDeployment.class, EnvVar.class, QueryResult.class, QueryScope.class,
			Queue.class, QueueConcurrency.class, QueueRef.Kind.class, QueueType.class, QueueType.Known.class,
			RelatedRuns.class, Run.class, RunAttempt.class, RunEnvironment.class, RunError.class, RunEvent.class,
			RunResult.class, RunResult.Usage.class, RunSchedule.class, RunSchedule.Generator.class, RunSpan.class,
			RunStatus.class, RunStatus.Known.class, RunSubscriptionOptions.class, RunTrace.class, SpanEvent.class,
			SpanKind.class, SpanKind.Known.class, SpanLevel.class, SpanLevel.Known.class, Schedule.class,
			Schedule.Environment.class, Schedule.Generator.class, ScheduleType.class, ScheduleType.Known.class,
			TriggerOptions.Queue.class, TriggeredRun.class, CreatedWaitpointToken.class, WaitpointError.class,
			WaitpointToken.class, WaitpointTokenStatus.class, WaitpointTokenStatus.Known.class);

	/**
	 * The package-private types Jackson reads or writes, by name: wire records beside the
	 * implementations and the deserializers named by {@code @JsonDeserialize}.
	 */
	static final List<String> WIRE_TYPES = List.of("io.trigger4j.client.DefaultAuthOperations$PublicTokenBody",
			"io.trigger4j.client.DefaultAuthOperations$Realtime",
			"io.trigger4j.client.DefaultAuthOperations$TokenAnswer",
			"io.trigger4j.client.DefaultEnvVarsOperations$CreateBody",
			"io.trigger4j.client.DefaultEnvVarsOperations$ImportBody",
			"io.trigger4j.client.DefaultEnvVarsOperations$ValueAnswer",
			"io.trigger4j.client.DefaultEnvVarsOperations$ValueBody",
			"io.trigger4j.client.DefaultIdempotencyKeysOperations$ResetAnswer",
			"io.trigger4j.client.DefaultIdempotencyKeysOperations$ResetBody",
			"io.trigger4j.client.DefaultQueryOperations$CsvAnswer",
			"io.trigger4j.client.DefaultQueryOperations$JsonAnswer",
			"io.trigger4j.client.DefaultQueryOperations$QueryBody",
			"io.trigger4j.client.DefaultQueuesOperations$OverrideBody",
			"io.trigger4j.client.DefaultQueuesOperations$Pagination",
			"io.trigger4j.client.DefaultQueuesOperations$PauseBody",
			"io.trigger4j.client.DefaultQueuesOperations$QueuePage",
			"io.trigger4j.client.DefaultQueuesOperations$TypeBody",
			"io.trigger4j.client.DefaultRunsOperations$EventsAnswer",
			"io.trigger4j.client.DefaultRunsOperations$IdAnswer",
			"io.trigger4j.client.DefaultRunsOperations$MessageAnswer",
			"io.trigger4j.client.DefaultRunsOperations$MetadataAnswer",
			"io.trigger4j.client.DefaultRunsOperations$MetadataBody",
			"io.trigger4j.client.DefaultRunsOperations$Pagination",
			"io.trigger4j.client.DefaultRunsOperations$ReplayBody",
			"io.trigger4j.client.DefaultRunsOperations$RescheduleBody",
			"io.trigger4j.client.DefaultRunsOperations$RunPage", "io.trigger4j.client.DefaultRunsOperations$TagsBody",
			"io.trigger4j.client.DefaultRunsOperations$TraceAnswer",
			"io.trigger4j.client.DefaultSchedulesOperations$DeletedAnswer",
			"io.trigger4j.client.DefaultSchedulesOperations$Pagination",
			"io.trigger4j.client.DefaultSchedulesOperations$ScheduleBody",
			"io.trigger4j.client.DefaultSchedulesOperations$SchedulePage",
			"io.trigger4j.client.DefaultSchedulesOperations$Timezones",
			"io.trigger4j.client.DefaultTasksOperations$ApplicationMapper",
			"io.trigger4j.client.DefaultTasksOperations$ApplicationMapper$Reader",
			"io.trigger4j.client.DefaultTasksOperations$BatchAnswer",
			"io.trigger4j.client.DefaultTasksOperations$BatchBody",
			"io.trigger4j.client.DefaultTasksOperations$CreateBatchAnswer",
			"io.trigger4j.client.DefaultTasksOperations$CreateBatchBody",
			"io.trigger4j.client.DefaultTasksOperations$ItemBody",
			"io.trigger4j.client.DefaultTasksOperations$KeyOptions",
			"io.trigger4j.client.DefaultTasksOperations$LineBody",
			"io.trigger4j.client.DefaultTasksOperations$OptionsBody",
			"io.trigger4j.client.DefaultTasksOperations$RunRef",
			"io.trigger4j.client.DefaultTasksOperations$StreamItemsAnswer",
			"io.trigger4j.client.DefaultTasksOperations$TriggerAnswer",
			"io.trigger4j.client.DefaultWaitpointsOperations$CompleteBody",
			"io.trigger4j.client.DefaultWaitpointsOperations$CreateAnswer",
			"io.trigger4j.client.DefaultWaitpointsOperations$CreateBody",
			"io.trigger4j.client.DefaultWaitpointsOperations$Pagination",
			"io.trigger4j.client.DefaultWaitpointsOperations$SuccessAnswer",
			"io.trigger4j.client.DefaultWaitpointsOperations$SuperJson",
			"io.trigger4j.client.DefaultWaitpointsOperations$TokenAnswer",
			"io.trigger4j.client.DefaultWaitpointsOperations$TokenPage", "io.trigger4j.client.Packets$PresignAnswer",
			"io.trigger4j.client.Packets$TriggerPayload", "io.trigger4j.client.RawJson",
			"io.trigger4j.client.error.ErrorBody", "io.trigger4j.client.error.ValidationIssue",
			"io.trigger4j.client.model.JsonValue$Reader", "io.trigger4j.client.model.runs.RunSpan$Data");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
		for (Class<?> type : MODEL_TYPES) {
			hints.reflection().registerType(type, MEMBERS);
			bindings.registerReflectionHints(hints.reflection(), type);
		}
		for (String name : WIRE_TYPES) {
			hints.reflection().registerType(TypeReference.of(name), MEMBERS);
			if (ClassUtils.isPresent(name, classLoader)) {
				bindings.registerReflectionHints(hints.reflection(), ClassUtils.resolveClassName(name, classLoader));
			}
		}
	}

}
