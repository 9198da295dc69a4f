using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
#if SQLITE_FILE_JOB_STORAGE
using Hangfire.Storage.SQLite;
#endif
using Microsoft.AspNetCore.Authentication;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>
/// Hangfire on the app's own database: PostgreSQL and SQL Server stores shared by every node (a job
/// whose node dies is handed to another once its renewal stops), and on the embedded SQLite default
/// an in-memory store whose owed work the app's own tables record and its sweeps re-queue at start.
/// Everything is registered per host, not through Hangfire's static configuration, so several apps
/// in one process (the tests) never share a store, a filter or an activator.
/// </summary>
public static class JobsExtensions
{
    public const string DashboardPath = "/operator/hangfire";

    private static readonly object s_serializerLock = new();
    private static bool s_serializerSet;

    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>()
            .BindConfiguration(JobsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        UseOneSerializer();
        services.AddSingleton<JobMutex>();
        services.AddSingleton<JobRunFilter>();
        services.AddSingleton<IJobFilterProvider>(sp =>
        {
            var filters = new JobFilterCollection
            {
                // A failed run is recorded and shown; the recurring turn or the sweep that follows is the retry.
                new AutomaticRetryAttribute { Attempts = 0 },
                new StatisticsHistoryAttribute(),
                new ContinuationsSupportAttribute(),
                sp.GetRequiredService<JobRunFilter>(),
            };
            return new JobFilterProviderCollection(filters, new JobFilterAttributeFilterProvider());
        });
        services.AddSingleton(sp => CreateIdentity(sp.GetRequiredService<Db>(), sp.GetRequiredService<IOptions<JobsOptions>>().Value));
        services.AddSingleton(sp => CreateStorage(sp.GetRequiredService<Db>(), sp.GetRequiredService<IOptions<JobsOptions>>().Value));
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton<IRecurringJobManager>(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        // What Hangfire's dashboard looks for. Not AddHangfire: it points Hangfire's static logger at
        // this host's logger factory, which the next host in the same process would find disposed.
        services.AddSingleton<IGlobalConfiguration>(_ => GlobalConfiguration.Configuration);
        services.AddSingleton(_ => Hangfire.Dashboard.DashboardRoutes.Routes);
        services.AddSingleton<ITimeZoneResolver>(_ => new DefaultTimeZoneResolver());

        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobRunsCleanup>();
        services.AddSingleton<Features.Operator.JobsOverview>();
        services.AddRecurringJob<JobRunsCleanupJob>(JobRunsCleanupJob.Name, sp => TimeSpan.FromMinutes(sp.GetRequiredService<IOptions<JobsOptions>>().Value.CleanupIntervalMinutes));

        // Hosted services start in registration order: migrations (AddPersistence) first, then the
        // recurring schedule, then the server, whose first act on SQLite is to sweep for owed work.
        services.AddHostedService<RecurringJobsAtStart>();
        services.AddHostedService<JobServerHost>();
        services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler");
        return builder;
    }

    /// <summary>Hangfire's dashboard at <see cref="DashboardPath"/>, for operators; others are sent to sign in.</summary>
    public static WebApplication UseJobsDashboard(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments(DashboardPath), branch => branch.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                await context.ChallengeAsync();
                return;
            }

            if (!context.User.IsInRole(SellerClaims.OperatorRole))
            {
                await context.ForbidAsync();
                return;
            }

            await next();
        }));
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new OperatorDashboardAuthorization()],
            AppPath = "/operator/jobs",
            DashboardTitle = "SellerBridge",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    private static void UseOneSerializer()
    {
        // Hangfire keeps its serializer settings in static state; every host sets the same ones.
        lock (s_serializerLock)
        {
            if (s_serializerSet)
            {
                return;
            }

            GlobalConfiguration.Configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(HangfireLogging.Instance);
            s_serializerSet = true;
        }
    }

    private static JobServerIdentity CreateIdentity(Db db, JobsOptions options)
    {
        var name = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}".ToLowerInvariant();
        return db.Provider switch
        {
            DatabaseProvider.Postgres => new JobServerIdentity(name, "PostgreSql", shared: true),
            DatabaseProvider.SqlServer => new JobServerIdentity(name, "SqlServer", shared: true),
            _ when options.SqliteStorage == SqliteJobStorage.File => new JobServerIdentity(name, "SQLite file", shared: true),
            _ => new JobServerIdentity(name, "InMemory", shared: false),
        };
    }

    private static JobStorage CreateStorage(Db db, JobsOptions options)
    {
        var polling = TimeSpan.FromSeconds(options.PollingIntervalSeconds);
        var invisibility = TimeSpan.FromMinutes(options.InvisibilityTimeoutMinutes);
        switch (db.Provider)
        {
            case DatabaseProvider.Postgres:
                var postgres = new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = invisibility,
                    QueuePollInterval = polling,
                    // Workers wake on NOTIFY when a job is queued instead of waiting for their next poll.
                    EnableLongPolling = true,
                };
                return new PostgreSqlStorage(new PooledConnections(db), postgres);
            case DatabaseProvider.SqlServer:
                return new SqlServerStorage(db.ConnectionString, new SqlServerStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    SlidingInvisibilityTimeout = invisibility,
                    QueuePollInterval = TimeSpan.Zero,
                    SqlClientFactory = Microsoft.Data.SqlClient.SqlClientFactory.Instance,
                });
            default:
                if (options.SqliteStorage == SqliteJobStorage.File)
                {
#if SQLITE_FILE_JOB_STORAGE
                    var file = new SqliteConnectionStringBuilder(db.ConnectionString).DataSource + ".hangfire";
                    return new SQLiteStorage(file, new SQLiteStorageOptions { QueuePollInterval = polling, InvisibilityTimeout = invisibility });
#else
                    throw new InvalidOperationException(
                        "Jobs__SqliteStorage=File needs a build with -p:WithSqliteFileJobStorage=true (only for measuring it; see the README's \"Background jobs\"); use InMemory.");
#endif
                }

                return new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long });
        }
    }

    /// <summary>Hangfire's PostgreSQL connections come from the app's own pool, so one pool serves the node and closes with it.</summary>
    private sealed class PooledConnections(Db db) : IConnectionFactory
    {
        public Npgsql.NpgsqlConnection GetOrCreateConnection() => (Npgsql.NpgsqlConnection)db.CreateConnection();
    }

    /// <summary>This node's Hangfire server, started only where <c>Jobs:Enabled</c>.</summary>
    private sealed class JobServerHost(
        JobStorage storage,
        IJobFilterProvider filters,
        JobActivator activator,
        JobServerIdentity identity,
        ILoggerFactory loggers,
        IHostApplicationLifetime lifetime,
        IOptions<JobsOptions> options) : IHostedService, IDisposable
    {
        private BackgroundJobServer? _server;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            HangfireLogging.Use(loggers);
            if (!options.Value.Enabled)
            {
                return Task.CompletedTask;
            }

            // Jobs start once the app has started: by then the server knows its own address, which the
            // in-process sandbox gateways are reached by, and every other hosted service has run.
            lifetime.ApplicationStarted.Register(() => _server = new BackgroundJobServer(
                new BackgroundJobServerOptions
                {
                    ServerName = identity.Name,
                    WorkerCount = options.Value.WorkerCount,
                    SchedulePollingInterval = TimeSpan.FromSeconds(options.Value.PollingIntervalSeconds),
                    Activator = activator,
                    FilterProvider = filters,
                },
                storage));
            return Task.CompletedTask;
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (_server is null)
            {
                return;
            }

            _server.SendStop();
            await _server.WaitForShutdownAsync(cancellationToken);
        }

        public void Dispose() => _server?.Dispose();
    }
}
