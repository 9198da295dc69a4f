using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SellerBridge.Web.Infrastructure.Web;

/// <summary>The <c>/api/v1</c> contract as an OpenAPI document generated from the controllers, with the API-key scheme.</summary>
public static class OpenApiExtensions
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "SellerBridge API",
                    Version = "v1",
                    Description = "Catalogue imports, products, listings and orders for one seller, authenticated with the seller's API key in X-Api-Key. Errors are RFC 9457 problem details; send Accept-Language: en for English messages (Korean by default).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    ["ApiKey"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Header,
                        Name = "X-Api-Key",
                        Description = "A seller's API key, made on the portal's API keys page or by the create-seller command.",
                    },
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
                return Task.CompletedTask;
            });
        });

    public static void MapApiDocument(this WebApplication app) => app.MapOpenApi("/openapi/{documentName}.json");
}
