using SellerBridge.Web.Infrastructure.Jobs;

namespace SellerBridge.Web.Features.Catalogue;

public static class CatalogueExtensions
{
    /// <summary>Catalogue upload, the import job and its sweep, and the products API.</summary>
    public static WebApplicationBuilder AddCatalogue(this WebApplicationBuilder builder)
    {
        // CP949/EUC-KR, which Korean Excel writes by default.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        builder.Services.AddOptions<CatalogueOptions>()
            .BindConfiguration(CatalogueOptions.Section)
            .Validate(o => o.MaxUploadMegabytes > 0, "Catalogue__MaxUploadMegabytes must be greater than 0.")
            .Validate(o => o.BatchSize is null or (>= 10 and <= 10_000), "Catalogue__BatchSize must be between 10 and 10000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ImportProgress>();
        builder.Services.AddSingleton<ImportQueue>();
        builder.Services.AddSingleton<StartImport>();
        builder.Services.AddSingleton<RunImport>();
        builder.Services.AddSingleton<ImportQueries>();
        builder.Services.AddSingleton<RejectedRowsCsv>();
        builder.Services.AddSingleton<ProductQueries>();
        builder.Services.AddRecurringJob<ImportSweepJob>(ImportSweepJob.Name, _ => TimeSpan.FromMinutes(1), recoversWork: true);
        builder.Services.AddOnDemandJob<ImportJob>(ImportSweepJob.Name);
        return builder;
    }
}
