using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Infrastructure.Web;

/// <summary>
/// <c>GET /health</c>: 503 when any check is unhealthy. Anyone (a load balancer) gets the overall
/// status only; a signed-in operator also gets each check's state and data, which name the
/// database, the schema version and the scheduler and are nobody else's business.
/// </summary>
public static class HealthExtensions
{
    public static IHealthChecksBuilder AddSellerBridgeHealth(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

    public static void MapSellerBridgeHealth(this WebApplication app) =>
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                if (!context.User.IsInRole(SellerClaims.OperatorRole))
                {
                    await JsonSerializer.SerializeAsync(context.Response.Body, new { status = report.Status.ToString() });
                    return;
                }

                await JsonSerializer.SerializeAsync(context.Response.Body, new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(
                        e => e.Key,
                        e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
                });
            },
        });

    private sealed class DatabaseHealthCheck(Db db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var connection = await db.OpenAsync(cancellationToken);
                var migrations = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations");
                var expected = MigrationRunner.Scripts(db.Provider).Count;
                var data = new Dictionary<string, object> { ["provider"] = db.Provider.ToString(), ["migrations"] = migrations, ["expectedMigrations"] = expected };
                return migrations >= expected
                    ? HealthCheckResult.Healthy($"{db.Provider} reachable, schema current.", data)
                    : HealthCheckResult.Degraded($"{db.Provider} reachable, {expected - migrations} migration(s) not applied yet.", data: data);
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy($"{db.Provider} not reachable: {ex.GetType().Name}", ex);
            }
        }
    }
}
