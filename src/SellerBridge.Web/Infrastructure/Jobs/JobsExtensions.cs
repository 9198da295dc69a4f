using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Quartz;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>
/// Quartz.NET on the app's own database: a persistent store (tables <c>qrtz_*</c> from migration
/// 0002), clustered on PostgreSQL and SQL Server, single-node on SQLite; run history in
/// <c>job_runs</c>; the <c>scheduler</c> health check; and <see cref="JobScheduler"/> for features.
/// </summary>
public static class JobsExtensions
{
    public const string TablePrefix = "qrtz_";

    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>()
            .BindConfiguration(JobsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Quartz fixes its store's dialect and clustering while services are registered, so these are
        // read from configuration now; StoreMatchesDatabase checks at start that they agree with Db.
        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        var provider = builder.Configuration.GetValue(DatabaseOptions.Section + ":" + nameof(DatabaseOptions.Provider), DatabaseProvider.Sqlite);

        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = jobs.InstanceName;
                // Each node names itself, which is what job_runs.node shows; clustering requires it.
                o.InstanceId = "AUTO";
                o.GenerateInstanceId = true;
            });
            q.UseDefaultThreadPool(jobs.ThreadCount);
            q.AddJobListener<JobRunHistory>();
            q.UsePersistentStore(store =>
            {
                store.ConfigureStore(o => o.TablePrefix = TablePrefix);
                store.UseSystemTextJsonSerializer();
                switch (provider)
                {
                    case DatabaseProvider.Sqlite:
                        // Not clustered: SQLite has one writer, and Quartz serialises its own access to it.
                        store.UseSqlite(o => o.Provider = DataSourceOptions.Providers.Sqlite);
                        break;
                    case DatabaseProvider.Postgres:
                        store.UsePostgres(o => o.Provider = DataSourceOptions.Providers.Npgsql);
                        store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(jobs.CheckinIntervalSeconds));
                        break;
                    case DatabaseProvider.SqlServer:
                        store.UseSqlServer(o => o.Provider = DataSourceOptions.Providers.SqlServer);
                        store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(jobs.CheckinIntervalSeconds));
                        break;
                }
            });
        });

        // The connection string is the app's own, resolved the same way Db gets it.
        builder.Services.AddOptions<DataSourceOptions>(QuartzDataSourceName)
            .Configure<IOptions<DatabaseOptions>>((source, database) =>
                source.ConnectionString = StoreConnectionString(database.Value));

        builder.Services.AddSingleton<JobScheduler>();
        builder.Services.AddSingleton<JobRunsCleanup>();
        builder.Services.AddSingleton<Features.Operator.JobsOverview>();

        // Hosted services start in registration order: migrations (AddPersistence) first, then these
        // checks and the recurring schedule, then the scheduler itself.
        builder.Services.AddHostedService(sp => new StoreMatchesDatabase(provider, sp.GetRequiredService<Db>()));
        builder.Services.AddHostedService<RecurringJobsAtStart>();

        // Jobs:Enabled=false builds the scheduler (so this node can queue work into the store) but
        // never starts it; the hosted service still shuts it down cleanly.
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddOptions<QuartzHostedServiceOptions>()
            .Configure<IOptions<JobsOptions>>((o, options) => o.AutoStart = options.Value.Enabled);
        builder.Services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler");
        return builder;
    }

    /// <summary>The data source name Quartz gives the default scheduler's store.</summary>
    internal const string QuartzDataSourceName = "quartz";

    /// <summary>
    /// The app's connection string, plus on SQLite a busy wait: Microsoft.Data.Sqlite retries a
    /// locked database for the command timeout, so a job store write queues behind a request's write
    /// instead of failing. WAL is a property of the file, set by <see cref="Db"/> when migrations run.
    /// </summary>
    internal static string StoreConnectionString(DatabaseOptions database)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return database.ConnectionString;
        }

        var sqlite = new SqliteConnectionStringBuilder(database.ConnectionString);
        if (sqlite.DefaultTimeout < 30)
        {
            sqlite.DefaultTimeout = 30;
        }

        return sqlite.ToString();
    }

    /// <summary>Refuses to start when the store's dialect was chosen for another database than the app's.</summary>
    private sealed class StoreMatchesDatabase(DatabaseProvider registered, Db db) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            registered == db.Provider
                ? Task.CompletedTask
                : throw new InvalidOperationException(
                    $"The job store was set up for {registered} but Database__Provider resolves to {db.Provider}; " +
                    "set Database__Provider in configuration read before the app is built (environment or appsettings).");

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
