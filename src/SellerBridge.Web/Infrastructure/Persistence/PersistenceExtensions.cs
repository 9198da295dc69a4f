using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Persistence.Dialects;

namespace SellerBridge.Web.Infrastructure.Persistence;

public static class PersistenceExtensions
{
    /// <summary>Database options, the connection factory, migrations at start, and data-protection keys in the database.</summary>
    public static WebApplicationBuilder AddPersistence(this WebApplicationBuilder builder)
    {
        DapperTypeHandlers.Register();
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
            {
                var configured = configuration.GetConnectionString("SellerBridge");
                options.ConnectionString = string.IsNullOrWhiteSpace(configured)
                    ? DefaultSqlite(contentRoot, options.Provider)
                    : configured;
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidation>();

        // The dialect is chosen here, once; everything that differs between databases asks it.
        builder.Services.AddSingleton(sp => SqlDialect.For(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider));
        builder.Services.AddSingleton(sp => new Db(sp.GetRequiredService<SqlDialect>(), sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddHostedService<MigrateAtStart>();

        builder.Services.AddSingleton<DbXmlRepository>();
        builder.Services.AddDataProtection().SetApplicationName("SellerBridge");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<DbXmlRepository>((options, repository) => options.XmlRepository = repository);
        return builder;
    }

    private static string DefaultSqlite(string contentRoot, DatabaseProvider provider)
    {
        if (provider != DatabaseProvider.Sqlite)
        {
            return "";
        }

        var folder = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "sellerbridge.db")};Cache=Shared;Pooling=True";
    }

    /// <summary>Runs the schema scripts before anything else starts, so jobs and requests find their tables.</summary>
    private sealed class MigrateAtStart(MigrationRunner runner) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken) => await runner.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
